#include "program_options.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool contains(std::span<const std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// curl's value-taking options (curl 8): the short letters and the long names a script is likely to use.
constexpr std::string_view curl_short_values = "AbcCdDEeFHKmoPQrTtuUwXxyYz";
constexpr std::array<std::string_view, 54> curl_long_values = {"output",
                                                               "output-dir",
                                                               "header",
                                                               "proxy-header",
                                                               "user-agent",
                                                               "data",
                                                               "data-ascii",
                                                               "data-binary",
                                                               "data-raw",
                                                               "data-urlencode",
                                                               "json",
                                                               "form",
                                                               "form-string",
                                                               "user",
                                                               "proxy-user",
                                                               "request",
                                                               "proxy",
                                                               "config",
                                                               "cacert",
                                                               "capath",
                                                               "cert",
                                                               "cert-type",
                                                               "key",
                                                               "key-type",
                                                               "referer",
                                                               "max-time",
                                                               "connect-timeout",
                                                               "retry",
                                                               "retry-delay",
                                                               "retry-max-time",
                                                               "write-out",
                                                               "cookie",
                                                               "cookie-jar",
                                                               "dump-header",
                                                               "range",
                                                               "upload-file",
                                                               "limit-rate",
                                                               "resolve",
                                                               "connect-to",
                                                               "proto",
                                                               "proto-redir",
                                                               "interface",
                                                               "url",
                                                               "netrc-file",
                                                               "continue-at",
                                                               "max-filesize",
                                                               "max-redirs",
                                                               "time-cond",
                                                               "speed-limit",
                                                               "speed-time",
                                                               "quote",
                                                               "ciphers",
                                                               "tls-max",
                                                               "oauth2-bearer"};

// GNU wget's value-taking options.
constexpr std::string_view wget_short_values = "oaiBtTwQOPeUlARDIX";
constexpr std::array<std::string_view, 30> wget_long_values = {"output-file",
                                                               "append-output",
                                                               "input-file",
                                                               "base",
                                                               "tries",
                                                               "timeout",
                                                               "wait",
                                                               "quota",
                                                               "output-document",
                                                               "directory-prefix",
                                                               "execute",
                                                               "user-agent",
                                                               "level",
                                                               "accept",
                                                               "reject",
                                                               "domains",
                                                               "include-directories",
                                                               "exclude-directories",
                                                               "header",
                                                               "user",
                                                               "password",
                                                               "http-user",
                                                               "http-password",
                                                               "post-data",
                                                               "post-file",
                                                               "ca-certificate",
                                                               "ca-directory",
                                                               "certificate",
                                                               "private-key",
                                                               "progress"};

bool is_stdout(std::string_view path) {
    return path == "-" || path == "/dev/stdout";
}

} // namespace

bool ProgramOptions::has_option(std::initializer_list<std::string_view> names) const {
    return option(names) != nullptr;
}

const CommandOption* ProgramOptions::option(std::initializer_list<std::string_view> names) const {
    const CommandOption* found = nullptr;
    for (const CommandOption& o : options)
        if (contains(names, o.name))
            found = &o;
    return found;
}

ProgramOptions read_program_options(const shell::Command& command, const GetoptSyntax& syntax,
                                    std::size_t first) {
    ProgramOptions out;
    const std::vector<shell::Word>& words = command.words;
    bool options_end = false;
    for (std::size_t i = first; i < words.size(); ++i) {
        const std::string& word = words[i].value;
        if (options_end || word.size() < 2 || word[0] != '-') {
            out.operands.push_back(words[i]);
            continue;
        }
        if (word == "--") {
            options_end = true;
            out.operands_before_dashes = out.operands.size();
            continue;
        }
        if (word[1] == '-') {
            CommandOption option;
            option.is_long = true;
            option.word = i;
            option.operands_before = out.operands.size();
            const std::size_t eq = word.find('=');
            option.name = word.substr(2, eq == npos ? npos : eq - 2);
            if (eq != npos)
                option.value = word.substr(eq + 1);
            else if (contains(syntax.long_values, option.name) && i + 1 < words.size())
                option.value = words[++i].value;
            out.options.push_back(std::move(option));
            continue;
        }
        // A cluster of short options: `-fsSL` is `-f -s -S -L`; the value of a value-taking letter is the
        // rest of the word or, at its end, the next word.
        for (std::size_t k = 1; k < word.size(); ++k) {
            const char letter = word[k];
            if (std::isalnum(static_cast<unsigned char>(letter)) == 0)
                break;
            CommandOption option;
            option.name = std::string(1, letter);
            option.word = i;
            option.operands_before = out.operands.size();
            const bool takes_value = syntax.short_values.find(letter) != npos;
            const bool ends = syntax.ending_letters.find(letter) != npos;
            if (takes_value) {
                if (k + 1 < word.size())
                    option.value = word.substr(k + 1);
                else if (i + 1 < words.size())
                    option.value = words[++i].value;
            }
            out.options.push_back(std::move(option));
            if (ends)
                options_end = true;
            if (takes_value || ends)
                break;
        }
    }
    return out;
}

std::optional<DownloadCommand> read_download_command(const shell::Command& command) {
    if (command.words.empty() || command.words.front().dynamic)
        return std::nullopt;
    DownloadCommand out;
    out.command = &command;
    if (command.name() == "curl") {
        out.tool = Downloader::Curl;
        out.options = read_program_options(command, {curl_short_values, curl_long_values});
    } else if (command.name() == "wget") {
        out.tool = Downloader::Wget;
        out.options = read_program_options(command, {wget_short_values, wget_long_values});
    } else {
        return std::nullopt;
    }
    return out;
}

bool writes_to_stdout(const DownloadCommand& download) {
    const ProgramOptions& options = download.options;
    if (download.tool == Downloader::Wget) {
        const CommandOption* document = options.option({"O", "output-document"});
        return document && document->value && is_stdout(*document->value);
    }
    if (options.has_option({"O", "remote-name", "remote-name-all"}))
        return false;
    const CommandOption* output = options.option({"o", "output"});
    return !output || !output->value || is_stdout(*output->value);
}

} // namespace drydock::rules
