// DL3002: the image runs as root because the last USER of the final stage is root.

#include "rule_support.hpp"
#include "stage_uses.hpp"
#include "word_values.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3002",
    .name = "user-root",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Last USER should not be root",
    .docs =
        {.what =
             "Reports a final stage whose last `USER` switches to root (`root`, `0`, `root:group`, `0:gid`), "
             "also when the final stage builds `FROM` an earlier stage and inherits that stage's last "
             "`USER`. A user given as a variable is judged by its `ARG`/`ENV` default. A stage with no "
             "`USER` at all is not reported: its user comes from the base image.\n\n"
             "Unlike hadolint, which checks every stage, only the final stage (the image `docker build` "
             "produces) is checked: build stages that compile as root and are only copied from never run "
             "as containers.",
         .why =
             "A container whose process runs as root gives any attacker who breaks into it root inside the "
             "container, and root on the host when the runtime or a mount lets them escape. Switching back "
             "to an unprivileged user after the steps that need root limits the damage.",
         .bad = "FROM debian:12\nRUN useradd --create-home app\nUSER app\nRUN make install\nUSER root\n",
         .good = "FROM debian:12\nRUN useradd --create-home app\nUSER root\nRUN make install\nUSER app\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3002\n"
                       "https://docs.docker.com/reference/dockerfile/#user\n"
                       "https://docs.docker.com/build/building/best-practices/#user"},
};

bool is_root(std::string_view user) {
    const std::string_view name = user.substr(0, user.find(':'));
    return name == "root" || name == "0";
}

class UserRoot final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::User}; }
    void check(const Instruction&, Context&) override {}

    void end_stage(Context& context) override {
        if (!context.is_final_stage())
            return;
        const SemanticModel& model = context.model();
        if (const std::optional<std::size_t> index = last_user(context.file(), model, *context.stage()))
            judge(context.file().instructions[*index], *index, *model.stage_of(*index), context);
    }

private:
    void judge(const Instruction& ins, std::size_t index, std::size_t stage, Context& context) {
        const Word& user = ins.arguments.front();
        const std::optional<std::string> value = default_value(user, context.model().scope_at(index));
        if (!value || !is_root(*value))
            return;
        std::string message = "Last USER should not be root: `USER " + user.raw + "`";
        if (!user.variables.empty())
            message += " is `USER " + *value + "` by default";
        if (stage != *context.stage()) {
            const Stage& from = context.model().stages()[stage];
            message += ", inherited by the final stage from stage " +
                       (from.name.empty() ? std::to_string(from.index) : "`" + from.name + "`");
        }
        context.report(user.range, message);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3002, drydock::rules::rule_meta, drydock::rules::UserRoot)
