// DL3000: WORKDIR must be absolute.

#include "rule_support.hpp"

#include <cctype>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3000",
    .name = "workdir-absolute",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Use absolute WORKDIR",
    .docs =
        {.what = "Reports a `WORKDIR` whose path is relative.",
         .why =
             "A relative WORKDIR resolves against whatever WORKDIR the base image happens to set, so the "
             "same Dockerfile puts files in different places when the base image changes. An absolute path "
             "says where the files go.",
         .bad = "FROM alpine:3.20\nWORKDIR app\n",
         .good = "FROM alpine:3.20\nWORKDIR /app\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3000\n"
                       "https://docs.docker.com/reference/dockerfile/#workdir"},
};

// Absolute: `/x`, a variable (`$HOME/x`, whose value we cannot know), or a Windows drive path (`C:\x`,
// `C:/x`).
bool is_absolute(std::string_view path) {
    if (path.empty())
        return true;
    if (path.front() == '/' || path.front() == '$')
        return true;
    return path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
}

class WorkdirAbsolute final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Workdir}; }
    void check(const Instruction& ins, Context& context) override {
        if (ins.arguments.empty())
            return;
        const Word& path = ins.arguments.front();
        if (!is_absolute(path.value))
            context.report(path.range, "Use absolute WORKDIR: '" + path.value + "' is relative");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3000, drydock::rules::rule_meta, drydock::rules::WorkdirAbsolute)
