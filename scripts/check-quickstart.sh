#!/usr/bin/env bash
# Runs the README's quick start as a newcomer does: in a fresh clone of this
# repository's HEAD, in a temporary folder, exactly `scripts/quickstart.sh`.
# Fails unless the table it prints equals scenarios/quickstart.expected and
# out/quickstart/summary.png was drawn. (Uncommitted changes are not in the
# clone: commit first.)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/paradis-quickstart-XXXXXX")"
trap 'rm -rf "$work"' EXIT INT TERM HUP

echo "== quick start in a fresh clone: $work/clone"
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"
scripts/quickstart.sh > "$work/stdout"

# What the run printed: from the line after the command to the "Wrote" line.
sed -n '/^== paradis-sim run /,/^Wrote /p' "$work/stdout" | sed 1d > "$work/table"
if ! diff -u scenarios/quickstart.expected "$work/table"; then
  echo "check-quickstart: the quick start's output differs from scenarios/quickstart.expected" >&2
  exit 1
fi
for plot in summary.png accuracy_latency.png accuracy_latency.svg gantt.png gantt.svg; do
  test -s "out/quickstart/$plot" || {
    echo "check-quickstart: out/quickstart/$plot was not drawn" >&2
    exit 1
  }
done
echo "check-quickstart: the fresh clone's quick start printed scenarios/quickstart.expected and drew its plots in out/quickstart/"
