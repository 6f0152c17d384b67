// DD1001: BuildKit's StageNameCasing — stage names should be lower case.

#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"StageNameCasing"};

constexpr RuleMeta rule_meta{
    .code = "DD1001",
    .name = "stage-name-casing",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Style,
    .fix = FixAvailability::Sometimes,
    .summary = "Stage names should be lowercase",
    .docs =
        {.what =
             "Reports a stage name after `AS` that has upper-case letters (`FROM golang:1.23 AS Builder`), "
             "as BuildKit's StageNameCasing check does. Names written with a variable are not checked.",
         .why = "BuildKit lower-cases stage names, so `Builder` and `builder` are the same stage: `COPY "
                "--from=builder` works even though the spelling differs. Writing names in lower case keeps "
                "references and definitions visibly the same.",
         .bad = "FROM golang:1.23 AS Builder\nRUN go version\n",
         .good = "FROM golang:1.23 AS builder\nRUN go version\n",
         .fix_safety = "Safe: the stage name, and the `FROM` and `--from` references spelled the same way, are "
                       "lower-cased. BuildKit lower-cases stage names itself, so every reference resolves as "
                       "before. No fix for a quoted name or one split by a line continuation.",
         .references = "https://docs.docker.com/reference/build-checks/stage-name-casing/"},
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

class StageNameCasing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.from || !ins.from->stage_name || !ins.from->stage_name->variables.empty())
            return;
        const Word& name = *ins.from->stage_name;
        const bool has_upper = std::any_of(name.value.begin(), name.value.end(),
                                           [](unsigned char c) { return std::isupper(c); });
        if (has_upper)
            context.report(name.range, "Stage name '" + name.value + "' should be lowercase",
                           lowercase_fix(context.file(), ins, name));
    }

private:
    // Lower-cases the name and the references to it written in the same spelling (`FROM Name`,
    // `COPY --from=Name`), so the file stays consistent. BuildKit compares stage names case-insensitively, so
    // references in other spellings keep working either way.
    static std::optional<Fix> lowercase_fix(const Dockerfile& file, const Instruction& from, const Word& name) {
        if (name.raw != name.value || name.range.size() != name.raw.size())
            return std::nullopt; // quoted or continued: leave it to a human
        const std::string lowered = lower(name.value);
        Fix fix{"Rename stage '" + name.value + "' to '" + lowered + "'", {{name.range, lowered}},
                Applicability::Safe};
        auto rename = [&](const Word& reference) {
            if (reference.raw == name.value && reference.range.size() == reference.raw.size())
                fix.edits.push_back({reference.range, lowered});
        };
        bool after = false;
        for (const Instruction& ins : file.instructions) {
            if (&ins == &from) {
                after = true;
                continue;
            }
            if (!after)
                continue;
            const Instruction& target = ins.trigger.empty() ? ins : ins.trigger.front();
            if (target.from)
                rename(target.from->image.word);
            if (const Flag* flag = target.flag("from"); flag && flag->value)
                rename(*flag->value);
        }
        return fix;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1001, drydock::rules::rule_meta, drydock::rules::StageNameCasing)
