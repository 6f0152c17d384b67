// DD1011: BuildKit's InvalidDefaultArgInFrom — with only the global ARG defaults, FROM names no valid image.

#include "image_references.hpp"
#include "rule_support.hpp"

#include <array>
#include <map>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"InvalidDefaultArgInFrom"};

constexpr RuleMeta rule_meta{
    .code = "DD1011",
    .name = "invalid-default-arg-in-from",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Default value for global ARG results in an empty or invalid base image name",
    .docs =
        {.what =
             "Reports a `FROM` image with variables that, when the build passes no `--build-arg`, expands "
             "to an empty or invalid image reference: the global `ARG` defaults are applied in order (an "
             "`ARG` without a default, or a variable no `ARG` declares, is empty) and the result is "
             "checked as Docker checks image names (lower-case repository, valid tag and digest). Same "
             "check as BuildKit's InvalidDefaultArgInFrom. Images that use the automatic platform "
             "arguments (`$TARGETARCH`, …) are skipped, since their value depends on the build.",
         .why = "`ARG VERSION` without a default makes `FROM alpine:$VERSION` read `FROM alpine:` in every "
                "build that forgets `--build-arg VERSION=…`, and the build fails with an unhelpful message. "
                "A default documents a known-good value and keeps plain `docker build .` working.",
         .bad = "ARG VERSION\nFROM alpine:$VERSION\n",
         .good = "ARG VERSION=3.20\nFROM alpine:$VERSION\n",
         .references = "https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/"},
};

// A global ARG's value without build arguments; nullopt when it cannot be known statically.
using Env = std::map<std::string, std::optional<std::string>>;

// `word` with its variables replaced from `env` as BuildKit's shell lexer does; nullopt for what cannot be
// evaluated here (quotes or escapes in the word, pattern modifiers, unknown values, nested variables).
std::optional<std::string> expand(const Word& word, const Env& env) {
    if (word.variables.empty())
        return word.value;
    const std::string& raw = word.raw;
    if (raw.size() != word.range.size() || raw.find_first_of("'\"\\`") != std::string::npos)
        return std::nullopt;
    std::string out;
    std::size_t pos = 0;
    for (const VariableRef& ref : word.variables) {
        if (ref.range.begin < word.range.begin + pos || ref.range.end > word.range.end)
            return std::nullopt;
        const auto found = env.find(ref.name);
        if (found != env.end() && !found->second)
            return std::nullopt;
        const bool set = found != env.end();
        const std::string value = set ? *found->second : std::string();
        if (ref.operand.find('$') != std::string::npos)
            return std::nullopt;
        std::string replacement;
        if (ref.modifier.empty())
            replacement = value;
        else if (ref.modifier == ":-")
            replacement = set && !value.empty() ? value : ref.operand;
        else if (ref.modifier == "-")
            replacement = set ? value : ref.operand;
        else if (ref.modifier == ":+")
            replacement = set && !value.empty() ? ref.operand : "";
        else if (ref.modifier == "+")
            replacement = set ? ref.operand : "";
        else
            return std::nullopt; // `?` fails the build; `#`, `%`, `/` patterns are not evaluated here
        out.append(raw, pos, ref.range.begin - word.range.begin - pos);
        out += replacement;
        pos = ref.range.end - word.range.begin;
    }
    out.append(raw, pos);
    return out;
}

class InvalidDefaultArgInFrom final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild() || !ins.from || !ins.valid)
            return;
        const Word& image = ins.from->image.word;
        if (image.variables.empty())
            return;
        for (const VariableRef& ref : image.variables)
            if (SemanticModel::is_automatic_platform_arg(ref.name) ||
                SemanticModel::is_predefined_arg(ref.name))
                return;
        // The global ARGs in order, each default expanded with the ones before it.
        Env env;
        for (std::size_t i = 0; i < context.index(); ++i) {
            const Instruction& arg = context.file().instructions[i];
            if (!arg.is(InstructionKind::Arg) || context.model().stage_of(i))
                continue;
            for (const KeyValue& kv : arg.pairs)
                if (kv.value)
                    env[kv.key.value] = expand(*kv.value, env);
        }
        const std::optional<std::string> value = expand(image, env);
        if (!value || valid_image_reference(*value))
            return;
        context.report(image.range, "Default value for ARG `" + image.raw +
                                        "` results in empty or invalid base image name `" + *value +
                                        "`; give the global ARG a default, or pass it with --build-arg");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1011, drydock::rules::rule_meta, drydock::rules::InvalidDefaultArgInFrom)
