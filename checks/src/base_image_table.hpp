#pragma once
// The lifecycle table of common base images (checks/data/base_images.json, compiled into the binary at
// build time): for each operating system and language runtime its releases with their end of support, and
// for each well-known image which runtime and which operating system its tags name. Built once, on first
// use, so that runs without a base-image rule never pay for it.

#include <drydock/checks/config.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

using Date = std::chrono::year_month_day;

// "2026-11-28" -> a valid date; anything else (other layouts, 2026-02-30) -> nullopt.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);
// Whole days from `from` to `to` (negative when `to` is earlier).
long days_between(Date from, Date to);

struct Release {
    std::string version;  // the cycle as tags write it: "3.10", "16", "8.0", "12", "22.04", "ltsc2022"
    std::string codename; // lower case: "bookworm", "jammy", "iron"; empty when none
    std::vector<std::string> aliases; // other spellings of the version ("1809" for ltsc2019)
    Date released;
    std::optional<Date> eol; // nullopt: no end announced yet
    bool lts = false;
    std::string note;
    // "Debian 12 (bookworm)", "Python 3.10"
    std::string label(std::string_view product_name) const;
};

// How far the unsafe fix may move a runtime: to any newer release, within the same major version only
// (Python 3.10 -> 3.11, never 2.7 -> 3.x), or never (the replacement is shown, not applied).
enum class Upgrade { Any, SameMajor, None };

struct Product {
    std::string id; // "debian", "python"
    std::string name;
    bool is_os = false;
    std::string source; // URL of the published release policy
    Upgrade upgrade = Upgrade::Any;
    std::string successor;         // for discontinued products: what to move to instead
    std::string track;             // a floating tag that always names a supported release ("1" for rust)
    std::vector<Release> releases; // sorted by release date

    bool has_lts() const;
    // The release whose version (or an alias) is `version` or a prefix of it by dotted components:
    // "3.10.4" -> 3.10, "16.18" -> 16, "8.0.30" -> 8.0, "2.0.20230119" -> 2; "3" alone matches nothing.
    const Release* release_for_version(std::string_view version) const;
    const Release* release_for_codename(std::string_view codename) const;
};

struct ImageDeprecation {
    std::string since;
    std::string message;
    std::string replacement;
    std::vector<std::string> except_words; // tag words that are still published ("ea" for openjdk)
};

struct ImageSizes {
    int full_mb = 0;
    int slim_mb = 0;
    bool after_os = false; // `-slim` follows the OS code name (`node:22-bookworm-slim`), else the version
};

struct ImageInfo {
    std::string name;                 // canonical: "python", "mcr.microsoft.com/dotnet/aspnet"
    std::vector<std::string> aliases; // other names of the same image
    const Product* runtime = nullptr; // the runtime the tag's version names
    const Product* os = nullptr;      // the OS family of the image (the one bare tags name for OS images)
    bool tag_names_os = false;        // `debian:12`, `alpine:3.20`: the tag's version is the OS's
    bool version_in_name = false;     // `ubi9/ubi-minimal`: the OS version is in the image name
    std::optional<ImageDeprecation> deprecated;
    std::optional<ImageSizes> slim;
    // OS releases (product id -> versions or codenames) that the image's maintainers publish now.
    std::vector<std::pair<std::string, std::vector<std::string>>> publishes;

    const std::vector<std::string>* published_for(std::string_view os_product) const;
};

struct BaseImageTable {
    int schema = 0;
    std::string version;
    std::string date;
    std::vector<Product> products; // sorted by id
    std::vector<ImageInfo> images; // sorted by name

    const Product* product(std::string_view id) const;
    // By canonical name or alias, already normalized (see base_image_tags.hpp).
    const ImageInfo* image(std::string_view name) const;
    std::size_t release_count() const;
};

// The table shipped with drydock: compiled in from the JSON at build time (base_image_table_codegen.hpp),
// built on first use.
const BaseImageTable& base_image_table();
// Parses a table (the embedded one, or one given by a test); throws std::runtime_error naming what is wrong.
BaseImageTable parse_base_image_table(std::string_view json);
// The embedded JSON text.
std::string_view base_image_table_json();

// The date rules compare with: `today` from the config (the `today` key or DRYDOCK_TODAY) when set and
// valid, else the current UTC date.
Date today(const Config& config);
// Days before an end of support when it is reported as a warning (`base-image-eol-warning-days`, 90).
int eol_warning_days(const Config& config);

} // namespace drydock::rules
