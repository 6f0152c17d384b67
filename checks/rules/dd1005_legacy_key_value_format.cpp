// DD1005: BuildKit's LegacyKeyValueFormat — `ENV key value` / `LABEL key value` instead of `key=value`.

#include "fix_builders.hpp"
#include "rule_support.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"LegacyKeyValueFormat"};

constexpr RuleMeta rule_meta{
    .code = "DD1005",
    .name = "legacy-key-value-format",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "Use `key=value` in ENV and LABEL, not the legacy `key value` form",
    .docs =
        {.what = "Reports `ENV` and `LABEL` instructions in the legacy form that separates the key from the "
                 "value by blanks (`ENV NODE_ENV production`), also as `ONBUILD` triggers, as BuildKit's "
                 "LegacyKeyValueFormat check does. The finding is at the key.",
         .why =
             "The legacy form is deprecated. It can set only one variable, and its value is the whole rest "
             "of the line, blanks, quotes and all, which surprises: `ENV A 1 B 2` sets `A` to `1 B 2`. "
             "`key=value` reads the same in `ENV`, `LABEL` and `ARG`.",
         .bad = "FROM node:22-alpine\nENV NODE_ENV production\n",
         .good = "FROM node:22-alpine\nENV NODE_ENV=production\n",
         .fix_safety =
             "Safe: the builder applies the same word processing (quotes removed, escapes and variables "
             "applied) to a legacy value and to a `key=value` value, and the fix keeps the value's text: a "
             "value that is one word (`production`, `\"$HOME/.m2\"`) follows `=` as written; a value with "
             "blanks but no quotes and no escape character is wrapped in double quotes where it stands, so "
             "variables still expand and continued lines stay as they are (`ENV DIRS $HOME /opt` "
             "becomes `ENV DIRS=\"$HOME /opt\"`); a value with blanks and quotes or escapes but no "
             "variables is rewritten as one double-quoted word of what the builder made of it (`ENV A "
             "\"x\"  y` becomes `ENV A=\"x  y\"`). No fix for a value with blanks, quotes or escapes and "
             "variables together, for a quoted or continued key, or when a comment line sits between key "
             "and value.",
         .references = "https://docs.docker.com/reference/build-checks/legacy-key-value-format/\n"
                       "https://docs.docker.com/reference/dockerfile/#env"},
};

class LegacyKeyValueFormat final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Env, InstructionKind::Label};
    }
    void check(const Instruction& ins, Context& context) override {
        const std::string keyword = ins.keyword.raw;
        for (const KeyValue& pair : ins.pairs) {
            if (!pair.legacy || !pair.value)
                continue; // `ENV KEY` alone is a parse error
            context.report(pair.key.range,
                           "\"" + keyword + " key=value\" should be used instead of legacy \"" + keyword +
                               " key value\" format",
                           fix(context.instruction(), pair, context.file()));
        }
    }

private:
    // `top` is the top-level instruction (for an ONBUILD trigger, the ONBUILD), which holds the comment
    // lines.
    static std::optional<Fix> fix(const Instruction& top, const KeyValue& pair, const Dockerfile& file) {
        const Word& key = pair.key;
        if (key.raw != key.value || !key.variables.empty() || key.range.size() != key.raw.size())
            return std::nullopt;
        const Word& value = *pair.value;
        const TextRange separator{key.range.end, value.range.begin};
        if (drops_comments(top, separator))
            return std::nullopt;
        const std::string title = "Write " + key.raw + "=…";
        // The builder reads the legacy value and a `key=value` value with the same word processing (quotes
        // removed, escapes and variables applied), so any rewrite that keeps the word's text works.
        if (is_one_word(value.raw, file.escape)) {
            // `KEY "$HOME/x"` -> `KEY="$HOME/x"`: the value is one word already.
            return Fix{title, {replace_range(separator, "=")}, Applicability::Safe};
        }
        if (is_plain(value.raw, file.escape)) {
            // `KEY value with $VARS` -> `KEY="value with $VARS"`: inside double quotes the builder reads
            // the same characters and expands the same variables.
            return Fix{title,
                       {replace_range(separator, "=\""), insert_at(value.range.end, "\"")},
                       Applicability::Safe};
        }
        if (!value.variables.empty() || drops_comments(top, value.range))
            return std::nullopt; // blanks, quotes or escapes mixed with expansions: no certain rewrite
        // No variables: the processed value, double-quoted so the builder reads it back unchanged.
        return Fix{title,
                   {replace_range({separator.begin, value.range.end},
                                  "=" + dockerfile_quoted(value.value, file.escape))},
                   Applicability::Safe};
    }

    // Whether `raw` is one word to the builder's `key=value` splitter: no blank outside quotes that is not
    // escaped (BuildKit's parseWords; the escape character does not escape inside single quotes).
    static bool is_one_word(std::string_view raw, char escape) {
        char quote = 0;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            const char c = raw[i];
            if (c == escape && quote != '\'') {
                ++i;
            } else if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                return false;
            }
        }
        return quote == 0;
    }

    // Whether `raw` reads the same inside double quotes as bare: no quote characters and no escape
    // character (bare, `\x` is `x`; quoted, it stays `\x`).
    static bool is_plain(std::string_view raw, char escape) {
        return raw.find_first_of(std::string{'"', '\'', escape}) == std::string_view::npos;
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1005, drydock::rules::rule_meta, drydock::rules::LegacyKeyValueFormat)
