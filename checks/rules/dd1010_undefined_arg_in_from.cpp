// DD1010: BuildKit's UndefinedArgInFrom — FROM uses a variable that no global ARG declares.

#include "instruction_queries.hpp"
#include "name_suggestions.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"UndefinedArgInFrom"};

constexpr RuleMeta rule_meta{
    .code = "DD1010",
    .name = "undefined-arg-in-from",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "FROM command must use declared ARGs",
    .docs = {.what = "Reports a variable in a `FROM` line — in the image or in `--platform` — that no `ARG` "
                     "before the first `FROM` declares, with a \"did you mean\" suggestion for near-miss "
                     "names. The automatic platform arguments (`BUILDPLATFORM`, `TARGETARCH`, …) and the "
                     "proxy arguments count as declared. Same check as BuildKit's UndefinedArgInFrom; a "
                     "default such as `${BASE:-alpine}` does not make an undeclared `BASE` acceptable, "
                     "because `--build-arg BASE=…` cannot reach it either.",
             .why =
                 "`FROM` lines only see global `ARG`s: an undeclared variable silently expands to an empty "
                 "string (`FROM python:$VERSION` becomes `FROM python:`), and `--build-arg` cannot set it. "
                 "It is usually a missing `ARG` line or a typo such as `$BUILDPLATFROM`.",
             .bad = "FROM --platform=$BUILDPLATFROM golang:1.23 AS build\nRUN go version\n",
             .good = "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN go version\n",
             .references =
                 "https://docs.docker.com/reference/build-checks/undefined-arg-in-from/\n"
                 "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact"},
};

// `NAME`: a letter or `_`, then letters, digits and `_` (`$(` or `$1` are no build arguments).
bool is_variable_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
}

class UndefinedArgInFrom final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild() || !ins.from)
            return;
        std::vector<std::string> declared;
        for (const Variable& v : context.model().global_args())
            if (v.instruction < context.index())
                declared.push_back(v.name);
        for (const std::string_view name : {"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
                                            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"})
            declared.emplace_back(name);

        std::vector<Word> words;
        if (const Flag* platform = ins.flag("platform"); platform && platform->value)
            words.push_back(with_variables(*platform->value, context.file().escape));
        words.push_back(ins.from->image.word);
        std::set<std::string> reported;
        for (const Word& word : words) {
            for (const VariableRef& ref : word.variables) {
                const std::string& name = ref.name;
                if (!is_variable_name(name) || reported.count(name) ||
                    std::find(declared.begin(), declared.end(), name) != declared.end() ||
                    SemanticModel::is_automatic_platform_arg(name) || SemanticModel::is_predefined_arg(name))
                    continue;
                reported.insert(name);
                std::string message = "FROM argument `" + name + "` is not declared by a global ARG";
                if (const std::optional<std::string> near = closest_name(name, declared))
                    message += " (did you mean `" + *near + "`?)";
                context.report(ref.range, std::move(message));
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1010, drydock::rules::rule_meta, drydock::rules::UndefinedArgInFrom)
