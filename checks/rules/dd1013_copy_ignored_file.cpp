// DD1013: BuildKit's CopyIgnoredFile — COPY/ADD names a source that `.dockerignore` leaves out of the build
// context.

#include "dockerignore.hpp"
#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"CopyIgnoredFile"};

constexpr RuleMeta rule_meta{
    .code = "DD1013",
    .name = "copy-ignored-file",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Attempting to COPY or ADD a file that is excluded by .dockerignore",
    .docs =
        {.what = "Reports a `COPY` or `ADD` source from the build context that the `.dockerignore` excludes, "
                 "as BuildKit's CopyIgnoredFile does: the ignore file is `<Dockerfile>.dockerignore` beside "
                 "the Dockerfile when there is one, else `.dockerignore` at the root of the build context "
                 "(the Dockerfile's folder, or `--context DIR`). Patterns follow Docker's rules (`*`, `?`, "
                 "`**`, `[...]`, a pattern also covers everything below a matching folder). Like BuildKit, "
                 "the rule says nothing when there is no ignore file or when it has `!` exceptions (whether "
                 "an exception brings a file back is too hard to tell from the patterns alone), for `COPY "
                 "--from`, for URLs and heredocs, and for `.` or `/` unless the ignore file excludes "
                 "everything (`*`, `**` or `**/*`). Sources with variables are judged with their ARG/ENV "
                 "defaults. Nothing is reported when the file is linted from standard input without "
                 "`--stdin-filename` or `--context`.",
         .why = "An excluded file is not sent to the builder: the build fails with \"not found\", or, with a "
                "wildcard source, silently copies less than intended. Either the ignore file or the COPY "
                "line is wrong.",
         .bad = "FROM alpine:3.20\nCOPY build/app.log /var/log/\n",
         .good = "FROM alpine:3.20\nCOPY app.conf /etc/app/\n",
         .options = "Needs a build context: the folder of the linted Dockerfile, or `--context DIR` "
                    "(`drydock lint --context . docker/app.Dockerfile`).",
         .references = "https://docs.docker.com/reference/build-checks/copy-ignored-file/\n"
                       "https://docs.docker.com/build/concepts/context/#dockerignore-files"},
};

// Whether the ignore file excludes the whole context root: a plain `*`, `**` or `**/*` pattern.
bool excludes_everything(const DockerIgnore& ignore) {
    for (const IgnorePattern& p : ignore.patterns())
        if (!p.exception() && (p.text() == "*" || p.text() == "**" || p.text() == "**/*"))
            return true;
    return false;
}

bool is_heredoc_marker(const Instruction& ins, const Word& word) {
    for (const Heredoc& h : ins.heredocs)
        if (h.marker.begin >= word.range.begin && h.marker.begin < word.range.end)
            return true;
    return false;
}

bool is_remote(std::string_view source) {
    return source.find("://") != std::string_view::npos || source.starts_with("git@");
}

class CopyIgnoredFile final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Copy, InstructionKind::Add};
    }
    void check(const Instruction& ins, Context& context) override {
        // ONBUILD triggers copy from the context of the build that uses the image.
        if (context.in_onbuild() || ins.flag("from"))
            return;
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands)
            return;
        if (!loaded_) {
            ignore_ = load_dockerignore(context.config());
            loaded_ = true;
        }
        if (!ignore_ || ignore_->rules.empty() || ignore_->rules.has_exceptions())
            return;
        const std::string file_name = ignore_->path.filename().string();
        for (const Word& source : operands->sources) {
            if (is_heredoc_marker(ins, source))
                continue;
            const std::optional<std::string> value =
                default_value(source, context.model().scope_at(context.index()));
            if (!value || value->empty() || is_remote(*value))
                continue;
            const std::string path = clean_path(*value);
            const bool root = path == "." || path == "/";
            if (root ? !excludes_everything(ignore_->rules) : !ignore_->rules.excludes(path))
                continue;
            context.report(source.range, "Attempting to " + std::string(keyword_name(ins.kind)) + " `" +
                                             path + "`, which " + file_name +
                                             " excludes from the build context; the builder will not see it");
        }
    }

private:
    bool loaded_ = false; // the ignore file is read once per linted file, on the first COPY/ADD
    std::optional<IgnoreFile> ignore_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1013, drydock::rules::rule_meta, drydock::rules::CopyIgnoredFile)
