#include "sim/cli/cli_main.h"

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "models/io/input_error.h"
#include "sim/process/interrupt.h"

namespace paradis {
namespace {

// The deepest subcommand the user reached, for a usage message that fits.
const CLI::App* deepest_parsed(const CLI::App* app) {
  for (const CLI::App* sub : app->get_subcommands()) return deepest_parsed(sub);
  return app;
}

// CLI11 reports a mistyped subcommand as a missing one; name it instead.
// Returns the subcommand that does not exist, with the level it was met at.
const CLI::App* find_unknown_subcommand(const CLI::App* app, int argc, char** argv, int at,
                                        std::string& unknown) {
  if (at >= argc || argv[at][0] == '-') return nullptr;
  const auto subs = app->get_subcommands([](const CLI::App*) { return true; });
  if (subs.empty()) return nullptr;
  for (const CLI::App* sub : subs) {
    if (sub->check_name(argv[at])) return find_unknown_subcommand(sub, argc, argv, at + 1, unknown);
  }
  unknown = argv[at];
  return app;
}

}  // namespace

int run_command_line(CLI::App& app, const CommandAction& action, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e);  // --help
    }
    std::string unknown;
    if (const CLI::App* level = find_unknown_subcommand(&app, argc, argv, 1, unknown)) {
      std::cerr << "paradis-sim: error: unknown subcommand '" << unknown << "'\n\n"
                << level->help();
      return 2;
    }
    const CLI::App* where = deepest_parsed(&app);
    std::cerr << "paradis-sim: error: " << e.what() << "\n\n" << where->help();
    return 2;
  }
  try {
    return action ? action() : 2;
  } catch (const InterruptedError& e) {
    std::cerr << "paradis-sim: " << e.what() << "; nothing was written\n";
    return 128 + e.signal_number();
  } catch (const InputError& e) {
    std::cerr << "paradis-sim: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "paradis-sim: internal error: " << e.what() << '\n';
    return 1;
  }
}

std::string joined_command_line(int argc, char** argv) {
  std::string line = "paradis-sim";
  for (int i = 1; i < argc; ++i) line += std::string(" ") + argv[i];
  return line;
}

}  // namespace paradis
