#pragma once
// The options of programs other than the OS package managers (curl, wget, interpreters, …), read the way
// getopt reads them: combined short options (`-fsSL`), attached and separate values (`-ofile`, `-o file`,
// `--output=file`, `--output file`) and `--`. Rules ask "is `-k` given?" without mistaking the `k` inside
// `-ukey:secret` (the value of `-u`) for an option, and the download rules ask where curl and wget write.

#include "package_managers.hpp"

#include <drydock/parser/shell.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace drydock::rules {

// How a program spells its value-taking options.
struct GetoptSyntax {
    std::string_view short_values;                 // letters whose value is the rest of the word or the next
    std::span<const std::string_view> long_values; // long names whose value may be the next word
    // Letters after which the remaining words are operands, never options (`-c` of a shell, `-m` of python):
    // with the operands they take, they end the option list.
    std::string_view ending_letters{};
};

// A command read as options and operands.
struct ProgramOptions {
    std::vector<CommandOption> options; // `operands_before` counts operands before each option
    std::vector<shell::Word> operands;  // words after `--` included; `-` alone is an operand
    // How many operands come before the `--` that ends the options; nullopt when there is none.
    std::optional<std::size_t> operands_before_dashes;

    bool has_option(std::initializer_list<std::string_view> names) const;
    // The last option with one of these names, or nullptr.
    const CommandOption* option(std::initializer_list<std::string_view> names) const;
};

// Reads `command.words[first…]`. Options stop at `--`, and after an ending letter (its value, when the letter
// takes one, is the rest of the word or the next word).
ProgramOptions read_program_options(const shell::Command& command, const GetoptSyntax& syntax,
                                    std::size_t first = 1);

// ---- curl and wget

enum class Downloader { Curl, Wget };

struct DownloadCommand {
    Downloader tool = Downloader::Curl;
    const shell::Command* command = nullptr;
    ProgramOptions options;
};

// `command` (wrappers removed) read as curl or wget; nullopt for any other program.
std::optional<DownloadCommand> read_download_command(const shell::Command& command);

// Whether the download goes to standard output: curl without `-o FILE`/`--output FILE`, `-O`/
// `--remote-name`/`--remote-name-all` (or with `-o -`, `-o /dev/stdout`); wget only with `-O -` /
// `--output-document=-` (or `/dev/stdout`), since it writes a file by default.
bool writes_to_stdout(const DownloadCommand& download);

} // namespace drydock::rules
