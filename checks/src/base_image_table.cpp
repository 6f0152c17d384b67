#include "base_image_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace drydock::rules {
namespace {

using nlohmann::json;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::runtime_error("base image table: " + where + ": " + what);
}

std::string string_field(const json& object, const char* key, const std::string& where,
                         bool required = true) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required)
            fail(where, std::string("missing '") + key + "'");
        return {};
    }
    if (!it->is_string())
        fail(where, std::string("'") + key + "' must be a string");
    return it->get<std::string>();
}

Date date_field(const json& object, const char* key, const std::string& where) {
    const std::string text = string_field(object, key, where);
    const std::optional<Date> date = parse_date(text);
    if (!date)
        fail(where, std::string("'") + key + "' is not a YYYY-MM-DD date: " + text);
    return *date;
}

std::vector<std::string> strings_field(const json& object, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end())
        return out;
    if (!it->is_array())
        fail(where, std::string("'") + key + "' must be a list");
    for (const json& item : *it) {
        if (!item.is_string())
            fail(where, std::string("'") + key + "' must hold strings");
        out.push_back(lower(item.get<std::string>()));
    }
    return out;
}

Release read_release(const json& row, const std::string& where) {
    Release out;
    out.version = lower(string_field(row, "version", where));
    const std::string at = where + " " + out.version;
    out.codename = lower(string_field(row, "codename", at, false));
    out.aliases = strings_field(row, "aliases", at);
    out.released = date_field(row, "released", at);
    if (!row.contains("eol"))
        fail(at, "missing 'eol' (null when no end is announced)");
    if (!row.at("eol").is_null()) {
        out.eol = date_field(row, "eol", at);
        if (*out.eol <= out.released)
            fail(at, "'eol' is not after 'released'");
    }
    if (const auto it = row.find("lts"); it != row.end()) {
        if (!it->is_boolean())
            fail(at, "'lts' must be true or false");
        out.lts = it->get<bool>();
    }
    out.note = string_field(row, "note", at, false);
    return out;
}

Upgrade read_upgrade(const std::string& text, const std::string& where) {
    if (text == "any")
        return Upgrade::Any;
    if (text == "same-major")
        return Upgrade::SameMajor;
    if (text == "none")
        return Upgrade::None;
    fail(where, "'upgrade' must be any, same-major or none");
}

Product read_product(const json& object) {
    Product out;
    out.id = string_field(object, "id", "product");
    const std::string where = "product " + out.id;
    out.name = string_field(object, "name", where);
    const std::string kind = string_field(object, "kind", where);
    if (kind != "os" && kind != "runtime")
        fail(where, "'kind' must be os or runtime");
    out.is_os = kind == "os";
    out.source = string_field(object, "source", where);
    if (!out.source.starts_with("https://"))
        fail(where, "'source' must be an https URL");
    out.upgrade = read_upgrade(string_field(object, "upgrade", where), where);
    out.successor = string_field(object, "successor", where, false);
    out.track = string_field(object, "track", where, false);
    if (!object.contains("releases") || !object.at("releases").is_array() || object.at("releases").empty())
        fail(where, "'releases' must be a non-empty list");
    for (const json& row : object.at("releases"))
        out.releases.push_back(read_release(row, where));
    for (std::size_t i = 1; i < out.releases.size(); ++i) {
        const Release& a = out.releases[i - 1];
        const Release& b = out.releases[i];
        if (b.released < a.released)
            fail(where, "releases are not sorted by release date: " + a.version + " before " + b.version);
        for (std::size_t j = 0; j < i; ++j)
            if (out.releases[j].version == b.version)
                fail(where, "release " + b.version + " is listed twice");
    }
    return out;
}

ImageInfo read_image(const json& object, const BaseImageTable& table) {
    ImageInfo out;
    out.name = lower(string_field(object, "name", "image"));
    const std::string where = "image " + out.name;
    out.aliases = strings_field(object, "aliases", where);
    auto product_ref = [&](const char* key) -> const Product* {
        const std::string id = string_field(object, key, where, false);
        if (id.empty())
            return nullptr;
        const Product* p = table.product(id);
        if (!p)
            fail(where, std::string("'") + key + "' names no product: " + id);
        return p;
    };
    out.runtime = product_ref("runtime");
    out.os = product_ref("os");
    const std::string tag = string_field(object, "tag", where, false);
    if (!tag.empty() && tag != "os")
        fail(where, "'tag' must be os when given");
    out.tag_names_os = tag == "os";
    if (out.tag_names_os && (!out.os || !out.os->is_os))
        fail(where, "an image whose tag names the OS needs an 'os' product of kind os");
    out.version_in_name = object.value("version_in_name", false);
    if (const auto it = object.find("deprecated"); it != object.end()) {
        ImageDeprecation d;
        d.since = string_field(*it, "since", where);
        if (!parse_date(d.since))
            fail(where, "'deprecated.since' is not a date");
        d.message = string_field(*it, "message", where);
        d.replacement = string_field(*it, "replacement", where);
        d.except_words = strings_field(*it, "except_words", where);
        out.deprecated = std::move(d);
    }
    if (const auto it = object.find("slim"); it != object.end()) {
        ImageSizes sizes{it->value("full_mb", 0), it->value("slim_mb", 0), it->value("after_os", false)};
        if (sizes.slim_mb <= 0 || sizes.full_mb <= sizes.slim_mb)
            fail(where, "'slim' needs full_mb > slim_mb > 0");
        out.slim = sizes;
    }
    if (const auto it = object.find("publishes"); it != object.end()) {
        if (!it->is_object())
            fail(where, "'publishes' must map OS products to releases");
        for (const auto& [os, list] : it->items()) {
            const Product* p = table.product(os);
            if (!p || !p->is_os)
                fail(where, "'publishes' names no OS product: " + os);
            std::vector<std::string> releases;
            for (const json& v : list) {
                const std::string name = lower(v.get<std::string>());
                if (!p->release_for_version(name) && !p->release_for_codename(name))
                    fail(where, "'publishes' names no release of " + os + ": " + name);
                releases.push_back(name);
            }
            out.publishes.emplace_back(os, std::move(releases));
        }
    }
    return out;
}

// Dotted numeric components: "3.10.4" -> {3, 10, 4}; a non-numeric component ends the list.
std::vector<std::string_view> components(std::string_view version) {
    std::vector<std::string_view> out;
    while (!version.empty()) {
        const std::size_t dot = version.find('.');
        out.push_back(version.substr(0, dot));
        if (dot == std::string_view::npos)
            break;
        version.remove_prefix(dot + 1);
    }
    return out;
}

bool is_component_prefix(std::string_view release, std::string_view version) {
    const std::vector<std::string_view> a = components(release);
    const std::vector<std::string_view> b = components(version);
    if (a.size() > b.size())
        return false;
    return std::equal(a.begin(), a.end(), b.begin());
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto number = [&](std::size_t at, std::size_t length, auto& out) {
        const char* first = text.data() + at;
        const auto [end, ec] = std::from_chars(first, first + length, out);
        return ec == std::errc{} && end == first + length;
    };
    if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d))
        return std::nullopt;
    const Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string format_date(Date date) {
    char out[11];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return out;
}

long days_between(Date from, Date to) {
    return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

std::string Release::label(std::string_view product_name) const {
    std::string out = std::string(product_name) + " " + version;
    if (!codename.empty())
        out += " (" + codename + ")";
    return out;
}

bool Product::has_lts() const {
    return std::any_of(releases.begin(), releases.end(), [](const Release& r) { return r.lts; });
}

const Release* Product::release_for_version(std::string_view version) const {
    const std::string v = lower(version);
    const Release* best = nullptr;
    for (const Release& r : releases) {
        const bool exact =
            r.version == v || std::find(r.aliases.begin(), r.aliases.end(), v) != r.aliases.end();
        if (exact)
            return &r;
        // Only numeric cycles match by prefix; "1" must not swallow "1.0" rows, so the longest wins.
        if (!r.version.empty() && std::isdigit(static_cast<unsigned char>(r.version.front())) &&
            is_component_prefix(r.version, v) && (!best || best->version.size() < r.version.size()))
            best = &r;
    }
    return best;
}

const Release* Product::release_for_codename(std::string_view codename) const {
    if (codename.empty())
        return nullptr;
    const std::string c = lower(codename);
    for (const Release& r : releases)
        if (r.codename == c)
            return &r;
    return nullptr;
}

const std::vector<std::string>* ImageInfo::published_for(std::string_view os_product) const {
    for (const auto& [os, releases] : publishes)
        if (os == os_product)
            return &releases;
    return nullptr;
}

const Product* BaseImageTable::product(std::string_view id) const {
    for (const Product& p : products)
        if (p.id == id)
            return &p;
    return nullptr;
}

const ImageInfo* BaseImageTable::image(std::string_view name) const {
    for (const ImageInfo& i : images) {
        if (i.name == name || std::find(i.aliases.begin(), i.aliases.end(), name) != i.aliases.end())
            return &i;
    }
    return nullptr;
}

std::size_t BaseImageTable::release_count() const {
    std::size_t n = 0;
    for (const Product& p : products)
        n += p.releases.size();
    return n;
}

BaseImageTable parse_base_image_table(std::string_view text) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        fail("JSON", e.what());
    }
    BaseImageTable table;
    table.schema = root.value("schema", 0);
    if (table.schema != 1)
        fail("schema", "unsupported schema version " + std::to_string(table.schema));
    table.version = string_field(root, "version", "table");
    table.date = string_field(root, "date", "table");
    if (!parse_date(table.date))
        fail("table", "'date' is not a YYYY-MM-DD date");
    if (!root.contains("products") || !root.contains("images"))
        fail("table", "needs 'products' and 'images'");
    // Products first: images refer to them, and the vector must not grow once pointers are taken.
    table.products.reserve(root.at("products").size());
    for (const json& p : root.at("products"))
        table.products.push_back(read_product(p));
    for (std::size_t i = 1; i < table.products.size(); ++i)
        if (!(table.products[i - 1].id < table.products[i].id))
            fail("products", "not sorted by id, or listed twice: " + table.products[i].id);
    for (const json& i : root.at("images"))
        table.images.push_back(read_image(i, table));
    for (std::size_t i = 1; i < table.images.size(); ++i)
        if (!(table.images[i - 1].name < table.images[i].name))
            fail("images", "not sorted by name, or listed twice: " + table.images[i].name);
    return table;
}

Date today(const Config& config) {
    if (config.today)
        if (const std::optional<Date> date = parse_date(*config.today))
            return *date;
    return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

int eol_warning_days(const Config& config) {
    return config.base_image_eol_warning_days.value_or(90);
}

} // namespace drydock::rules
