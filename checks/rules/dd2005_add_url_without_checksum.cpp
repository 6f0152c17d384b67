// DD2005: `ADD https://…` (or a Git URL) whose content nothing pins.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2005",
    .name = "add-url-without-checksum",
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "Pin the content of a remote ADD source with --checksum",
    .docs =
        {.what =
             "Reports each remote source of an `ADD` without `--checksum`: an `http://` or `https://` URL, "
             "and a Git repository (`git@host:repo`, `ssh://`, `git://`, or an `https://` URL whose path "
             "ends in `.git`) unless its ref is a full commit hash (`…repo.git#<40 hex digits>`, also "
             "`?ref=<hash>`) or the URL carries `?checksum=`. Variables are read with their ARG/ENV "
             "defaults: a URL is reported whatever its variables hold (`https://…/v${VERSION}/x.tar.gz`), "
             "a Git source only when its ref is known. `ONBUILD ADD` is checked too.",
         .why = "`ADD <url>` puts whatever the server returns at build time into the image: a replaced "
                "release file, a compromised mirror or a moved Git tag changes the image without any change "
                "to the Dockerfile, and nothing in the build notices. With `--checksum=sha256:<digest>` "
                "BuildKit verifies the download and fails the build when it differs; a Git source pinned to "
                "a commit cannot move. `--checksum` needs BuildKit's Dockerfile frontend 1.6 or later (Git "
                "sources: 1.10).",
         .bad = "FROM alpine:3.20\nADD https://example.com/tool-1.2.tar.gz /opt/\n",
         .good = "FROM alpine:3.20\n"
                 "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\\n"
                 "    https://example.com/tool-1.2.tar.gz /opt/\n",
         .fix_safety =
             "Display only: the fix shows `--checksum=sha256:<digest>` (`--checksum=<commit>` for a "
             "Git source) after `ADD`, for an `ADD` with one source. drydock cannot know the "
             "digest: compute it from a download you trust (`sha256sum tool-1.2.tar.gz`) and fill "
             "it in.",
         .references = "https://docs.docker.com/reference/dockerfile/#add---checksum\n"
                       "https://docs.docker.com/reference/dockerfile/#adding-files-from-a-url"},
};

bool is_hex_hash(std::string_view text) {
    return (text.size() == 40 || text.size() == 64) &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

enum class Remote { None, Http, Git };

// What kind of remote source `source` is, the way BuildKit tells them apart: an http(s) URL is a Git
// repository when its path ends in `.git`.
Remote remote_kind(std::string_view source) {
    const std::string s = to_lower(source);
    if (s.starts_with("git@") || s.starts_with("git://") || s.starts_with("ssh://"))
        return Remote::Git;
    if (!s.starts_with("http://") && !s.starts_with("https://"))
        return Remote::None;
    const std::string_view path = std::string_view(s).substr(0, s.find_first_of("#?"));
    return path.ends_with(".git") ? Remote::Git : Remote::Http;
}

// Whether a Git source names a commit: `#<hash>` (optionally `:subdir`), or `?ref=<hash>` / `?checksum=…`.
bool git_pinned(std::string_view source) {
    const std::size_t hash = source.find('#');
    if (hash != std::string_view::npos) {
        const std::string_view fragment = source.substr(hash + 1);
        if (is_hex_hash(fragment.substr(0, fragment.find(':'))))
            return true;
    }
    const std::size_t query = source.find('?');
    if (query == std::string_view::npos)
        return false;
    std::string_view params =
        source.substr(query + 1, hash == std::string_view::npos || hash < query ? std::string_view::npos
                                                                                : hash - query - 1);
    while (!params.empty()) {
        const std::size_t amp = params.find('&');
        const std::string_view param = params.substr(0, amp);
        if (param.starts_with("checksum="))
            return true;
        if ((param.starts_with("ref=") || param.starts_with("commit=")) &&
            is_hex_hash(param.substr(param.find('=') + 1)))
            return true;
        params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    }
    return false;
}

class AddUrlWithoutChecksum final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Add}; }
    void check(const Instruction& ins, Context& context) override {
        if (ins.flag("checksum"))
            return;
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands)
            return;
        // In an ONBUILD trigger, variables are those of the downstream build: unknown here.
        const std::vector<Variable> scope =
            context.in_onbuild() ? std::vector<Variable>{} : context.model().scope_at(context.index());
        for (const Word& source : operands->sources) {
            const bool heredoc = std::any_of(ins.heredocs.begin(), ins.heredocs.end(),
                                             [&](const Heredoc& h) { return h.marker == source.range; });
            if (heredoc)
                continue;
            // A URL is remote whatever its variables hold (`https://…/v${VERSION}/x.tar.gz`); whether a Git
            // ref is a commit needs the value.
            const std::optional<std::string> known = default_value(source, scope);
            const std::string value = known ? *known : source.value;
            const Remote kind = remote_kind(value);
            if (kind == Remote::None || (kind == Remote::Git && (!known || git_pinned(value))))
                continue;
            const bool single = operands->sources.size() == 1;
            if (kind == Remote::Http)
                context.report(
                    source.range,
                    "ADD downloads `" + value +
                        "` without `--checksum`: pin its content with `--checksum=sha256:<digest>`",
                    single ? checksum_fix(ins, "sha256:<digest>") : std::nullopt);
            else
                context.report(source.range,
                               "ADD clones `" + value +
                                   "` at a ref that can move: pin a commit with `#<commit>` or "
                                   "`--checksum=<commit>`",
                               single ? checksum_fix(ins, "<commit>") : std::nullopt);
        }
    }

private:
    // `--checksum=<value>` after the keyword: shown, never applied, since the digest is not known here.
    static std::optional<Fix> checksum_fix(const Instruction& ins, std::string_view value) {
        const std::string flag = "--checksum=" + std::string(value);
        return Fix{"Add `" + flag + "` with the real digest",
                   {insert_at(ins.keyword.range.end, " " + flag)},
                   Applicability::DisplayOnly};
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2005, drydock::rules::rule_meta, drydock::rules::AddUrlWithoutChecksum)
