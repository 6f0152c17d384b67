#include "base_image_table_codegen.hpp"

#include <cstdio>
#include <stdexcept>

namespace drydock::rules {
namespace {

// A C++ string literal. Octal escapes are three digits, so a following digit cannot extend them.
std::string literal(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte >= 0x7f || c == '?') { // '?': no trigraphs
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\%03o", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string literals(const std::vector<std::string>& texts) {
    std::string out = "{";
    for (std::size_t i = 0; i < texts.size(); ++i)
        out += (i ? ", " : "") + literal(texts[i]);
    return out + "}";
}

std::string date(Date value) {
    return "date(" + std::to_string(static_cast<int>(value.year())) + ", " +
           std::to_string(static_cast<unsigned>(value.month())) + ", " +
           std::to_string(static_cast<unsigned>(value.day())) + ")";
}

std::string upgrade(Upgrade value) {
    switch (value) {
    case Upgrade::Any:
        return "Upgrade::Any";
    case Upgrade::SameMajor:
        return "Upgrade::SameMajor";
    case Upgrade::None:
        return "Upgrade::None";
    }
    return "Upgrade::Any";
}

// `&t.products[i]` for a product of the table (the generated table refers to its own products).
std::string product_ref(const BaseImageTable& table, const Product* product) {
    if (!product)
        return "nullptr";
    for (std::size_t i = 0; i < table.products.size(); ++i)
        if (&table.products[i] == product)
            return "&t.products[" + std::to_string(i) + "]";
    throw std::logic_error("base image table: an image refers to a product outside its table");
}

std::string bool_text(bool value) {
    return value ? "true" : "false";
}

void write_release(std::string& out, const Release& r) {
    out += "        {" + literal(r.version) + ", " + literal(r.codename) + ", " + literals(r.aliases) + ", " +
           date(r.released) + ", " + (r.eol ? date(*r.eol) : std::string("std::nullopt")) + ", " +
           bool_text(r.lts) + ", " + literal(r.note) + "},\n";
}

void write_product(std::string& out, std::size_t index, const Product& p) {
    out += "    {\n        Product& p = t.products[" + std::to_string(index) + "];\n";
    out += "        p.id = " + literal(p.id) + ";\n";
    out += "        p.name = " + literal(p.name) + ";\n";
    out += "        p.is_os = " + bool_text(p.is_os) + ";\n";
    out += "        p.source = " + literal(p.source) + ";\n";
    out += "        p.upgrade = " + upgrade(p.upgrade) + ";\n";
    out += "        p.successor = " + literal(p.successor) + ";\n";
    out += "        p.track = " + literal(p.track) + ";\n";
    out += "        p.releases = {\n";
    for (const Release& r : p.releases)
        write_release(out, r);
    out += "        };\n    }\n";
}

void write_image(std::string& out, const BaseImageTable& table, std::size_t index, const ImageInfo& i) {
    out += "    {\n        ImageInfo& i = t.images[" + std::to_string(index) + "];\n";
    out += "        i.name = " + literal(i.name) + ";\n";
    out += "        i.aliases = " + literals(i.aliases) + ";\n";
    out += "        i.runtime = " + product_ref(table, i.runtime) + ";\n";
    out += "        i.os = " + product_ref(table, i.os) + ";\n";
    out += "        i.tag_names_os = " + bool_text(i.tag_names_os) + ";\n";
    out += "        i.version_in_name = " + bool_text(i.version_in_name) + ";\n";
    if (i.deprecated)
        out += "        i.deprecated = ImageDeprecation{" + literal(i.deprecated->since) + ", " +
               literal(i.deprecated->message) + ", " + literal(i.deprecated->replacement) + ", " +
               literals(i.deprecated->except_words) + "};\n";
    if (i.slim)
        out += "        i.slim = ImageSizes{" + std::to_string(i.slim->full_mb) + ", " +
               std::to_string(i.slim->slim_mb) + ", " + bool_text(i.slim->after_os) + "};\n";
    for (const auto& [os, releases] : i.publishes)
        out += "        i.publishes.emplace_back(" + literal(os) + ", std::vector<std::string>" +
               literals(releases) + ");\n";
    out += "    }\n";
}

} // namespace

std::string base_image_table_as_cpp(const BaseImageTable& table) {
    std::string out = "// Generated at build time from checks/data/base_images.json by "
                      "checks/data/generate_base_image_table.cpp.\n"
                      "// Do not edit; edit the JSON file.\n\n"
                      "#include \"base_image_table.hpp\"\n\n"
                      "namespace drydock::rules {\n"
                      "namespace {\n\n"
                      "constexpr Date date(int y, unsigned m, unsigned d) {\n"
                      "    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};\n"
                      "}\n\n"
                      "BaseImageTable build() {\n"
                      "    BaseImageTable t;\n";
    out += "    t.schema = " + std::to_string(table.schema) + ";\n";
    out += "    t.version = " + literal(table.version) + ";\n";
    out += "    t.date = " + literal(table.date) + ";\n";
    // Sized before any pointer into it is taken; images point at products by index.
    out += "    t.products.resize(" + std::to_string(table.products.size()) + ");\n";
    for (std::size_t i = 0; i < table.products.size(); ++i)
        write_product(out, i, table.products[i]);
    out += "    t.images.resize(" + std::to_string(table.images.size()) + ");\n";
    for (std::size_t i = 0; i < table.images.size(); ++i)
        write_image(out, table, i, table.images[i]);
    out += "    return t;\n"
           "}\n\n"
           "} // namespace\n\n"
           "const BaseImageTable& base_image_table() {\n"
           "    // Immutable once built; the function-local static builds it once, on first use.\n"
           "    static const BaseImageTable table = build();\n"
           "    return table;\n"
           "}\n\n"
           "} // namespace drydock::rules\n";
    return out;
}

} // namespace drydock::rules
