// Subcommands of the sopocr CLI. Each registers its options on the app and returns a function
// that runs it and yields the process exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace sopocr::cli {

using CommandRunner = std::function<int()>;

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailures = 1;  // the command ran; some inputs failed (details printed)
inline constexpr int kExitUsage = 2;     // bad arguments or unreadable configuration

CommandRunner add_ingest_command(CLI::App& app);
CommandRunner add_validate_command(CLI::App& app);
CommandRunner add_eval_command(CLI::App& app);
CommandRunner add_export_command(CLI::App& app);

}  // namespace sopocr::cli
