#!/usr/bin/env bash
# The photographs of the super-resolution sets, from Debian's packages and
# nothing else: downloads mate-backgrounds, opencv-doc and python3-skimage
# as .deb files (apt-get download: nothing is installed, no root needed),
# unpacks them, and copies the chosen photographs into OUT/train,
# OUT/heldout and OUT/eval with OUT/SOURCES.tsv (set, file, package,
# version, licence, sha256). Idempotent: packages already downloaded are
# not fetched again. docs/super-resolution-data.md says why these images.
#
#   scripts/sr-photos.sh [OUT]      (default: data/sr)
set -euo pipefail

OUT=${1:-data/sr}
DEBS="$OUT/debs"
mkdir -p "$DEBS" "$OUT/train" "$OUT/heldout" "$OUT/eval"

fetch() {  # package -> the unpacked folder
  local pkg=$1
  if ! ls "$DEBS/${pkg}"_*.deb >/dev/null 2>&1; then
    (cd "$DEBS" && apt-get download "$pkg" >/dev/null 2>"$pkg.log") || {
      echo "sr-photos: cannot download the Debian package $pkg (apt-get download $pkg):" >&2
      cat "$DEBS/$pkg.log" >&2
      exit 2
    }
  fi
  local deb
  deb=$(ls "$DEBS/${pkg}"_*.deb | head -1)
  if [[ ! -d "$DEBS/$pkg" ]]; then
    dpkg-deb -x "$deb" "$DEBS/$pkg.partial" && mv "$DEBS/$pkg.partial" "$DEBS/$pkg"
  fi
}

version_of() { dpkg-deb -f "$(ls "$DEBS/${1}"_*.deb | head -1)" Version; }

fetch mate-backgrounds
fetch opencv-doc
fetch python3-skimage

MATE=$DEBS/mate-backgrounds/usr/share/backgrounds/mate/nature
OCV=$DEBS/opencv-doc/usr/share/doc/opencv-doc/examples/data
SKI=$DEBS/python3-skimage/usr/lib/python3/dist-packages/skimage/data

# set  source-folder  package  licence  files...
SETS=(
  "train|$MATE|mate-backgrounds|GPL-2+ (debian/copyright of mate-backgrounds)|Aqua.jpg Blinds.jpg Dune.jpg FreshFlower.jpg Garden.jpg GreenMeadow.jpg LadyBird.jpg RainDrops.jpg Storm.jpg TwoWings.jpg"
  "heldout|$MATE|mate-backgrounds|GPL-2+ (debian/copyright of mate-backgrounds)|Wood.jpg YellowFlower.jpg"
  "eval|$OCV|opencv-doc|Apache-2.0 AND BSD-3-Clause (debian/copyright of opencv-doc, Files: *)|baboon.jpg fruits.jpg butterfly.jpg building.jpg home.jpg board.jpg"
  "eval|$SKI|python3-skimage|CC0 or public domain (skimage/data/_fetchers.py)|astronaut.png chelsea.png coffee.png rocket.jpg motorcycle_left.png"
)

manifest="$OUT/SOURCES.tsv.partial"
printf 'set\tfile\tpackage\tversion\tlicence\tsha256\n' > "$manifest"
for entry in "${SETS[@]}"; do
  IFS='|' read -r set dir pkg licence files <<< "$entry"
  version=$(version_of "$pkg")
  for f in $files; do
    if [[ ! -f "$dir/$f" ]]; then
      echo "sr-photos: $pkg $version has no $dir/$f" >&2
      exit 2
    fi
    cp "$dir/$f" "$OUT/$set/$f"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$f" "$pkg" "$version" "$licence" \
      "$(sha256sum "$OUT/$set/$f" | cut -d' ' -f1)" >> "$manifest"
  done
done
mv "$manifest" "$OUT/SOURCES.tsv"
echo "sr-photos: $(($(wc -l < "$OUT/SOURCES.tsv") - 1)) photographs in $OUT (train, heldout, eval); sources in $OUT/SOURCES.tsv"
