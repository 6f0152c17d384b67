// Which values and names the secret rules (secret-in-env, secret-in-build-arg, the compose checks) take for
// secrets, and which values show that a secret-like name holds none.

#include "checks/src/secret_values.hpp"

#include <gtest/gtest.h>

#include <string>

namespace drydock::rules {
namespace {

std::string kind(std::string_view value) {
    const std::optional<std::string_view> found = secret_value_kind(value);
    return found ? std::string(*found) : std::string("none");
}

TEST(SecretValues, PrivateKeys) {
    EXPECT_EQ(kind("-----BEGIN RSA PRIVATE KEY-----\\nMIIEow…"), "a private key");
    EXPECT_EQ(kind("-----BEGIN OPENSSH PRIVATE KEY-----"), "a private key");
    EXPECT_EQ(kind("x -----BEGIN PGP PRIVATE KEY BLOCK----- y"), "a private key");
    EXPECT_EQ(kind("-----BEGIN PUBLIC KEY-----"), "none");
    EXPECT_EQ(kind("-----BEGIN CERTIFICATE-----"), "none");
}

TEST(SecretValues, CloudAndForgeTokens) {
    EXPECT_EQ(kind("AKIAIOSFODNN7EXAMPLE"), "an AWS access key id");
    EXPECT_EQ(kind("id=ASIAY34FZKBOKMUTVV7A;"), "an AWS access key id");
    EXPECT_EQ(kind("AKIAIOSFODNN7EXAMPLEX"), "none"); // 17 characters after the prefix
    EXPECT_EQ(kind("XAKIAIOSFODNN7EXAMPLE"), "none"); // not at a word start
    EXPECT_EQ(kind("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"), "a GitHub token");
    EXPECT_EQ(kind("token ghs_16C7e42F292c6912E7710c838347Ae178B4a"), "a GitHub token");
    EXPECT_EQ(
        kind("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV"),
        "a GitHub token");
    EXPECT_EQ(kind("ghp_short"), "none");
    EXPECT_EQ(kind("glpat-xxxxxxxxxxxxxxxxxxxx"), "a GitLab token");
    EXPECT_EQ(kind("glpat-short"), "none");
    EXPECT_EQ(kind("xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx"), "a Slack token");
    EXPECT_EQ(kind("xoxz-123456789012"), "none");
}

TEST(SecretValues, JsonWebTokens) {
    EXPECT_EQ(kind("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                   "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
              "a JSON Web Token");
    EXPECT_EQ(kind("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl"),
              "a JSON Web Token");
    EXPECT_EQ(kind("eyJhbGciOiJIUzI1NiJ9"), "none");                         // a header alone
    EXPECT_EQ(kind("eyJhbGciOiJIUzI1NiJ9.notjson1234.abcdefghijk"), "none"); // the payload is not JSON
}

TEST(SecretValues, UrlCredentials) {
    EXPECT_EQ(kind("https://deploy:s3cr3t@git.example.com/repo.git"), "a URL with a password");
    EXPECT_EQ(kind("postgres://app:hunter2@db:5432/app"), "a URL with a password");
    EXPECT_EQ(kind("https://x.example.com/file?access_token=abcdef123456"),
              "a URL with a token in its query");
    // References name where the secret comes from; a user without a password is no secret.
    EXPECT_EQ(kind("postgres://app:${DB_PASSWORD}@db:5432/app"), "none");
    EXPECT_EQ(kind("https://download.example.com/?license_key=${LICENSE_KEY}&suffix=tar.gz"), "none");
    EXPECT_EQ(kind("https://git@github.com/org/repo"), "none");
    EXPECT_EQ(kind("https://example.com/?page=12345678&sort=name"), "none");
    EXPECT_EQ(kind("plain value"), "none");
}

TEST(SecretNames, BuildKitWordsAsSegments) {
    for (const char* name : {"GITHUB_TOKEN", "api_key", "AUTH", "secret_MESSAGE", "DB_PASSWORD", "NPM_TOKENS",
                             "dbPassword", "client.secret", "APP-CREDENTIALS", "DB_PASSWD", "SMTP_PWORD",
                             "LICENSE_KEY", "SECRET_KEY_BASE", "APIKEY"})
        EXPECT_TRUE(secret_like_name(name)) << name;
    for (const char* name : {"TOKENIZER", "TOKENIZERS_PARALLELISM", "MONKEY", "KEYBOARD_LAYOUT", "SECRETARY",
                             "AUTHOR", "PASSWORDLESS_LOGIN", "NODE_VERSION", "HOME", ""})
        EXPECT_FALSE(secret_like_name(name)) << name;
}

TEST(SecretNames, HadolintSubstringsAtTheEndOfASegment) {
    EXPECT_EQ(secret_name_word("DBPASSWORD"), "password");
    EXPECT_EQ(secret_name_word("ACCESSTOKEN"), "token");
    EXPECT_EQ(secret_name_word("OKTA_OAUTH2_CLIENTSECRET"), "secret");
    EXPECT_EQ(secret_name_word("JDK8_TOKEN"), "token");
    EXPECT_EQ(secret_name_word("SECRETS_DIR_X"), "secret");
}

TEST(SecretNames, PublicKeysAreNotSecrets) {
    for (const char* name :
         {"PUBLIC_KEY", "GPG_KEY", "WORDPRESS_CLI_GPG_KEY", "RABBITMQ_PGP_KEY_ID", "OPENSSL_PGP_KEY_IDS",
          "GHC_RELEASE_KEY", "STACK_RELEASE_KEYS", "SSH_PUB_KEY", "KEY_FINGERPRINT", "APT_KEYRING"})
        EXPECT_FALSE(secret_like_name(name)) << name;
    EXPECT_TRUE(secret_like_name("RELEASE_KEY_PASSWORD"));
}

TEST(SecretNames, NamesAboutASecretAreNotSecrets) {
    for (const char* name :
         {"SECRET_FILE", "password_file", "sa_password_path", "KEY_DIR", "AUTH_URL", "TOKEN_LENGTH",
          "AUTH_MODULE_VERSION", "AUTH_ENABLED", "VAULT_TOKEN_HOST", "AUTH_PORT", "USERNAME", "DB_USER",
          "ADMIN_USERNAME", "TOKEN_ID", "SECRET_NAME", "AUTH_TYPE", "FACEBOOK_APP_ID", "TRAVIS_OS_NAME"})
        EXPECT_FALSE(secret_like_name(name)) << name;
    // Exceptions: Vault's AppRole secret id, cloud access key ids.
    EXPECT_EQ(secret_name_word("VAULT_SECRET_ID"), "secret");
    EXPECT_EQ(secret_name_word("AWS_ACCESS_KEY_ID"), "access_key_id");
}

TEST(NotSecretValues, PathsUrlsNumbersBooleansVersions) {
    for (const char* value : {"",
                              "  ",
                              "_",
                              "-",
                              "/run/secrets/db",
                              "./key.pem",
                              "../k",
                              "~/.npmrc",
                              "C:\\ProgramData\\Docker\\secrets\\sa-password",
                              "$HOME/.netrc",
                              "${APP_DIR}/secrets",
                              "https://auth.example.com/token",
                              "file:///etc/key",
                              "8080",
                              "-1",
                              "0.5",
                              "true",
                              "False",
                              "yes",
                              "off",
                              "1.2.3",
                              "v2.0.0-rc1",
                              "3.12",
                              "1.0.0+build.5"})
        EXPECT_TRUE(value_shows_not_secret(value)) << value;
}

TEST(NotSecretValues, OpenPgpFingerprintsAndKeyIds) {
    for (const char* value :
         {"A035C8C19219BA821ECEA86B64E628F8D684696D", "0x0A9AF2115F4687BD29803A206B73A36E6026DFCA",
          "0xBA5473A2B0587B07", "0xd684696d",
          "B42F6819007F00F88E364FD4036A9C25BF357DD4 C5705533DA4F78D8664B5DC0575159689BEFB442",
          "A035 C8C1 9219 BA82 1ECE A86B 64E6 28F8 D684 696D"})
        EXPECT_TRUE(value_shows_not_secret(value)) << value;
}

TEST(NotSecretValues, AnythingElseMayBeASecret) {
    for (const char* value :
         {"changeme", "lgNvGyhnUKpa5PJi", "$NPM_TOKEN", "${TOKEN:-}", "hunter2",
          "a035c8c19219ba821ecea86b64e628f8d684696d", // a lower-case hex token
          "https://u:p4ss@example.com", "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", "1.2.3abc", "v", "1."})
        EXPECT_FALSE(value_shows_not_secret(value)) << value;
}

TEST(NotSecretValues, FileNames) {
    for (const char* value : {"resetOSPassword.sh", "server.key", "config.json", "app.properties"})
        EXPECT_TRUE(value_shows_not_secret(value)) << value;
    for (const char* value : {"example.com", "s3cr3t.value", "a b.sh"})
        EXPECT_FALSE(value_shows_not_secret(value)) << value;
}

TEST(NotSecretValues, LookupKeysClearKeyNamesOnly) {
    EXPECT_TRUE(value_clears_name("DefaultProcess__Filters__0__Key", "ProcessId"));
    EXPECT_TRUE(value_clears_name("CACHE_KEY", "name"));
    EXPECT_TRUE(value_clears_name("DB_PASSWORD", "/run/secrets/db"));
    EXPECT_FALSE(value_clears_name("LICENSE_KEY", "lgNvGyhnUKpa5PJi")); // letters and digits: key material
    EXPECT_FALSE(value_clears_name("API_KEY", "abcdefghijklmnopqrst")); // 16 letters or more
    EXPECT_FALSE(value_clears_name("DB_PASSWORD", "changeme"));         // only `key` names a lookup
}

} // namespace
} // namespace drydock::rules
