// DD1008: BuildKit's InvalidDefinitionDescription (experimental) — a comment right above `FROM … AS name` or
// `ARG name` should describe it, starting with the name.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"InvalidDefinitionDescription"};

constexpr RuleMeta rule_meta{
    .code = "DD1008",
    .name = "invalid-definition-description",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Maintainability,
    .enabled_by_default = false,
    .summary = "A comment right above a stage or ARG should start with its name",
    .docs =
        {.what =
             "Off by default, like BuildKit's experimental InvalidDefinitionDescription check: turn it on "
             "with `--select DD1008` or in the configuration. Looks at the comment lines directly above a "
             "`FROM … AS name` or an `ARG` (no blank line between, parser directives and pragma comments — "
             "`# hadolint …`, `# drydock …`, `# check=…` — not counted; an empty `#` line ends the block, as "
             "in BuildKit) and reports the stage name or ARG key when no line of that block starts with "
             "the name as its first word (`# builder compiles the app`). Stage names are compared in lower "
             "case, as BuildKit stores them; ARG keys exactly; with several ARG keys, any of them may "
             "start the comment.\n\n"
             "BuildKit looks only at the last line of the comments above the instruction and counts comments "
             "that a blank line separates from it; drydock takes the block directly above and accepts a "
             "description on any of its lines, so a description that goes on over several lines is not "
             "reported and a comment set apart by a blank line is never taken for a description.",
         .why = "`docker buildx build --call=outline` and `--call=targets` show the comment right above a "
                "stage or build argument as its description when it starts with the name. A comment there "
                "that does not is either a description that the tools will not show, or an ordinary comment "
                "that should be set apart from the instruction by a blank line.",
         .bad = "# Compile the application\nFROM golang:1.23 AS builder\nRUN go version\n",
         .good = "# builder compiles the application\nFROM golang:1.23 AS builder\nRUN go version\n",
         .references = "https://docs.docker.com/reference/build-checks/invalid-definition-description/\n"
                       "https://docs.docker.com/reference/cli/docker/buildx/build/#descriptions"},
};

// A suppression or check comment (`# hadolint ignore=…`, `# drydock …`, `# check=skip=…`), which never
// describes anything.
bool is_pragma(std::string_view text) {
    const std::size_t end = text.find_first_of(" \t=");
    const std::string first = to_lower(text.substr(0, end));
    if (first == "hadolint" || first == "drydock")
        return true;
    if (first != "check")
        return false;
    const std::size_t equals =
        text.find_first_not_of(" \t", end == std::string_view::npos ? text.size() : end);
    return equals != std::string_view::npos && text[equals] == '=';
}

// The texts of the comment lines directly above top-level instruction `index`, nearest last: the run of
// comment items with no blank line, directive or instruction in between, cut at an empty `#`, pragma comments
// left out.
std::vector<std::string_view> comment_block_above(const Dockerfile& file, std::size_t index) {
    const auto item = std::find_if(file.items.begin(), file.items.end(), [&](const Item& i) {
        return i.kind == ItemKind::Instruction && i.index == index;
    });
    std::vector<std::string_view> out;
    for (auto it = std::make_reverse_iterator(item); it != file.items.rend(); ++it) {
        if (it->kind != ItemKind::Comment)
            break;
        const std::string_view text = file.comments[it->index].text;
        if (text.empty())
            break;
        if (!is_pragma(text))
            out.push_back(text);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

// The first blank-separated word of a comment, as BuildKit splits it (on spaces).
std::string_view first_word(std::string_view text) {
    return text.substr(0, text.find(' '));
}

class InvalidDefinitionDescription final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::From, InstructionKind::Arg};
    }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return; // a trigger's comments are the ONBUILD's
        std::vector<std::string> names;
        TextRange at = ins.keyword.range;
        std::string_view instruction;
        if (ins.is(InstructionKind::From)) {
            if (!ins.from || !ins.from->stage_name || !ins.from->stage_name->variables.empty())
                return;
            names.push_back(to_lower(ins.from->stage_name->value));
            at = ins.from->stage_name->range;
            instruction = "FROM";
        } else {
            for (const KeyValue& pair : ins.pairs)
                names.push_back(pair.key.value);
            if (names.size() == 1)
                at = ins.pairs.front().key.range;
            instruction = "ARG";
        }
        if (names.empty())
            return;
        const std::vector<std::string_view> block = comment_block_above(context.file(), context.index());
        if (block.empty())
            return;
        const bool described = std::any_of(block.begin(), block.end(), [&](std::string_view line) {
            return std::find(names.begin(), names.end(), first_word(line)) != names.end();
        });
        if (described)
            return;
        const std::string example = names.size() == 1 ? names.front() : "<arg_key>";
        context.report(at,
                       "Comment for " + std::string(instruction) + " should follow the format: `# " +
                           example +
                           " <description>`; if it is not a description, put a blank line between the "
                           "comment and the instruction",
                       std::nullopt);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1008, drydock::rules::rule_meta, drydock::rules::InvalidDefinitionDescription)
