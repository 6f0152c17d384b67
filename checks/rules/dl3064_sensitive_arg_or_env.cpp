// DL3064: an ARG or ENV name looks like it holds a secret.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3064",
    .name = "sensitive-arg-or-env",
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Potentially sensitive data should not be used in the `ARG` or `ENV` commands",
    .docs =
        {.what =
             "Reports an `ARG` or `ENV` whose name looks like it holds a secret, at the name, using "
             "hadolint's lists: a known name such as `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN` or "
             "`POSTGRES_PASSWORD` (any case), or a name that contains `api_key`, `client_key`, `password`, "
             "`private`, `secret`, `token` or `username` (any case). Unlike hadolint, such a word must end "
             "where it ends in the name (a plural `s` allowed): `TOKENIZERS_PARALLELISM` or "
             "`SECRETARY_EMAIL` are not reported, `DB_PASSWORD`, `ACCESSTOKEN` and `SECRETS_DIR` are. Only "
             "names are judged, never values. Global `ARG`s and triggers inside `ONBUILD` are checked too.",
         .why = "`ARG` values are recorded in the image history and `ENV` values in the image "
                "configuration: anyone who can pull the image can read them. Pass secrets with `RUN "
                "--mount=type=secret` (or `docker build --secret`) instead.",
         .bad = "FROM node:22-slim\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" "
                "> .npmrc && npm ci\n",
         .good = "FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3064\n"
                       "https://docs.docker.com/build/building/secrets/"},
};

// hadolint's list of names known to hold credentials (Rule/DL3064.hs), compared upper-cased.
constexpr std::array<std::string_view, 48> known_sensitive_names{"ACCESS_TOKEN",
                                                                 "APPLICATION_KEY",
                                                                 "APP_SECRET",
                                                                 "AUTH_TOKEN",
                                                                 "AWS_ACCESS_KEY_ID",
                                                                 "AWS_SECRET_ACCESS_KEY",
                                                                 "BITTREX_API_KEY",
                                                                 "BITTREX_API_SECRET",
                                                                 "CF_PASSWORD",
                                                                 "CF_USERNAME",
                                                                 "CIRCLE_TOKEN",
                                                                 "CI_DEPLOY_PASSWORD",
                                                                 "CI_DEPLOY_USER",
                                                                 "DOCKERHUB_PASSWORD",
                                                                 "DOCKER_EMAIL",
                                                                 "DOCKER_PASSWORD",
                                                                 "DOCKER_USERNAME",
                                                                 "FACEBOOK_ACCESS_TOKEN",
                                                                 "FACEBOOK_APP_ID",
                                                                 "FACEBOOK_APP_SECRET",
                                                                 "FIREBASE_API_TOKEN",
                                                                 "FIREBASE_TOKEN",
                                                                 "FOSSA_API_KEY",
                                                                 "GH_ENTERPRISE_TOKEN",
                                                                 "GH_TOKEN",
                                                                 "GITHUB_ENTERPRISE_TOKEN",
                                                                 "GITHUB_TOKEN",
                                                                 "HEROKU_API_KEY",
                                                                 "HEROKU_API_USER",
                                                                 "NPM_AUTH_TOKEN",
                                                                 "NPM_TOKEN",
                                                                 "OKTA_AUTHN_GROUPID",
                                                                 "OKTA_CLIENT_ORGURL",
                                                                 "OKTA_CLIENT_TOKEN",
                                                                 "OKTA_OAUTH2_CLIENTID",
                                                                 "OKTA_OAUTH2_CLIENTSECRET",
                                                                 "OPENAI_API_KEY",
                                                                 "OS_PASSWORD",
                                                                 "OS_USERNAME",
                                                                 "POSTGRES_PASSWORD",
                                                                 "SLACK_TOKEN",
                                                                 "STRIPE_API_KEY",
                                                                 "STRIPE_DEVICE_NAME",
                                                                 "TRAVIS_OS_NAME",
                                                                 "TRAVIS_SECURE_ENV_VARS",
                                                                 "TRAVIS_SUDO",
                                                                 "VAULT_CLIENT_KEY",
                                                                 "VAULT_TOKEN"};

// hadolint's substrings that make any name suspicious, compared lower-cased.
constexpr std::array<std::string_view, 7> suspicious_substrings{
    "api_key", "client_key", "password", "private", "secret", "token", "username"};

std::string to_upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

// Whether a match that ends at `end` of `name` ends a word there: the name ends, or a non-letter follows,
// or a plural `s` does. `TOKENIZERS_PARALLELISM` or `SECRETARY` hold no secret; `TOKENS`, `DBPASSWORD` and
// `SECRET_KEY` may.
bool ends_word(std::string_view name, std::size_t end) {
    auto letter = [&](std::size_t i) {
        return i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]));
    };
    if (!letter(end))
        return true;
    return name[end] == 's' && !letter(end + 1);
}

// Why `name` looks sensitive ("is a known secret name", "contains `token`"); empty when it does not.
std::string suspicion(std::string_view name) {
    const std::string upper = to_upper(name);
    if (std::find(known_sensitive_names.begin(), known_sensitive_names.end(), upper) !=
        known_sensitive_names.end())
        return "is a well-known name for credentials";
    const std::string lower = to_lower(name);
    for (const std::string_view part : suspicious_substrings)
        for (std::size_t at = lower.find(part); at != std::string::npos; at = lower.find(part, at + 1))
            if (ends_word(lower, at + part.size()))
                return "contains `" + std::string(part) + "`";
    return {};
}

class SensitiveArgOrEnv final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Arg, InstructionKind::Env};
    }
    void check(const Instruction& ins, Context& context) override {
        for (const KeyValue& pair : ins.pairs) {
            const std::string why = suspicion(pair.key.value);
            if (why.empty())
                continue;
            context.report(pair.key.range, "Potentially sensitive data should not be used in the `ARG` or "
                                           "`ENV` commands: `" +
                                               pair.key.value + "` " + why);
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3064, drydock::rules::rule_meta, drydock::rules::SensitiveArgOrEnv)
