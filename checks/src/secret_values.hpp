#pragma once
// Whether a variable (Dockerfile ENV/ARG/LABEL, a compose `environment:` entry) holds a secret: by the form
// of its value (a private key, a cloud or forge token, a URL with a password) or by its name (`DB_PASSWORD`,
// `NPM_TOKEN`), unless the value shows it is not one (a path, a URL without credentials, a number, a
// boolean, a version). Plain string scanning, no regular expressions: these run on every pair of every file.

#include <optional>
#include <string_view>

namespace drydock::rules {

// The kind of secret `value` contains, as a noun phrase for messages ("a private key", "an AWS access key
// id", "a GitHub token", "a GitLab token", "a Slack token", "a JSON Web Token", "a URL with a password", "a
// URL with a token in its query"); nullopt when it contains none. A token is recognised by its published
// prefix and length anywhere in the value, delimited by characters that cannot be part of it. A URL
// password or query token that holds a variable reference (`https://u:${PASS}@host`) is not a secret value:
// the reference names where the secret comes from.
std::optional<std::string_view> secret_value_kind(std::string_view value);

// Whether `name` reads as the name of a secret. Segments are split at `_`, `-`, `.` and lower-to-upper case
// changes, and compared case-insensitively. A secret name has one of BuildKit's secret words (`apikey`,
// `auth`, `credential`, `key`, `password`, `passwd`, `pword`, `secret`, `token`, plurals too) as a whole
// segment, or a segment that ends in `password`, `passwd`, `secret`, `token` or `apikey` (`DBPASSWORD`,
// `ACCESSTOKEN`: hadolint's substring match without its false positives such as `TOKENIZERS`). It is not a
// secret name although such a word is in it when:
// * it is about a public key: a segment `public`, `pub`, `gpg`, `pgp`, `gnupg`, `fingerprint`, `keyserver`
//   or `keyring`, or `key` right after `release` (the key that signed a release, given by its fingerprint);
// * it names something about the secret rather than the secret: it ends in `_PATH`, `_FILE`, `_DIR`, `_URL`,
//   `_HOST`, `_PORT`, `_LENGTH`, `_VERSION`, `_ENABLED`, `_USER`, `_USERNAME`, `_NAME`, `_TYPE`, `_MODE`,
//   `_ID` and similar nouns (but `SECRET_ID`, Vault's AppRole credential, and `ACCESS_KEY_ID`, a cloud access
//   key's public half that hadolint and BuildKit both report, are secret names).
// A username alone (`USERNAME`, `DB_USER`) is not a secret: the password that goes with it is.
bool secret_like_name(std::string_view name);

// The secret word that makes secret_like_name() true, lower-cased as written in the name (`token` for
// `NPM_TOKEN`, `password` for `DBPASSWORD`, `access_key_id`); empty when the name is not a secret name.
std::string_view secret_name_word(std::string_view name);

// Whether `value` shows that it is not a secret whatever its name says: empty or a placeholder without
// letters or digits (`_`, `-`), a filesystem path (`/run/secrets/db`, `./key.pem`, `~/.npmrc`,
// `C:\secrets\sa`, `$HOME/.netrc`), a URL without credentials, a number, a boolean (`true`, `off`, `yes`),
// a version (`1.2.3`, `v2.0.0-rc1`), OpenPGP key fingerprints or ids (40 upper-case hex digits, possibly in
// groups; `0x` and 8, 16 or 40 hex digits), or a file name (one word with an extension such as `.sh`,
// `.json`,
// `.pem`: `resetOSPassword.sh`). Never true for a value that secret_value_kind() recognises.
bool value_shows_not_secret(std::string_view value);

// Whether a variable called `name` (a secret name) holds no secret because of its `value`:
// value_shows_not_secret(), or the name's secret word is `key` and the value is a word of fewer than 16
// letters (`DefaultProcess__Filters__0__Key=ProcessId`, `CACHE_KEY=name`): a lookup key, not key material.
bool value_clears_name(std::string_view name, std::string_view value);

} // namespace drydock::rules
