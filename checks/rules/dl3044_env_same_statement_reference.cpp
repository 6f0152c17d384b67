// DL3044: an ENV value refers to a variable that the same ENV defines.

#include "rule_support.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3044",
    .name = "env-same-statement-reference",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Do not refer to an environment variable within the same `ENV` statement where it is defined",
    .docs =
        {.what =
             "Reports a `$X` or `${X}` in an `ENV` value when X is set by another pair of the same `ENV` and "
             "no earlier `ARG` or `ENV` of the stage (or of the stage it builds on) declares it. Each "
             "reference is reported at its own position. A pair that refers to itself (`ENV "
             "PATH=/opt/bin:$PATH`) is fine, and so is an escaped `\\$X`, which is no reference at all "
             "(hadolint reports it). `ENV` triggers inside `ONBUILD` are not checked: what is declared "
             "before them depends on the downstream build.",
         .why = "The builder expands every value of an `ENV` before it sets any of them, so in `ENV "
                "DIR=/opt/app BIN=$DIR/bin` the `$DIR` is still the old, here empty, value and `BIN` becomes "
                "`/bin`. Split the instruction, or declare the variable earlier.",
         .bad = "FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n",
         .good = "FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3044\n"
                       "https://docs.docker.com/reference/dockerfile/#environment-replacement"},
};

class EnvSameStatementReference final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Env}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return;
        for (std::size_t j = 0; j < ins.pairs.size(); ++j) {
            if (!ins.pairs[j].value)
                continue;
            for (const VariableRef& ref : ins.pairs[j].value->variables) {
                const KeyValue* definition = defined_elsewhere(ins, j, ref.name);
                if (!definition || context.model().is_defined(ref.name, context.index()))
                    continue;
                context.report(ref.range, "Do not refer to an environment variable within the same `ENV` "
                                          "statement where it is defined: `" +
                                              std::string(context.text(ref.range)) +
                                              "` is expanded before this `ENV` sets `" + ref.name +
                                              "`, so it does not see `" +
                                              std::string(context.text(definition->range)) + "`");
            }
        }
    }

private:
    // The pair of `env` other than the j-th that sets `name`, or nullptr.
    static const KeyValue* defined_elsewhere(const Instruction& env, std::size_t j, std::string_view name) {
        for (std::size_t k = 0; k < env.pairs.size(); ++k)
            if (k != j && env.pairs[k].key.value == name)
                return &env.pairs[k];
        return nullptr;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3044, drydock::rules::rule_meta, drydock::rules::EnvSameStatementReference)
