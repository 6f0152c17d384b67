// DL3021: COPY with several sources needs a destination that ends with `/`.

#include "fix_builders.hpp"
#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3021",
    .name = "copy-destination-directory",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "COPY with more than 2 arguments requires the last argument to end with /",
    .docs =
        {.what =
             "Reports a `COPY` (or `ADD`, which hadolint does not check) with two or more sources (files, "
             "directories, URLs, heredocs) whose destination does not end with `/`. Flags such as `--link`, "
             "`--chmod=755` or `--parents` are not sources "
             "(hadolint counts some of them), the JSON form is read the same way, and `.` or `..` are "
             "directories already. A destination given by a variable is judged by its `ARG`/`ENV` default; "
             "one without a default is not reported. Triggers inside `ONBUILD` are checked too, when "
             "their destination holds no variable.",
         .why = "With several sources the destination must be a directory, and only a trailing `/` says so "
                "unambiguously: the classic builder refuses to build, and readers cannot tell whether "
                "`/app` is meant as a file or a folder.",
         .bad = "FROM node:22-slim\nCOPY package.json package-lock.json /app\n",
         .good = "FROM node:22-slim\nCOPY package.json package-lock.json /app/\n",
         .fix_safety =
             "Safe: a `/` is appended to the destination (a `\\` in a file whose escape character is a "
             "backtick and whose destination is a Windows path with backslashes). With several sources the "
             "destination can only be a directory, so this says what the build does (or has to do to build "
             "at all). Offered only for a destination written as one plain word: no quotes, escapes, "
             "variables or line continuation inside it, and not in JSON form.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3021\n"
                       "https://docs.docker.com/reference/dockerfile/#copy"},
};

// Whether the destination names a directory: a trailing `/` (or `\` where the escape character is a
// backtick, as in Windows Dockerfiles), or the `.` / `..` directory entries.
bool is_directory(std::string_view dest, char escape) {
    if (dest.empty())
        return false;
    if (dest.back() == '/' || (escape == '`' && dest.back() == '\\'))
        return true;
    return dest == "." || dest == ".." || dest.ends_with("/.") || dest.ends_with("/..");
}

class CopyDestinationDirectory final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    // ADD has the same rule, and a fix that turns ADD into COPY must not be what reveals the problem.
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Copy, InstructionKind::Add};
    }
    void check(const Instruction& ins, Context& context) override {
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands || operands->sources.size() < 2)
            return;
        const Word& dest = *operands->destination;
        // An ONBUILD trigger runs in another build, whose variables we don't know.
        if (context.in_onbuild() && !dest.variables.empty())
            return;
        const std::optional<std::string> value =
            default_value(dest, context.model().scope_at(context.index()));
        if (!value || is_directory(*value, context.file().escape))
            return;
        std::string message = std::string(keyword_name(ins.kind)) +
                              " with more than 2 arguments requires the last argument to end with /: `";
        message += dest.variables.empty() ? *value + "`" : dest.raw + "` (`" + *value + "` by default)";
        message += " receives " + std::to_string(operands->sources.size()) + " sources";
        context.report(dest.range, message, slash_fix(dest, context.file().escape));
    }

private:
    // The destination with a trailing separator, when it is one plain word written exactly as it is read.
    static std::optional<Fix> slash_fix(const Word& dest, char escape) {
        if (!dest.variables.empty() || dest.raw != dest.value || dest.range.size() != dest.raw.size())
            return std::nullopt;
        const bool windows_path = escape == '`' && dest.value.find('\\') != std::string::npos &&
                                  dest.value.find('/') == std::string::npos;
        const std::string separator = windows_path ? "\\" : "/";
        return Fix{"Add a trailing " + separator + " to the destination",
                   {insert_at(dest.range.end, separator)},
                   Applicability::Safe};
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3021, drydock::rules::rule_meta, drydock::rules::CopyDestinationDirectory)
