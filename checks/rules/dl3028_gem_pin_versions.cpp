// DL3028: `gem install` without a version.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3028",
    .name = "gem-pin-versions",
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Pin versions in gem install",
    .docs =
        {.what =
             "Reports each gem of a `gem install` (or `gem i`) written without `:version` when the command "
             "has no `-v`/`--version`, in every command a `RUN` runs, `ONBUILD RUN` included. Not "
             "reported: local `.gem` files and paths, the values of options such as `--source`, "
             "`--install-dir` or `--bindir`, and gems given by a variable whose `ARG`/`ENV` default is "
             "unknown.\n\n"
             "Unlike hadolint, option values (`-n /usr/local/bin`, `--source https://…`) are not taken for "
             "gem names, and a gem list in a variable is judged by its default.",
         .why = "Without a version, `gem install` takes the newest release at build time: the same "
                "Dockerfile builds different images, and a new release can break the build. Pin each gem "
                "(`gem install bundler:2.5.11`, or `-v` for a single gem), or install from a `Gemfile.lock` "
                "with Bundler.",
         .bad = "FROM ruby:3.3\nRUN gem install bundler\n",
         .good = "FROM ruby:3.3\nRUN gem install bundler:2.5.11\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3028\n"
                       "https://guides.rubygems.org/command-reference/#gem-install"},
};

bool is_pinned(std::string_view gem) {
    return gem.find(':') != std::string_view::npos || gem.ends_with(".gem") ||
           gem.find('/') != std::string_view::npos;
}

// The gems of `gem install|i …` without `-v`; nullopt for any other command, or when `-v` pins them.
std::optional<std::vector<shell::Word>> unversioned_gems(const shell::Command& command) {
    if (command.name() != "gem" || command.has_any_flag({"v", "version"}))
        return std::nullopt;
    std::vector<shell::Word> operands =
        command.operands({"i", "install-dir", "n", "bindir", "s", "source", "p", "http-proxy", "platform",
                          "g", "file", "build-root", "P", "trust-policy", "config-file", "target"});
    if (operands.empty() || (operands.front().value != "install" && operands.front().value != "i"))
        return std::nullopt;
    operands.erase(operands.begin());
    return operands;
}

class GemPinVersions final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (const RunCommand& run : commands.all()) {
            const std::optional<std::vector<shell::Word>> gems = unversioned_gems(run.command);
            if (!gems)
                continue;
            for (const shell::Word& gem : *gems)
                check_gem(gem, scope, context);
        }
    }

private:
    static void check_gem(const shell::Word& gem, const std::vector<Variable>& scope, Context& context) {
        if (is_pinned(gem.value))
            return; // also `bundler:${VERSION}`
        const std::optional<std::vector<std::string>> values = expanded_values(gem, scope);
        if (!values)
            return; // not known statically
        for (const std::string& value : *values) {
            if (is_pinned(value))
                continue;
            std::string message = "Pin versions in gem install. Instead of `gem install " + value +
                                  "` use `gem install " + value + ":<version>`";
            if (gem.dynamic)
                message += " (`" + gem.value + "` is `" + value + "` by default)";
            context.report(gem.range, message);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3028, drydock::rules::rule_meta, drydock::rules::GemPinVersions)
