// DL4001: both curl and wget are used in one stage.

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL4001",
    .name = "curl-and-wget",
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .summary = "Either use Wget or Curl but not both",
    .docs =
        {.what =
             "Reports a `RUN` that runs `curl` or `wget` once the stage has run both: the `RUN` where the "
             "second tool first appears and every later `RUN` that uses either. The finding is on the first "
             "`curl` or `wget` of that `RUN`. Every command a `RUN` runs is checked (heredoc bodies, exec "
             "form, behind wrappers); mentions that are not commands (`apt-get install curl wget`) do not "
             "count. Each stage starts afresh. `ONBUILD RUN` triggers, which run in the images built from "
             "this one, are counted on their own, separately from the stage's other `RUN`s.",
         .why = "Two tools that do the same job mean two packages to install, patch and keep in the image, "
                "and two sets of options and failure behaviours to get right. Pick one of them for the "
                "whole stage.",
         .bad = "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\n"
                "RUN wget -q https://example.com/b.tar.gz\n",
         .good = "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\n"
                 "RUN curl -fsSLO https://example.com/b.tar.gz\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4001"},
};

// Which of the two tools a set of RUNs has used.
struct Seen {
    bool curl = false;
    bool wget = false;
};

class CurlAndWget final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        Seen& seen = context.in_onbuild() ? onbuild_ : stage_;
        const RunCommands& commands = run_commands(context, ins);
        const shell::Command* first = nullptr;
        for (const RunCommand& run : commands.all()) {
            const std::string_view name = run.command.name();
            if (name != "curl" && name != "wget")
                continue;
            (name == "curl" ? seen.curl : seen.wget) = true;
            if (!first)
                first = &run.command;
        }
        if (!first || !seen.curl || !seen.wget)
            return;
        const std::string tool(first->name());
        const std::string other = tool == "curl" ? "wget" : "curl";
        context.report(first->words.front().range, "Either use Wget or Curl but not both: this stage runs `" +
                                                       tool + "` here and `" + other + "` too");
    }
    void end_stage(Context&) override { stage_ = onbuild_ = Seen{}; }

private:
    Seen stage_;
    Seen onbuild_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4001, drydock::rules::rule_meta, drydock::rules::CurlAndWget)
