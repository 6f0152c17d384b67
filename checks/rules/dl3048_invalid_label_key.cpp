// DL3048: a LABEL key that does not follow Docker's key format recommendations.

#include "fix_builders.hpp"
#include "label_values.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3048",
    .name = "invalid-label-key",
    .severity = Severity::Style,
    .category = Category::Style,
    .fix = FixAvailability::Sometimes,
    .summary = "Invalid label key",
    .docs =
        {.what =
             "Reports a `LABEL` key that does not follow Docker's key format: it must start with a "
             "lower-case letter, end with a lower-case letter or a digit, contain only lower-case letters, "
             "digits, `.`, `-`, `_` and `/`, have no `..` or `--`, and not use the namespaces Docker "
             "reserves "
             "for itself (`com.docker.`, `io.docker.`, `org.dockerproject.`). Quotes around the key are "
             "removed first; a key given by a variable is judged by its default, and not at all when it has "
             "none. Labels of `ONBUILD LABEL` belong to a later image and are not checked.",
         .why = "Labels are read by tools (registries, scanners, orchestrators) that match keys exactly. "
                "Keys in one consistent, reverse-DNS, lower-case form don't collide with other tools' "
                "labels and are found by the tools that look for them; the reserved namespaces are Docker's "
                "own.",
         .bad = "FROM alpine:3.20\nLABEL Maintainer=\"ops@example.com\" com.docker.version=1\n",
         .good = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"ops@example.com\"\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): when lower-casing the key is all it takes to make it "
             "valid (`Maintainer` → `maintainer`), the key is lower-cased. Unlike stage names, label keys "
             "are case-sensitive: whatever reads the label by its old name (`docker inspect`, `--filter "
             "label=…`, a registry, labels that containers inherit and tools such as reverse proxies read) "
             "no longer finds it, and the new key may replace a label of the same name that the base image "
             "sets. Not offered when another label of the stage already has the lower-case key, nor for "
             "keys with variables or split by a line continuation.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3048\n"
                       "https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations"},
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_lower_alpha(char c) {
    return c >= 'a' && c <= 'z';
}

bool is_lower_alnum(char c) {
    return is_lower_alpha(c) || (c >= '0' && c <= '9');
}

bool is_key_char(char c) {
    return is_lower_alnum(c) || c == '.' || c == '-' || c == '_' || c == '/';
}

// Why `key` is invalid, or empty when it is fine.
std::string problem(const std::string& key) {
    if (key.empty())
        return "it is empty";
    constexpr std::array<std::string_view, 3> reserved{"com.docker.", "io.docker.", "org.dockerproject."};
    for (const std::string_view prefix : reserved)
        if (key.starts_with(prefix))
            return "the namespace `" + std::string(prefix) + "` is reserved for Docker";
    if (const auto bad = std::find_if_not(key.begin(), key.end(), is_key_char); bad != key.end())
        return std::string("`") + *bad +
               "` is not allowed (use lower-case letters, digits, `.`, `-`, `_`, `/`)";
    if (!is_lower_alpha(key.front()))
        return "it must start with a lower-case letter";
    if (!is_lower_alnum(key.back()))
        return "it must end with a lower-case letter or a digit";
    if (key.find("..") != std::string::npos || key.find("--") != std::string::npos)
        return "consecutive `.` or `-` are not allowed";
    return {};
}

class InvalidLabelKey final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return;
        for (const LabelPair& p : label_pairs(ins, context.index(), context.model())) {
            const std::string why = problem(p.key);
            if (!why.empty())
                context.report(p.pair->key.range, "Invalid label key `" + p.key + "`: " + why,
                               lowercase_fix(*p.pair, p.key, context));
        }
    }

private:
    // The key in lower case, when that alone makes it valid and no other label of the stage has that key in
    // any casing (one of the two would be lost).
    static std::optional<Fix> lowercase_fix(const KeyValue& pair, const std::string& key,
                                            const Context& context) {
        const Word& word = pair.key;
        if (!word.variables.empty() || word.range.size() != word.raw.size())
            return std::nullopt;
        const std::string lowered = lower(key);
        if (lowered == key || !problem(lowered).empty() || labels_lowering_to(context, lowered) != 1)
            return std::nullopt;
        return Fix::replace("Lower-case the label key to `" + lowered + "`", word.range, lower(word.raw),
                            Applicability::Unsafe);
    }

    // How many labels of the stage have `key` once lower-cased (the one being fixed included).
    static std::size_t labels_lowering_to(const Context& context, const std::string& key) {
        if (!context.stage())
            return 0;
        std::size_t count = 0;
        const Stage& stage = context.model().stages()[*context.stage()];
        for (std::size_t i = stage.from; i < stage.end; ++i) {
            const Instruction& ins = context.file().instructions[i];
            if (!ins.is(InstructionKind::Label))
                continue;
            for (const LabelPair& p : label_pairs(ins, i, context.model()))
                count += lower(p.key) == key;
        }
        return count;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3048, drydock::rules::rule_meta, drydock::rules::InvalidLabelKey)
