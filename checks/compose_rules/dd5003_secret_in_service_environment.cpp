// DD5003: a secret written in plain text in a service's `environment:`.

#include "compose_rule_support.hpp"
#include "secret_values.hpp"

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5003",
    .name = "secret-in-service-environment",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Security,
    .summary = "Secret in plain text in a service's `environment`",
    .docs =
        {.what =
             "Reports, at the value, an `environment:` variable (mapping or `KEY=value` list) whose value is "
             "a secret: a value that has the form of one (a private key, a cloud or forge token, a URL with "
             "a password), or a value under a secret-like name (`DB_PASSWORD`, `API_TOKEN`) that does not "
             "show it is something else (a path, a URL without credentials, a number, a boolean). This is "
             "the "
             "detector of `secret-in-env` (DL3064) for Dockerfiles. A value taken from the environment "
             "(`${DB_PASSWORD}`) is not reported; a default written in the file (`${DB_PASSWORD:-secret}`) "
             "is.",
         .why = "A compose file is committed and shared: a password in it is in every clone and in the "
                "repository's history, and `docker inspect` shows it to anyone who can reach the Docker "
                "daemon. Use Compose `secrets:` (mounted as files under `/run/secrets/`, which most official "
                "images read through `*_FILE` variables) or an `env_file:` that is kept out of version "
                "control.",
         .bad = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "
                "s3cr3t-pw\n",
         .good = "services:\n  db:\n    image: postgres:16\n    environment:\n"
                 "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\n"
                 "secrets:\n  db_password:\n    file: ./db_password.txt\n",
         .references = "https://docs.docker.com/compose/how-tos/use-secrets/\n"
                       "https://docs.docker.com/reference/compose-file/services/#environment"},
};

class SecretInServiceEnvironment final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        for (const EnvironmentEntry& entry : environment(context.file(), service)) {
            if (!entry.value || entry.value->empty())
                continue;
            const std::optional<std::string> value = compose::interpolate(*entry.value);
            if (!value || value->empty())
                continue; // from the environment: the file holds no secret
            const bool is_default = *value != *entry.value;
            const std::string what = is_default ? "a plain-text default" : "a plain-text value";
            if (const std::optional<std::string_view> kind = secret_value_kind(*value)) {
                context.report(entry.value_range, "`" + entry.name + "` has " + what + " that is " +
                                                      std::string(*kind) +
                                                      ": use `secrets:` or an env file "
                                                      "kept out of version control");
            } else if (secret_like_name(entry.name) && !value_shows_not_secret(*value)) {
                context.report(entry.value_range, "`" + entry.name + "` looks like a secret and has " + what +
                                                      ": use `secrets:` or an env file kept out of version "
                                                      "control");
            }
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5003, drydock::rules::rule_meta, drydock::rules::SecretInServiceEnvironment)
