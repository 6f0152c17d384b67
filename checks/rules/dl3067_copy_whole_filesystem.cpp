// DL3067: COPY --from=<stage> / / copies a whole filesystem.

#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3067",
    .name = "copy-whole-filesystem",
    .severity = Severity::Warning,
    .category = Category::ImageSize,
    .summary = "Do not copy an entire filesystem from another stage",
    .docs = {.what =
                 "Reports `COPY --from=… / /`: a source that is the root directory copied to the root "
                 "directory, at the source. `/`, `//` and `/.` all name the root. Paths given by variables "
                 "are judged by their `ARG`/`ENV` defaults; unknown ones are not reported. Triggers "
                 "inside `ONBUILD` are checked too.",
             .why = "Copying a stage's whole filesystem brings along its package manager caches, build tools "
                    "and files that overwrite the base image's own (`/etc/passwd`, libraries), so the image "
                    "grows and can break in ways that are hard to trace. Copy only the directories the image "
                    "needs, or build `FROM` that stage.",
             .bad = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY "
                    "--from=build / /\n",
             .good = "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY "
                     "--from=build /out/app /usr/local/bin/app\n",
             .references = "https://github.com/hadolint/hadolint/wiki/DL3067"},
};

// Whether `path` is the root directory: a `/` followed only by more `/` and `.` segments.
bool is_root(std::string_view path) {
    if (!path.starts_with('/'))
        return false;
    std::size_t begin = 0;
    while (begin <= path.size()) {
        const std::size_t end = std::min(path.find('/', begin), path.size());
        const std::string_view segment = path.substr(begin, end - begin);
        if (!segment.empty() && segment != ".")
            return false;
        begin = end + 1;
    }
    return true;
}

class CopyWholeFilesystem final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Copy}; }
    void check(const Instruction& ins, Context& context) override {
        if (!ins.flag("from") || ins.arguments.size() < 2)
            return;
        // Outside of ONBUILD, variables take their defaults; in a trigger they belong to another build.
        const std::vector<Variable> scope =
            context.in_onbuild() ? std::vector<Variable>{} : context.model().scope_at(context.index());
        auto root = [&](const Word& word) {
            const std::optional<std::string> value = default_value(word, scope);
            return value && is_root(*value);
        };
        if (!root(ins.arguments.back()))
            return;
        for (std::size_t i = 0; i + 1 < ins.arguments.size(); ++i) {
            const Word& source = ins.arguments[i];
            if (!root(source))
                continue;
            context.report(source.range,
                           "Do not copy an entire filesystem from another stage: `COPY --from=" +
                               ins.flag("from")->value.value_or(Word{}).raw + " " + source.raw + " " +
                               ins.arguments.back().raw + "` copies everything");
            return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3067, drydock::rules::rule_meta, drydock::rules::CopyWholeFilesystem)
