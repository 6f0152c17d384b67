// DL3046: `useradd` with a high UID but without `-l`.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3046",
    .name = "useradd-long-uid",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .summary = "`useradd` without flag `-l` and high UID will result in excessively large Image",
    .docs =
        {.what =
             "Reports the UID of a `useradd -u <uid>` (or `--uid`) with more than five digits when the "
             "command has no `-l`/`--no-log-init`, in every command a `RUN` runs, `ONBUILD RUN` included. "
             "A UID given by a variable is judged by its `ARG`/`ENV` default, and not reported when that "
             "is unknown.\n\n"
             "Unlike hadolint, which counts the characters of the UID as written, `-u $USER_ID` is not "
             "reported unless the variable's default is a long UID.",
         .why = "`useradd` records the user in `/var/log/lastlog` and `/var/log/faillog`, files indexed by "
                "UID: for a UID such as 1000000 it writes at offset UID × record size. On disk that is a "
                "sparse file, but the layer tarball does not keep it sparse and stores every zero byte, so "
                "the image can grow by gigabytes or the build can run out of disk. `-l` "
                "(`--no-log-init`) skips these records.",
         .bad = "FROM debian:12\nRUN useradd -u 1000000 app\n",
         .good = "FROM debian:12\nRUN useradd -l -u 1000000 app\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3046\n"
                       "https://docs.docker.com/build/building/best-practices/#user"},
};

bool is_long_uid(std::string_view uid) {
    return uid.size() > 5 &&
           std::all_of(uid.begin(), uid.end(), [](unsigned char c) { return std::isdigit(c); });
}

class UseraddLongUid final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (const shell::Command* useradd : commands.named("useradd")) {
            if (useradd->has_any_flag({"l", "no-log-init"}))
                continue;
            std::optional<shell::Word> uid = useradd->flag_value("u");
            if (!uid)
                uid = useradd->flag_value("uid");
            if (!uid)
                continue;
            const std::optional<std::vector<std::string>> values = expanded_values(*uid, scope);
            if (!values || values->size() != 1 || !is_long_uid(values->front()))
                continue;
            const std::string uid_text =
                uid->dynamic ? "`" + uid->value + "`, " + values->front() + " by default" : values->front();
            context.report(
                uid->range,
                "`useradd` without flag `-l` and high UID will result in excessively large Image: UID " +
                    uid_text);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3046, drydock::rules::rule_meta, drydock::rules::UseraddLongUid)
