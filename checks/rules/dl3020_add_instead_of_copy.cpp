// DL3020: ADD used where COPY does the same.

#include "fix_builders.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3020",
    .name = "add-instead-of-copy",
    .severity = Severity::Error,
    .category = Category::Maintainability,
    .fix = FixAvailability::Sometimes,
    .summary = "Use COPY instead of ADD for files and folders",
    .docs =
        {.what =
             "Reports each `ADD` source that is a plain local file or directory: not an `http://` / "
             "`https://` URL, not a Git SSH address (`git@host:repo`), and not a tar archive, the one kind "
             "of file `ADD` unpacks (`.tar`, optionally compressed: `.tar.gz`/`.tgz`/`.gz`, `.bz2`/`.tbz`/"
             "`.tbz2`/`.tb2`, `.xz`/`.txz`, `.zst`/`.tzst`). Heredoc sources (`ADD <<EOF /file`) are plain "
             "files too: `COPY <<EOF` writes the same file. A source given by a variable is judged by its "
             "`ARG`/`ENV` default and skipped when that is unknown.\n\n"
             "Unlike hadolint, `.zip`, `.lz`, `.lzma`, `.tlz`, `.Z` and `.tZ` files are reported: `ADD` "
             "copies them without unpacking, exactly as `COPY` would.",
         .why =
             "`ADD` does more than copy: it fetches URLs and unpacks local tar archives. Using it for plain "
             "files hides which of those behaviours was intended, and a file that later happens to be a tar "
             "archive gets unpacked by surprise. `COPY` says exactly what happens.",
         .bad = "FROM alpine:3.20\nADD app.py /app/\n",
         .good = "FROM alpine:3.20\nCOPY app.py /app/\nADD https://example.com/data.tar.gz /data/\n",
         .fix_safety = "Safe: the keyword becomes `COPY` (in the file's keyword casing) only when every source of "
                       "the instruction is a plain local file or a heredoc, none comes from a variable, and no "
                       "flag is ADD's alone (`--checksum`, `--keep-git-dir`, `--unpack`); COPY then copies "
                       "exactly what ADD did. Otherwise no fix is offered.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3020\n"
                       "https://docs.docker.com/reference/dockerfile/#add\n"
                       "https://docs.docker.com/build/building/best-practices/#add-or-copy"},
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view x) { return s.ends_with(x); });
}

// Tar archives, plain or compressed with a format Docker's decompressor knows (gzip, bzip2, xz, zstd).
bool is_tar_archive(std::string_view path) {
    return ends_with_any(lower(path), {".tar", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".tb2", ".xz", ".txz",
                                       ".zst", ".tzst"});
}

// Archives that hadolint exempts but `ADD` does not unpack.
bool is_other_archive(std::string_view path) {
    return ends_with_any(lower(path), {".zip", ".lz", ".lzma", ".tlz", ".z", ".tz", ".7z"});
}

bool is_remote(std::string_view source) {
    const std::string s = lower(source);
    return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@");
}

// ADD -> COPY, when every source is a plain local file or a heredoc and no flag is ADD's alone (--checksum,
// --keep-git-dir, --unpack): then COPY copies exactly what ADD did.
std::optional<Fix> copy_fix(const Instruction& ins, const std::vector<Variable>& scope, bool in_onbuild) {
    for (const Flag& flag : ins.flags) {
        const std::string& name = flag.name.raw;
        if (name != "chown" && name != "chmod" && name != "link" && name != "exclude")
            return std::nullopt;
    }
    for (std::size_t i = 0; i + 1 < ins.arguments.size(); ++i) {
        const Word& source = ins.arguments[i];
        const bool heredoc = std::any_of(ins.heredocs.begin(), ins.heredocs.end(),
                                         [&](const Heredoc& h) { return h.marker == source.range; });
        if (heredoc)
            continue;
        if (in_onbuild && !source.variables.empty())
            return std::nullopt;
        const std::optional<std::string> value = default_value(source, scope);
        if (!value || value->empty() || is_remote(*value) || is_tar_archive(*value) || !source.variables.empty())
            return std::nullopt;
    }
    return replace_keyword(ins, "COPY", "Replace ADD with COPY");
}

class AddInsteadOfCopy final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Add}; }
    void check(const Instruction& ins, Context& context) override {
        if (ins.arguments.size() < 2)
            return;
        const std::vector<Variable> scope =
            context.in_onbuild() ? std::vector<Variable>{} : context.model().scope_at(context.index());
        const std::optional<Fix> fix = copy_fix(ins, scope, context.in_onbuild());
        for (std::size_t i = 0; i + 1 < ins.arguments.size(); ++i) {
            const Word& source = ins.arguments[i];
            const bool heredoc = std::any_of(ins.heredocs.begin(), ins.heredocs.end(),
                                             [&](const Heredoc& h) { return h.marker == source.range; });
            if (heredoc) {
                context.report(source.range, "Use COPY instead of ADD for files and folders: heredoc `" +
                                                 source.raw + "` is a plain file, and `COPY " + source.raw +
                                                 "` writes the same file",
                               fix);
                continue;
            }
            // In an ONBUILD trigger, variables are those of the downstream build: unknown here.
            if (context.in_onbuild() && !source.variables.empty())
                continue;
            const std::optional<std::string> value = default_value(source, scope);
            if (!value || value->empty() || is_remote(*value) || is_tar_archive(*value))
                continue;
            std::string message = "Use COPY instead of ADD for files and folders: `" + source.value + "`";
            if (!source.variables.empty())
                message += " (`" + *value + "` by default)";
            if (is_other_archive(*value))
                message += " is not a tar archive, so ADD does not unpack it";
            else
                message += " is neither a URL nor a tar archive";
            context.report(source.range, message, fix);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3020, drydock::rules::rule_meta, drydock::rules::AddInsteadOfCopy)
