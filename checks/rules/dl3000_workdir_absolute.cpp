// DL3000: WORKDIR must be absolute.

#include "fix_builders.hpp"
#include "rule_support.hpp"

#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"WorkdirRelativePath"};

constexpr RuleMeta rule_meta{
    .code = "DL3000",
    .name = "workdir-absolute",
    .aliases = aliases,
    .severity = Severity::Error,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "Use absolute WORKDIR",
    .docs =
        {.what = "Reports a `WORKDIR` whose path is relative. BuildKit's WorkdirRelativePath is an alias of "
                 "this rule, so the problem is reported once; BuildKit reports only the first `WORKDIR` of a "
                 "stage, and only when no absolute one came before it in the stage, while this rule reports "
                 "every relative `WORKDIR`.",
         .why =
             "A relative WORKDIR resolves against whatever WORKDIR the base image happens to set, so the "
             "same Dockerfile puts files in different places when the base image changes. An absolute path "
             "says where the files go.",
         .bad = "FROM alpine:3.20\nWORKDIR app\n",
         .good = "FROM alpine:3.20\nWORKDIR /app\n",
         .fix_safety =
             "Safe when an earlier WORKDIR of the stage gives a literal absolute path: the relative "
             "path is joined to it, which is what the builder does. Without one the path resolves "
             "against the base image's WORKDIR, which drydock cannot see: the fix then assumes `/` and "
             "is unsafe. No fix for paths holding variables.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3000\n"
                       "https://docs.docker.com/reference/dockerfile/#workdir\n"
                       "https://docs.docker.com/reference/build-checks/workdir-relative-path/"},
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
        // The WORKDIR the stage is in so far, when it is a literal absolute path (ONBUILD runs elsewhere).
        std::optional<std::string>& current = workdir_[context.stage().value_or(0)];
        if (is_absolute(path.value)) {
            if (!context.in_onbuild())
                current = path.variables.empty() ? std::optional(path.value) : std::nullopt;
            return;
        }
        context.report(
            path.range, "Use absolute WORKDIR: '" + path.value + "' is relative",
            absolute_fix(ins, path, context.in_onbuild() ? std::nullopt : current, context.file().escape));
        if (!context.in_onbuild())
            current =
                current && path.variables.empty() ? std::optional(join(*current, path.value)) : std::nullopt;
    }

private:
    static std::string join(const std::string& base, const std::string& relative) {
        std::string out = base;
        while (out.size() > 1 && out.back() == '/')
            out.pop_back();
        return out + (out == "/" ? "" : "/") + relative;
    }

    // The absolute path the relative one resolves to: safe when an earlier WORKDIR of the stage says where
    // that is; without one it resolves against the base image's WORKDIR, which is `/` unless the base image
    // sets another, so that guess is unsafe.
    static std::optional<Fix> absolute_fix(const Instruction& ins, const Word& path,
                                           const std::optional<std::string>& current, char escape) {
        if (!path.variables.empty() || drops_comments(ins, path.range))
            return std::nullopt;
        const std::string absolute = join(current.value_or("/"), path.value);
        const bool plain = absolute.find_first_of("\"'$` \t") == std::string::npos;
        std::string text = plain ? absolute : dockerfile_quoted(absolute, escape);
        if (current)
            return Fix::replace("Use the absolute path " + absolute, path.range, std::move(text));
        return Fix::replace("Use the absolute path " + absolute + " (assumes the base image's WORKDIR is /)",
                            path.range, std::move(text), Applicability::Unsafe);
    }

    std::map<std::size_t, std::optional<std::string>> workdir_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3000, drydock::rules::rule_meta, drydock::rules::WorkdirAbsolute)
