// DL3003: RUN changes directory with `cd` instead of using WORKDIR.

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3003",
    .name = "cd-instead-of-workdir",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .summary = "Use WORKDIR to switch to a directory",
    .docs =
        {.what =
             "Reports each `cd` command of a `RUN`: in the shell-form command line, in heredoc bodies read "
             "by a shell, in exec form and behind wrappers. As in hadolint, the `RUN` of an `ONBUILD` "
             "trigger is not checked.",
         .why = "A `cd` lasts only until the end of its `RUN`, so the next instruction silently runs in "
                "another directory, and a reader has to trace `cd`s through shell text to know where files "
                "go. `WORKDIR` sets the directory for every following instruction (including `CMD` and "
                "`ENTRYPOINT`), creates it when missing, and documents it in one visible place.",
         .bad = "FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /usr/local/bin/app .\n",
         .good = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3003\n"
                       "https://docs.docker.com/build/building/best-practices/#workdir"},
};

class CdInsteadOfWorkdir final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return; // hadolint does not apply DL3003 to ONBUILD triggers
        const RunCommands commands(context.file(), ins);
        for (const shell::Command* cd : commands.named("cd")) {
            const std::vector<shell::Word> arguments = cd->arguments();
            const std::string target = arguments.empty() ? std::string() : " " + arguments.back().value;
            context.report(cd->words.front().range,
                           "Use WORKDIR to switch to a directory instead of `cd" + target + "`");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3003, drydock::rules::rule_meta, drydock::rules::CdInsteadOfWorkdir)
