// DL3064 (BuildKit: SecretsUsedInArgOrEnv): a secret baked into the image through ENV, ARG or LABEL.

#include "rule_support.hpp"
#include "secret_values.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 2> aliases = {"SecretsUsedInArgOrEnv", "sensitive-arg-or-env"};

constexpr RuleMeta rule_meta{
    .code = "DL3064",
    .name = "secret-in-env",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "A secret is baked into the image through `ENV`, `ARG` or `LABEL`",
    .docs =
        {.what =
             "Reports an `ENV`, `ARG` or `LABEL` entry (global `ARG`s and `ONBUILD` triggers included) that "
             "holds a secret, at its name. One rule for hadolint's DL3064 and BuildKit's "
             "`SecretsUsedInArgOrEnv`, so each finding is reported once; both ids and the old name "
             "`sensitive-arg-or-env` select it.\n\n"
             "An entry holds a secret when its **value** contains one — a private key "
             "(`-----BEGIN … PRIVATE KEY-----`), an AWS access key id (`AKIA…`/`ASIA…`), a GitHub token "
             "(`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), a GitLab token (`glpat-`), a Slack "
             "token (`xoxb-`, …), a JSON Web Token, a URL with a password (`https://user:pass@host`) or with "
             "a token in its query — whatever its name, or when its **name** reads as a secret: BuildKit's "
             "words `apikey`, `auth`, `credential(s)`, `key`, `password`, `passwd`, `pword`, `secret`, "
             "`token` as a whole segment of the name (split at `_`, `-`, `.` and case changes), or a segment "
             "ending in `password`, `passwd`, `secret`, `token` or `apikey` (`DBPASSWORD`, "
             "`ACCESSTOKEN`).\n\n"
             "Quieter than both tools where the name or the value shows there is no secret:\n"
             "* names about a public key: with `public`, `pub`, `gpg`, `pgp`, `gnupg`, `fingerprint`, "
             "`keyserver`, `keyring`, or `RELEASE_KEY` (`GPG_KEY`, `RABBITMQ_PGP_KEY_ID`, "
             "`GHC_RELEASE_KEY`);\n"
             "* names about a secret rather than the secret: ending in `_PATH`, `_FILE`, `_DIR`, `_URL`, "
             "`_HOST`, `_PORT`, `_LENGTH`, `_VERSION`, `_ENABLED`, `_USER`, `_USERNAME`, `_NAME`, `_TYPE`, "
             "`_MODE`, `_ID` and similar nouns (`AWS_ACCESS_KEY_ID` and Vault's `SECRET_ID` are still "
             "secrets); usernames alone (`USERNAME`, hadolint's `DOCKER_USERNAME`) are not secrets;\n"
             "* values that are a path (`/run/secrets/db`, `$HOME/.netrc`, `C:\\secrets`), a URL without "
             "credentials, a number, a boolean, a version, OpenPGP fingerprints or key ids, or empty.\n\n"
             "An `ARG` without a default, or with an empty one, is reported: its value comes from "
             "`--build-arg` and is recorded in the image history. Values are judged as the build sees them "
             "without `--build-arg`, variables replaced by their defaults: `ENV TOKEN=$TOKEN` after `ARG "
             "TOKEN` is reported (it stores the build argument in the image), while a reference to a "
             "variable "
             "nothing declares expands to nothing (`ENV ADMIN_PASSWORD=\"${ADMIN_PASSWORD:-}\"` stores an "
             "empty value). A name whose secret word is `key` with a value of a few letters "
             "(`Filters__0__Key=ProcessId`) names a lookup key, not key material.\n\n"
             "This rule reports the declaration; `secret-in-build-arg` (DD2003) reports each `RUN` that uses "
             "a secret build argument.",
         .why =
             "`ARG` values used by a build are recorded in the image history, and `ENV` and `LABEL` values "
             "in the image configuration: anyone who can pull the image can read them, and they stay in "
             "every image built on it. Give build steps their secrets with `RUN --mount=type=secret` "
             "(`docker build --secret`), and the container its secrets at run time (`docker run -e`, "
             "an orchestrator's secrets, a secrets manager).",
         .bad = "FROM node:22-slim\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" "
                "> .npmrc && npm ci\nENV DB_PASSWORD=changeme\n",
         .good = "FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n"
                 "ENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3064\n"
                       "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/\n"
                       "https://docs.docker.com/build/building/secrets/"},
};

// What to use instead, per instruction.
std::string_view advice(InstructionKind kind) {
    switch (kind) {
    case InstructionKind::Arg:
        return "build arguments are recorded in the image history; give the build step a secret with `RUN "
               "--mount=type=secret` instead";
    case InstructionKind::Label:
        return "labels are stored in the image; keep secrets out of image metadata";
    default:
        return "`ENV` values are stored in the image; set it at run time (`docker run -e`, a secrets "
               "manager) or, for a build step, use `RUN --mount=type=secret`";
    }
}

// The value a build gives the entry when it passes no `--build-arg`: variables replaced by their defaults
// (`ENV KEY_PATH=$HOME/.key` is a path). A reference to a variable that nothing declares expands to nothing
// (`ENV ADMIN_PASSWORD="${ADMIN_PASSWORD:-}"` bakes an empty value). nullopt when a declared variable has no
// known value: the entry stores whatever the build passes.
std::optional<std::string> build_value(const Word& value, const std::vector<Variable>& scope,
                                       const Context& context) {
    if (std::optional<std::string> known = default_value(value, scope))
        return known;
    std::string rest = value.value;
    for (const VariableRef& ref : value.variables) {
        const bool declared = std::any_of(
            scope.begin(), scope.end(), [&](const Variable& variable) { return variable.name == ref.name; });
        if (declared || !ref.operand.empty() || SemanticModel::is_predefined_arg(ref.name))
            return std::nullopt;
        const std::string_view written = context.text(ref.range);
        if (const std::size_t at = rest.find(written); at != std::string::npos)
            rest.erase(at, written.size());
        else
            return std::nullopt;
    }
    return rest;
}

// Why the pair holds a secret ("holds a GitHub token", "looks like a secret (`token`)"); nullopt when it
// holds none.
std::optional<std::string> finding(InstructionKind kind, const KeyValue& pair, const Context& context) {
    if (pair.value)
        if (const std::optional<std::string_view> secret = secret_value_kind(pair.value->value))
            return "holds " + std::string(*secret);
    const std::string_view word = secret_name_word(pair.key.value);
    if (word.empty())
        return std::nullopt;
    // An ARG without a value (or with an empty one) gets it from `--build-arg`: a secret passed at build
    // time.
    const bool from_build_arg = kind == InstructionKind::Arg && (!pair.value || pair.value->value.empty());
    if (!from_build_arg) {
        const std::optional<std::string> value =
            pair.value ? build_value(*pair.value, context.model().scope_at(context.index()), context)
                       : std::optional<std::string>("");
        if (value && value_clears_name(pair.key.value, *value))
            return std::nullopt;
    }
    return "looks like a secret (`" + std::string(word) + "`)";
}

class SecretInEnv final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Arg, InstructionKind::Env, InstructionKind::Label};
    }
    void check(const Instruction& ins, Context& context) override {
        for (const KeyValue& pair : ins.pairs)
            if (const std::optional<std::string> why = finding(ins.kind, pair, context))
                context.report(pair.key.range, "`" + std::string(keyword_name(ins.kind)) + " " +
                                                   pair.key.value + "` " + *why + ": " +
                                                   std::string(advice(ins.kind)));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3064, drydock::rules::rule_meta, drydock::rules::SecretInEnv)
