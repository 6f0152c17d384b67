// DD2012: package signature checks turned off (`apk --allow-untrusted`, `apt-get --allow-unauthenticated`,
// `--nogpgcheck`, `rpm --nosignature`, `[trusted=yes]`).

#include "fix_builders.hpp"
#include "instruction_queries.hpp"
#include "package_managers.hpp"
#include "program_options.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <string>

namespace drydock::rules {
namespace {

// Checkov's ids: apk --allow-untrusted, apt-get --allow-unauthenticated, yum/dnf --nogpgcheck, rpm
// --nosignature/--nodigest, apt-get --force-yes.
constexpr std::array<std::string_view, 5> aliases{"CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9",
                                                  "CKV2_DOCKER_10", "CKV2_DOCKER_11"};

constexpr RuleMeta rule_meta{
    .code = "DD2012",
    .name = "package-signature-disabled",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Do not turn off package signature checks",
    .docs =
        {.what =
             "Reports what makes a package manager install packages whose signature it has not checked:\n\n"
             "* apk `--allow-untrusted` (not `apk index`, which installs nothing);\n"
             "* apt-get/apt/aptitude `--allow-unauthenticated`, `--allow-insecure-repositories`, "
             "`--force-yes`, `-o APT::Get::AllowUnauthenticated=true`, `-o "
             "Acquire::AllowInsecureRepositories=true`; a source line with `[trusted=yes]` written to "
             "`/etc/apt/sources.list*` (`echo 'deb [trusted=yes] https://…' > "
             "/etc/apt/sources.list.d/x.list`) unless its URI is a local `file:` repository;\n"
             "* yum/dnf/microdnf `--nogpgcheck` (dnf5: `--no-gpgchecks`), `--setopt=gpgcheck=0` (also "
             "`repo_gpgcheck`, `localpkg_gpgcheck`, `<repo>.gpgcheck`; also through `yum-config-manager` "
             "and `dnf config-manager`);\n"
             "* zypper `--no-gpg-checks`, `addrepo --no-gpgcheck`/`-G`;\n"
             "* rpm `--nosignature`, `--nodigest`, `--nofiledigest`, `--noverify`.\n\n"
             "Commands in the RUN's command line, heredoc bodies read by a shell, exec form and `ONBUILD "
             "RUN` are checked.",
         .why = "Signatures are what ties a package to its publisher: mirrors, proxies and plain-HTTP "
                "repositories are not trusted, the signing key is. With the check off, a tampered or "
                "substituted package — from a compromised mirror or anyone on the network path — is "
                "installed as root without a word. Import the repository's signing key instead (`apk` "
                "keys in `/etc/apk/keys`, `signed-by=` for apt, `rpm --import` for rpm-based systems).",
         .bad = "FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted mytool\n",
         .good = "FROM alpine:3.20\nCOPY mytool.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache mytool\n",
         .fix_safety = "Unsafe (applied with `--unsafe-fixes`): the option is deleted with the blank before "
                       "it, for the options written as a word of their own (`--allow-untrusted`, "
                       "`--allow-unauthenticated`, `--nogpgcheck`, …). The package manager then checks "
                       "signatures, and the build fails until the signing key is in place. Not offered for "
                       "a command that installs a local package file (`apk add --allow-untrusted "
                       "/tmp/x.apk`), which needs a key first; nor for `--force-yes` when nothing else "
                       "(`-y`) answers apt-get's prompt; nor for `-o`/`--setopt` settings and sources "
                       "lines.",
         .references = "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper\n"
                       "https://wiki.debian.org/DebianRepository/UseThirdParty\n"
                       "https://dnf.readthedocs.io/en/latest/command_ref.html"},
};

bool is_one_of(std::string_view value, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_false(std::string_view value) {
    return boolean_value(value) == false;
}

// A setting key that ends with `gpgcheck` after a `.` or is it (`gpgcheck`, `repo_gpgcheck`,
// `localpkg_gpgcheck`, `*.gpgcheck`, `myrepo.gpgcheck`).
bool is_gpgcheck_key(std::string_view key) {
    const std::string k = to_lower(key);
    const std::string_view last =
        std::string_view(k).substr(k.rfind('.') == std::string::npos ? 0 : k.rfind('.') + 1);
    return last == "gpgcheck" || last == "repo_gpgcheck" || last == "localpkg_gpgcheck";
}

// Whether an option of a package command turns signature checks off.
bool disables_signatures(const PackageCommand& command, const CommandOption& option) {
    switch (command.manager) {
    case PackageManager::Apk: // `apk index --allow-untrusted` only reads local files to index them
        return option.is_long && option.name == "allow-untrusted" && command.subcommand() != "index";
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude: {
        if (option.is_long && is_one_of(option.name, {"allow-unauthenticated", "allow-insecure-repositories",
                                                      "force-yes", "allow-untrusted"}))
            return true;
        if ((option.name != "o" && option.name != "option") || !option.value)
            return false;
        const std::size_t eq = option.value->find('=');
        if (eq == std::string::npos)
            return false;
        const std::string_view key = std::string_view(*option.value).substr(0, eq);
        return (iequals(key, "APT::Get::AllowUnauthenticated") ||
                iequals(key, "Acquire::AllowInsecureRepositories") ||
                iequals(key, "Acquire::AllowDowngradeToInsecureRepositories")) &&
               boolean_value(option.value->substr(eq + 1)).value_or(false);
    }
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf: {
        if (option.is_long && (option.name == "nogpgcheck" || option.name == "no-gpgchecks"))
            return true;
        if (option.name != "setopt" || !option.value)
            return false;
        const std::size_t eq = option.value->find('=');
        return eq != std::string::npos && is_gpgcheck_key(option.value->substr(0, eq)) &&
               is_false(option.value->substr(eq + 1));
    }
    case PackageManager::Zypper: {
        if (option.is_long && (option.name == "no-gpg-checks" || option.name == "no-gpgcheck"))
            return true;
        const bool adds_repo = command.subcommand() == "addrepo" || command.subcommand() == "ar";
        return !option.is_long && option.name == "G" && adds_repo && option.operands_before >= 1;
    }
    }
    return false;
}

// Whether the command installs a package file rather than a package from a repository.
bool installs_local_file(const PackageCommand& command) {
    const std::vector<shell::Word> operands = command.operands_after(1);
    return std::any_of(operands.begin(), operands.end(), [](const shell::Word& w) {
        const std::string_view v = w.value;
        return v.starts_with('/') || v.starts_with('.') || v.ends_with(".apk") || v.ends_with(".rpm") ||
               v.ends_with(".deb") || v.find("://") != std::string_view::npos;
    });
}

// For a sources line (`deb [ trusted=yes ] https://… suite main`): whether it trusts an unsigned remote
// repository. Local `file:` (and `copy:`, `cdrom:`) repositories, typically packages built in the same RUN,
// are left alone.
bool trusts_unsigned_remote(std::string_view line) {
    std::istringstream in{std::string(line)};
    std::string token;
    if (!(in >> token) || (token != "deb" && token != "deb-src"))
        return false;
    bool trusted = false;
    std::string options;
    while (in >> token) {
        if (token.starts_with('[') || !options.empty()) {
            options += token + " ";
            if (token.ends_with(']'))
                break;
            continue;
        }
        break;
    }
    if (!options.empty() && !(in >> token))
        return false;
    for (std::size_t p = options.find("trusted="); p != std::string::npos;
         p = options.find("trusted=", p + 1)) {
        const bool whole = p == 0 || options[p - 1] == ' ' || options[p - 1] == '[';
        if (whole && options.substr(p + 8, 3) == "yes")
            trusted = true;
    }
    const std::string uri = to_lower(token);
    return trusted && !uri.starts_with("file:") && !uri.starts_with("copy:") && !uri.starts_with("cdrom:");
}

bool is_sources_path(std::string_view path) {
    return path.starts_with("/etc/apt/sources.list");
}

class PackageSignatureDisabled final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<RunCommand>& all = commands.all();
        for (std::size_t i = 0; i < all.size(); ++i) {
            const RunCommand& run = all[i];
            if (const std::optional<PackageCommand> pc = read_package_command(run.command))
                check_package_command(ins, run, *pc, context);
            else if (run.command.name() == "rpm")
                check_rpm(ins, run, context);
            else if (run.command.name() == "yum-config-manager")
                check_config_manager(run.command, context);
            else if (run.command.name() == "echo" || run.command.name() == "printf")
                check_sources_line(all, i, context);
        }
    }

private:
    static constexpr std::string_view message_tail =
        " turns off package signature checks: a tampered package "
        "would be installed; import the repository's signing key "
        "instead";

    static void report(Context& context, const shell::Word& word, const std::string& what,
                       std::optional<Fix> fix = std::nullopt) {
        context.report(word.range, "`" + what + "`" + std::string(message_tail), std::move(fix));
    }

    static void check_package_command(const Instruction& ins, const RunCommand& run, const PackageCommand& pc,
                                      Context& context) {
        for (const CommandOption& option : pc.options) {
            if (!disables_signatures(pc, option))
                continue;
            const shell::Word& word = run.command.words[option.word];
            std::optional<Fix> fix;
            const bool own_word = option.is_long && !option.value;
            const bool keeps_answer = option.name != "force-yes" || answers_yes(pc);
            if (own_word && keeps_answer && !installs_local_file(pc))
                fix =
                    delete_argument(context.file(), ins, run.command, option.word, run.source,
                                    "Remove `" + word.value + "` (check signatures)", Applicability::Unsafe);
            // `-o NAME=value` in two words: report both, and name the setting.
            const bool separate_value = option.value && option.word + 1 < run.command.words.size() &&
                                        run.command.words[option.word + 1].value == *option.value &&
                                        !word.value.ends_with(*option.value);
            if (separate_value) {
                const shell::Word& value = run.command.words[option.word + 1];
                context.report({word.range.begin, value.range.end}, "`" + pc.label() + " " + word.value +
                                                                        " " + value.value + "`" +
                                                                        std::string(message_tail));
                continue;
            }
            report(context, word, pc.label() + " " + word.value, std::move(fix));
        }
    }

    static void check_rpm(const Instruction& ins, const RunCommand& run, Context& context) {
        const std::vector<shell::Word>& words = run.command.words;
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (words[i].value == "--")
                return;
            if (!is_one_of(words[i].value, {"--nosignature", "--nodigest", "--nofiledigest", "--noverify"}))
                continue;
            const bool local = std::any_of(words.begin() + 1, words.end(),
                                           [](const shell::Word& w) { return w.value.ends_with(".rpm"); });
            std::optional<Fix> fix;
            if (!local)
                fix = delete_argument(context.file(), ins, run.command, i, run.source,
                                      "Remove `" + words[i].value + "` (check signatures)",
                                      Applicability::Unsafe);
            report(context, words[i], "rpm " + words[i].value, std::move(fix));
        }
    }

    static void check_config_manager(const shell::Command& command, Context& context) {
        static constexpr std::array<std::string_view, 1> setopt = {"setopt"};
        for (const CommandOption& option : read_program_options(command, {"", setopt}).options) {
            if (option.name != "setopt" || !option.value)
                continue;
            const std::size_t eq = option.value->find('=');
            if (eq != std::string::npos && is_gpgcheck_key(option.value->substr(0, eq)) &&
                is_false(option.value->substr(eq + 1)))
                report(context, command.words[option.word], "yum-config-manager --setopt=" + *option.value);
        }
    }

    // `echo 'deb [trusted=yes] https://…' > /etc/apt/sources.list.d/x.list` (or `| tee …`).
    static void check_sources_line(const std::vector<RunCommand>& all, std::size_t index, Context& context) {
        const shell::Command& command = all[index].command;
        bool to_sources = false;
        for (const shell::Redirect& r : command.redirects)
            if (r.op.find('>') != std::string::npos && !r.target.dynamic && is_sources_path(r.target.value))
                to_sources = true;
        if (index + 1 < all.size() && all[index + 1].command.preceded_by == shell::Operator::Pipe &&
            all[index + 1].command.name() == "tee") {
            for (const shell::Word& w : all[index + 1].command.operands())
                if (!w.dynamic && is_sources_path(w.value))
                    to_sources = true;
        }
        if (!to_sources)
            return;
        // The line as echo writes it: its arguments (after echo's own options) joined by blanks.
        std::vector<shell::Word> arguments = command.arguments();
        while (!arguments.empty() && arguments.front().value.starts_with('-'))
            arguments.erase(arguments.begin());
        std::string line;
        for (const shell::Word& word : arguments)
            line += word.value + " ";
        if (!arguments.empty() && trusts_unsigned_remote(line))
            context.report({arguments.front().range.begin, arguments.back().range.end},
                           "`[trusted=yes]` turns off signature checks for an apt repository: a tampered "
                           "package would be installed; add the repository's key with `signed-by=` instead");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2012, drydock::rules::rule_meta, drydock::rules::PackageSignatureDisabled)
