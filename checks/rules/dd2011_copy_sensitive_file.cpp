// DD2011: COPY/ADD puts a file that usually holds credentials (.env, SSH or TLS private keys, .npmrc, cloud
// and registry credentials) into the image, by name or because `COPY .` sends it from the build context.

#include "dockerignore.hpp"
#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

namespace fs = std::filesystem;

constexpr RuleMeta rule_meta{
    .code = "DD2011",
    .name = "copy-sensitive-file",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "COPY or ADD puts a file that usually holds secrets into the image",
    .docs =
        {.what = "Reports `COPY` and `ADD` of files that usually hold credentials, by name — as source or "
                 "as destination: `.env` and `.env.*` (not `.env.example`, `.env.sample`, `.env.template`, "
                 "…), SSH private keys (`id_rsa`, `id_ecdsa`, `id_ed25519`, …), `*.key`, `*.pem` (not when "
                 "the name says certificate, CA, chain, bundle or public), `*.p12`/`*.pfx`, `.npmrc`, "
                 "`.pypirc`, `.netrc`, `.git-credentials`, `.aws/credentials`, `.docker/config.json`, "
                 "kubeconfig files, and the folders `.ssh`, `.aws`, `.kube` and `.gnupg`.\n\n"
                 "When the source is `.` or another folder of the build context (the Dockerfile's folder, or "
                 "`--context DIR`), the rule also looks at the files that are really there (a bounded walk "
                 "that skips `.git` and `node_modules`) and reports such files that the `.dockerignore` does "
                 "not exclude — or all of them when there is no `.dockerignore`. A named source that the "
                 "`.dockerignore` excludes is not reported: it never reaches the image (DD1013 reports the "
                 "COPY instead).",
         .why = "Everything COPY puts into a layer stays in the image, even if a later `RUN rm` deletes it: "
                "anyone who can pull the image can read the keys and tokens. `COPY . .` is the usual way "
                "a local `.env` or key file ends up in a published image.",
         .bad =
             "FROM node:22-slim\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n",
         .good = "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
                 "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
         .options = "The build context is the folder of the linted Dockerfile, or `--context DIR`.",
         .references = "https://docs.docker.com/build/building/secrets/\n"
                       "https://docs.docker.com/build/concepts/context/#dockerignore-files"},
};

std::string lower(std::string_view text) {
    return to_lower(text);
}

// Words of a file name, split at anything but letters and digits: `rds-ca-2019-root.pem` -> rds, ca, 2019,
// root, pem.
std::vector<std::string> name_words(std::string_view name) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            current.push_back(c);
        } else if (!current.empty()) {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
    });
}

// What kind of secret the file at `path` (cleaned, `/`-separated) usually is; empty when none.
std::string sensitive_kind(std::string_view path) {
    const std::string p = lower(path);
    const std::size_t slash = p.rfind('/');
    const std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
    const std::string folder = slash == std::string::npos ? std::string() : p.substr(0, slash);
    const std::string parent =
        folder.substr(folder.rfind('/') == std::string::npos ? 0 : folder.rfind('/') + 1);
    const std::vector<std::string> words = name_words(base);
    if (base == ".env")
        return "an environment file";
    if (base.starts_with(".env.") && !has_word(words, {"example", "examples", "sample", "template", "tmpl",
                                                       "tpl", "dist", "default", "defaults", "schema"}))
        return "an environment file";
    static constexpr std::array<std::string_view, 6> ssh_keys{"id_rsa",     "id_dsa",      "id_ecdsa",
                                                              "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"};
    if (std::find(ssh_keys.begin(), ssh_keys.end(), base) != ssh_keys.end())
        return "an SSH private key";
    if (base == ".npmrc" || base == ".pypirc" || base == ".netrc" || base == "_netrc" ||
        base == ".git-credentials")
        return "a credentials file";
    if (base == "credentials" && parent == ".aws")
        return "AWS credentials";
    if (base == "config.json" && parent == ".docker")
        return "registry credentials";
    if (base == "kubeconfig" || base.ends_with(".kubeconfig") || (base == "config" && parent == ".kube"))
        return "a kubeconfig";
    if (base == ".ssh" || base == ".aws" || base == ".kube" || base == ".gnupg")
        return "a folder of credentials";
    if (base.ends_with(".p12") || base.ends_with(".pfx"))
        return "a key store";
    const bool public_name = has_word(words, {"pub", "public", "gpg", "pgp", "asc", "signing", "release"});
    if (base.ends_with(".key") && base.size() > 4 && !public_name)
        return "a private key";
    // `*.pem` holds certificates as often as keys: only a name that says neither is taken for a key, and a
    // wildcard (`certs/*.pem`) says nothing.
    if (base.ends_with(".pem") && base.size() > 4 && !public_name &&
        base.find_first_of("*?[") == std::string::npos &&
        !has_word(words, {"ca", "cacert", "cacerts", "cert", "certs", "certificate", "certificates", "chain",
                          "fullchain", "bundle", "root", "rootca", "crt", "trust", "truststore"}))
        return "a private key";
    return {};
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

// `path` relative to the context root: `./a/b/` -> `a/b`, `/` -> `.`.
std::string context_relative(std::string_view path) {
    std::string out = clean_path(path);
    while (!out.empty() && out.front() == '/')
        out.erase(0, 1);
    return out.empty() ? "." : out;
}

constexpr std::size_t max_walked_entries = 20000;
constexpr int max_walk_depth = 12;

class CopySensitiveFile final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Copy, InstructionKind::Add};
    }

    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return;
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands)
            return;
        const bool from_stage = ins.flag("from") != nullptr;
        const std::string keyword(keyword_name(ins.kind));
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        load(context.config());

        bool reported_source = false;
        for (const Word& source : operands->sources) {
            if (is_heredoc_marker(ins, source))
                continue;
            const std::optional<std::string> value = default_value(source, scope);
            if (!value || value->empty() || is_remote(*value))
                continue;
            const std::string path = from_stage ? clean_path(*value) : context_relative(*value);
            if (const std::string kind = sensitive_kind(path); !kind.empty()) {
                if (!from_stage && ignore_ && ignore_->rules.excludes(path))
                    continue; // never sent to the builder
                context.report(source.range, "`" + keyword + " " + path + "` puts " + kind +
                                                 " into the image, where anyone with the image can read it; "
                                                 "pass secrets with `RUN --mount=type=secret` instead");
                reported_source = true;
                continue;
            }
            if (!from_stage)
                report_folder(context, source, path, keyword);
        }
        // A destination that names a secret file: `COPY deploy_key /root/.ssh/id_rsa`.
        const Word& destination = *operands->destination;
        if (!reported_source && !destination.value.ends_with('/') && destination.variables.empty()) {
            const std::string target = clean_path(destination.value);
            if (const std::string kind = sensitive_kind(target);
                !kind.empty() && kind != "a folder of credentials")
                context.report(destination.range,
                               "`" + keyword + "` to `" + target + "` puts " + kind +
                                   " into the image, where anyone with the image can read "
                                   "it; pass secrets with `RUN --mount=type=secret` instead");
        }
    }

private:
    void load(const Config& config) {
        if (loaded_)
            return;
        loaded_ = true;
        ignore_ = load_dockerignore(config);
        if (config.build_context)
            context_dir_ = fs::path(*config.build_context);
    }

    // `COPY . .` / `COPY src/ /app/`: secret files that really are in that folder of the context and that
    // the ignore file lets through.
    void report_folder(Context& context, const Word& source, const std::string& path,
                       const std::string& keyword) {
        if (context_dir_.empty())
            return;
        const std::vector<std::string>& found = sensitive_files_under(path);
        if (found.empty())
            return;
        std::string list;
        for (std::size_t i = 0; i < found.size() && i < 3; ++i)
            list += (i ? ", `" : "`") + found[i] + "`";
        if (found.size() > 3)
            list += " and " + std::to_string(found.size() - 3) + " more";
        const std::string them = found.size() == 1 ? "it" : "them";
        const std::string advice = ignore_ ? "add " + them + " to " + ignore_->path.filename().string()
                                           : "add a .dockerignore that excludes " + them;
        context.report(source.range,
                       "`" + keyword + " " + path + "` sends " + list +
                           " from the build context into the image, where anyone with the image "
                           "can read " +
                           them + "; " + advice + ", and pass secrets with `RUN --mount=type=secret`");
    }

    // The context-relative paths of secret files under the context folder `path`, cached per folder.
    const std::vector<std::string>& sensitive_files_under(const std::string& path) {
        const auto cached = walked_.find(path);
        if (cached != walked_.end())
            return cached->second;
        std::vector<std::string>& out = walked_[path];
        std::error_code ec;
        const fs::path root = path == "." ? context_dir_ : context_dir_ / path;
        if (!fs::is_directory(root, ec))
            return out;
        const bool can_prune = !ignore_ || !ignore_->rules.has_exceptions();
        std::size_t visited = 0;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (++visited > max_walked_entries)
                break;
            const fs::directory_entry& entry = *it;
            const std::string name = entry.path().filename().string();
            const std::string relative =
                (path == "." ? "" : path + "/") + fs::relative(entry.path(), root, ec).generic_string();
            const bool excluded = ignore_ && ignore_->rules.excludes(relative);
            if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
                if (name == ".git" || name == "node_modules" || it.depth() >= max_walk_depth ||
                    (excluded && can_prune))
                    it.disable_recursion_pending();
                continue;
            }
            if (!excluded && !sensitive_kind(relative).empty())
                out.push_back(relative);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    bool loaded_ = false; // read once per linted file, on the first COPY/ADD
    std::optional<IgnoreFile> ignore_;
    fs::path context_dir_;
    std::map<std::string, std::vector<std::string>> walked_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2011, drydock::rules::rule_meta, drydock::rules::CopySensitiveFile)
