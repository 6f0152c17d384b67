// DD2007: TLS certificate verification turned off (`curl -k`, `wget --no-check-certificate`, …).

#include "fix_builders.hpp"
#include "instruction_queries.hpp"
#include "language_packages.hpp"
#include "package_managers.hpp"
#include "program_options.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 10> aliases{
    "CKV2_DOCKER_2",  "CKV2_DOCKER_3",  "CKV2_DOCKER_4",  "CKV2_DOCKER_5",  "CKV2_DOCKER_6",
    "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16"};

constexpr RuleMeta rule_meta{
    .code = "DD2007",
    .name = "insecure-tls",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Do not turn off TLS certificate verification",
    .docs =
        {.what =
             "Reports what turns off the check of a server's TLS certificate:\n\n"
             "* in `RUN`: `curl -k`/`--insecure` (also inside `-fsSLk`), `wget --no-check-certificate`, "
             "pip's `--trusted-host` (also `pip config set global.trusted-host`), `npm`/`yarn`/`pnpm config "
             "set strict-ssl false` and `--strict-ssl=false`, `git config http.sslVerify false` (also "
             "`http.<url>.sslVerify` and `git -c http.sslVerify=false`), yum/dnf `--setopt=sslverify=0` "
             "(also through `yum-config-manager` and `dnf config-manager`);\n"
             "* environment variables, set by `ENV`, by an `ARG` default (RUN sees build arguments as "
             "environment variables) or in `RUN` (`VAR=value cmd`, `env VAR=value …`, `export VAR=value`): "
             "`GIT_SSL_NO_VERIFY` (any value), `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, "
             "`NPM_CONFIG_STRICT_SSL=false`, `YARN_ENABLE_STRICT_SSL=false`, `PIP_TRUSTED_HOST`.\n\n"
             "Package signature checks that are turned off (`apt-get --allow-unauthenticated`, `apk "
             "--allow-untrusted`, `--nogpgcheck`, …) are DD2012's.",
         .why = "Without certificate verification, anyone on the network path (a proxy, a compromised "
                "router, a hostile Wi-Fi or CI network) can answer in the server's place, and what they send "
                "is installed into the image: packages, scripts, binaries. An `ENV` setting stays in the "
                "image and keeps verification off for the application at run time too. The usual cause is a "
                "missing CA certificate (a corporate proxy's, or `ca-certificates` not installed): install "
                "the certificate into the image's trust store, or point the tool at it (`curl --cacert`, "
                "`PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `git config http.sslCAInfo`), ideally with a secret or "
                "build-context mount so that it stays out of the final image.",
         .bad = "FROM debian:12\nRUN curl -fsSLk https://example.com/tool.tar.gz | tar -xz -C /opt\n",
         .good = "FROM debian:12\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\n"
                 "RUN update-ca-certificates \\\n"
                 "    && curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt\n",
         .fix_safety = "Unsafe (applied with `--unsafe-fixes`), for `curl -k`/`--insecure` and `wget "
                       "--no-check-certificate`: the option is deleted with the blank before it (or its "
                       "letter from a cluster: `-fsSLk` becomes `-fsSL`). With verification back on, the "
                       "build fails when the server's certificate is not trusted in the build — which is "
                       "the point, but it may need a CA certificate added first. Not offered when the "
                       "option's word holds quotes or when a redirect stands before it.",
         .references =
             "https://curl.se/docs/sslcerts.html\n"
             "https://www.gnu.org/software/wget/manual/wget.html#HTTPS-_0028SSL_002fTLS_0029-Options\n"
             "https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify\n"
             "https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue"},
};

bool is_false(std::string_view value) {
    const std::string v = to_lower(value);
    return v == "false" || v == "0" || v == "no" || v == "off";
}

// Whether setting environment variable `name` to `value` turns verification off.
bool insecure_env(std::string_view name, std::string_view value) {
    if (name == "GIT_SSL_NO_VERIFY")
        return true; // git only checks that it is set
    if (name == "NODE_TLS_REJECT_UNAUTHORIZED" || name == "PYTHONHTTPSVERIFY")
        return value == "0";
    if (iequals(name, "NPM_CONFIG_STRICT_SSL") || name == "YARN_ENABLE_STRICT_SSL")
        return is_false(value);
    if (name == "PIP_TRUSTED_HOST")
        return !value.empty();
    return false;
}

// `NAME=value` → {NAME, value}; nullopt for anything else.
std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view word) {
    const std::size_t eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return std::nullopt;
    const std::string_view name = word.substr(0, eq);
    const bool valid =
        std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
    if (!valid || std::isdigit(static_cast<unsigned char>(name.front())))
        return std::nullopt;
    return std::pair{std::string(name), std::string(word.substr(eq + 1))};
}

// The key of a setting that ends with `.sslverify` (`http.sslVerify`, `http.https://x.sslVerify`,
// `myrepo.sslverify`) or is it.
bool is_sslverify_key(std::string_view key) {
    const std::string k = to_lower(key);
    return k == "sslverify" || k.ends_with(".sslverify");
}

class InsecureTls final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Run, InstructionKind::Env, InstructionKind::Arg};
    }
    void check(const Instruction& ins, Context& context) override {
        if (ins.is(InstructionKind::Run))
            check_run(ins, context);
        else
            check_variables(ins, context);
    }

private:
    static void check_variables(const Instruction& ins, Context& context) {
        const std::vector<Variable> scope =
            context.in_onbuild() ? std::vector<Variable>{} : context.model().scope_at(context.index());
        for (const KeyValue& pair : ins.pairs) {
            if (!pair.value)
                continue;
            const std::optional<std::string> value = default_value(*pair.value, scope);
            if (!value || !insecure_env(pair.key.value, *value))
                continue;
            context.report(pair.range, "`" + pair.key.value + "=" + *value +
                                           "` turns off TLS certificate verification; install the CA "
                                           "certificate the server needs instead");
        }
    }

    static void check_run(const Instruction& ins, Context& context) {
        const RunCommands& commands = run_commands(context, ins);
        for (const RunCommand& run : commands.all()) {
            check_assignments(run.written, run.command, context);
            check_download(ins, run, context);
            check_pip(run.command, context);
            check_node_package_manager(run.command, context);
            check_git(run.command, context);
            check_rpm_setopt(run.command, context);
        }
    }

    static void report_option(Context& context, const shell::Word& word, const std::string& what,
                              std::optional<Fix> fix = std::nullopt) {
        context.report(word.range,
                       "`" + what +
                           "` turns off TLS certificate verification: anyone on the network path can replace "
                           "what is downloaded; install the CA certificate the server needs instead",
                       std::move(fix));
    }

    // `VAR=value cmd`, `env VAR=value cmd`, `sudo VAR=value cmd`, `export VAR=value`.
    static void check_assignments(const shell::Command& written, const shell::Command& program,
                                  Context& context) {
        std::vector<shell::Word> candidates = written.assignments;
        for (const shell::Word& word : written.words) {
            if (!program.words.empty() && word.range == program.words.front().range)
                break;
            candidates.push_back(word); // the wrappers' words: `env VAR=value`
        }
        const std::string_view name = program.name();
        if (name == "export" || name == "declare" || name == "typeset")
            candidates.insert(candidates.end(), program.words.begin() + 1, program.words.end());
        for (const shell::Word& word : candidates) {
            if (word.dynamic)
                continue;
            const auto assignment = split_assignment(word.value);
            if (assignment && insecure_env(assignment->first, assignment->second))
                context.report(word.range, "`" + word.value +
                                               "` turns off TLS certificate verification; install the CA "
                                               "certificate the server needs instead");
        }
    }

    static void check_download(const Instruction& ins, const RunCommand& run, Context& context) {
        const std::optional<DownloadCommand> download = read_download_command(run.command);
        if (!download)
            return;
        const shell::Command& command = run.command;
        for (const CommandOption& option : download->options.options) {
            const bool curl_insecure =
                download->tool == Downloader::Curl && (option.name == (option.is_long ? "insecure" : "k"));
            const bool wget_insecure =
                download->tool == Downloader::Wget && option.is_long &&
                (option.name == "no-check-certificate" ||
                 (option.name == "check-certificate" && option.value && is_false(*option.value)));
            if (!curl_insecure && !wget_insecure)
                continue;
            const shell::Word& word = command.words[option.word];
            const std::string label = std::string(command.name()) + " " + word.value;
            report_option(context, word, label, removal_fix(context.file(), ins, run, option));
        }
    }

    // Deletes `-k`, `--insecure` or `--no-check-certificate` (or the `k` of a cluster).
    static std::optional<Fix> removal_fix(const Dockerfile& file, const Instruction& ins,
                                          const RunCommand& run, const CommandOption& option) {
        const shell::Word& word = run.command.words[option.word];
        const bool whole_word = option.is_long ? !option.value : word.value == "-" + option.name;
        const std::string title =
            "Remove `" + (option.is_long ? word.value : "-" + option.name) + "` (verify certificates)";
        if (whole_word)
            return delete_argument(file, ins, run.command, option.word, run.source, title,
                                   Applicability::Unsafe);
        if (option.is_long)
            return std::nullopt;
        return delete_option_letter(word, word.value.find(option.name[0], 1), title, Applicability::Unsafe);
    }

    static void check_pip(const shell::Command& command, Context& context) {
        const std::optional<shell::Command> pip = pip_argv(command);
        if (!pip)
            return;
        for (std::size_t i = 1; i < pip->words.size(); ++i) {
            const shell::Word& word = pip->words[i];
            if (word.value == "--")
                return;
            if (word.value == "--trusted-host" || word.value.starts_with("--trusted-host="))
                report_option(context, word, "pip --trusted-host");
            // `pip config set global.trusted-host host`
            if (i >= 2 && pip->words[i - 1].value == "set" && pip->words[i - 2].value == "config" &&
                to_lower(word.value).ends_with(".trusted-host"))
                report_option(context, word, "pip config set " + word.value);
        }
    }

    // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set strict-ssl false`,
    // `npm install --strict-ssl=false`, `npm install --no-strict-ssl`.
    static void check_node_package_manager(const shell::Command& command, Context& context) {
        const std::string_view name = command.name();
        if (command.words.empty() || command.words.front().dynamic ||
            (name != "npm" && name != "yarn" && name != "pnpm"))
            return;
        const std::vector<shell::Word>& words = command.words;
        for (std::size_t i = 1; i < words.size(); ++i) {
            const std::string& value = words[i].value;
            if (value == "--no-strict-ssl" ||
                (value.starts_with("--strict-ssl=") && is_false(value.substr(value.find('=') + 1))))
                report_option(context, words[i], std::string(name) + " " + value);
            const bool key = value == "strict-ssl" || value.starts_with("strict-ssl=") ||
                             iequals(value, "enableStrictSsl");
            if (!key || i < 2 || words[i - 1].value != "set")
                continue;
            const std::string setting = value.find('=') != std::string::npos
                                            ? value.substr(value.find('=') + 1)
                                            : (i + 1 < words.size() ? words[i + 1].value : std::string());
            if (is_false(setting))
                report_option(context, words[i], std::string(name) + " config set " + value);
        }
    }

    // `git config [--global] http.sslVerify false`, `git -c http.sslVerify=false clone …`.
    static void check_git(const shell::Command& command, Context& context) {
        if (command.words.empty() || command.words.front().dynamic || command.name() != "git")
            return;
        const std::vector<shell::Word>& words = command.words;
        bool in_config = false;
        for (std::size_t i = 1; i < words.size(); ++i) {
            const std::string& value = words[i].value;
            if (!in_config && value == "-c" && i + 1 < words.size()) {
                const auto setting = split_key_value(words[i + 1].value);
                if (setting && is_sslverify_key(setting->first) && is_false(setting->second))
                    report_option(context, words[i + 1], "git -c " + words[i + 1].value);
                ++i;
                continue;
            }
            if (!in_config && value == "config") {
                in_config = true;
                continue;
            }
            if (in_config && !value.starts_with("-") && is_sslverify_key(value) && i + 1 < words.size() &&
                is_false(words[i + 1].value)) {
                report_option(context, words[i], "git config " + value + " " + words[i + 1].value);
                return;
            }
        }
    }

    // `key=value` split at the first `=`, for `git -c` and `--setopt` (keys may hold dots and `*`).
    static std::optional<std::pair<std::string, std::string>> split_key_value(std::string_view text) {
        const std::size_t eq = text.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return std::nullopt;
        return std::pair{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
    }

    // `yum --setopt=sslverify=0 install …`, `dnf config-manager --setopt=repo.sslverify=false --save`,
    // `yum-config-manager --setopt=…`.
    static void check_rpm_setopt(const shell::Command& command, Context& context) {
        if (command.words.empty() || command.words.front().dynamic)
            return;
        std::vector<CommandOption> options;
        if (const std::optional<PackageCommand> pc = read_package_command(command)) {
            if (pc->manager != PackageManager::Yum && pc->manager != PackageManager::Dnf &&
                pc->manager != PackageManager::Microdnf)
                return;
            options = pc->options;
        } else if (command.name() == "yum-config-manager" || command.name() == "dnf-config-manager") {
            static constexpr std::array<std::string_view, 1> setopt = {"setopt"};
            options = read_program_options(command, {"", setopt}).options;
        }
        for (const CommandOption& option : options) {
            if (option.name != "setopt" || !option.value)
                continue;
            const auto setting = split_key_value(*option.value);
            if (setting && is_sslverify_key(setting->first) && is_false(setting->second))
                report_option(context, command.words[option.word], "--setopt=" + *option.value);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2007, drydock::rules::rule_meta, drydock::rules::InsecureTls)
