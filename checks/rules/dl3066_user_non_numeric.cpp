// DL3066: the image's user is given by name instead of a numeric UID.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "stage_uses.hpp"
#include "word_values.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3066",
    .name = "user-non-numeric",
    .severity = Severity::Info,
    .category = Category::Security,
    .summary = "Non-numeric user-id may not be resolvable by host system",
    .docs =
        {.what =
             "Reports the `USER` the image runs as when its user part (before any `:group`) is a name, not "
             "a numeric UID. Only the last `USER` of the final stage counts (or, when the final stage has "
             "none, the last one of the stage it builds on), as in hadolint since PR #1239: earlier `USER`s "
             "and build stages do not decide who the container runs as. A user given by a variable (`USER "
             "${APP_UID}`) is judged by its `ARG`/`ENV` default; a variable without one is not reported.",
         .why = "Kubernetes' `runAsNonRoot` and other host-side policies can only verify a numeric UID: a "
                "user name has to be looked up in the image's `/etc/passwd`, which the host cannot do, so "
                "such images get rejected or run unverified.",
         .bad = "FROM node:22-slim\nUSER node\nCMD [\"node\", \"server.js\"]\n",
         .good = "FROM node:22-slim\nUSER 1000:1000\nCMD [\"node\", \"server.js\"]\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3066\n"
                       "https://github.com/hadolint/hadolint/pull/1239\n"
                       "https://docs.docker.com/reference/dockerfile/#user"},
};

class UserNonNumeric final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::User}; }
    void check(const Instruction&, Context&) override {}

    void end_stage(Context& context) override {
        if (!context.is_final_stage())
            return;
        if (const std::optional<std::size_t> index =
                last_user(context.file(), context.model(), *context.stage()))
            judge(context.file().instructions[*index].arguments.front(), *index, context);
    }

private:
    static void judge(const Word& user, std::size_t index, Context& context) {
        const std::optional<std::string> value = default_value(user, context.model().scope_at(index));
        if (!value)
            return;
        const std::string uid = value->substr(0, value->find(':'));
        if (uid.empty() || is_decimal(uid))
            return;
        std::string message =
            "Non-numeric user-id may not be resolvable by host system: `USER " + user.raw + "`";
        if (!user.variables.empty())
            message += " is `USER " + *value + "` by default, which";
        message += " names user `" + uid + "`; use its numeric UID";
        const bool plain = user.variables.empty() && user.raw == user.value;
        context.report(plain ? word_part(user, 0, uid.size()) : user.range, message);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3066, drydock::rules::rule_meta, drydock::rules::UserNonNumeric)
