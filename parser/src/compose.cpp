#include <drydock/parser/compose.hpp>

#include <cctype>

namespace drydock::compose {
namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Interpolates value[i..] up to the `}` that closes an enclosing `${` (when `nested`); `i` ends past it.
std::optional<std::string> interpolate_from(std::string_view value, std::size_t& i, bool nested, int depth) {
    std::string out;
    if (depth > 16)
        return std::nullopt;
    while (i < value.size()) {
        const char c = value[i];
        if (nested && c == '}') {
            ++i;
            return out;
        }
        if (c != '$') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < value.size() && value[i + 1] == '$') {
            out += '$';
            i += 2;
            continue;
        }
        if (i + 1 < value.size() && is_name_char(value[i + 1])) {
            return std::nullopt; // $VAR: no default
        }
        if (i + 1 >= value.size() || value[i + 1] != '{') {
            out += c; // a lone `$` stays
            ++i;
            continue;
        }
        std::size_t p = i + 2;
        while (p < value.size() && is_name_char(value[p]))
            ++p;
        const std::string_view rest = value.substr(p);
        if (rest.starts_with(":-") || rest.starts_with("-")) {
            i = p + (rest.starts_with(":-") ? 2 : 1);
            const std::optional<std::string> fallback = interpolate_from(value, i, true, depth + 1);
            if (!fallback)
                return std::nullopt;
            out += *fallback;
            continue;
        }
        return std::nullopt; // ${VAR}, ${VAR:?…}, ${VAR:+…}: depends on the environment
    }
    if (nested)
        return std::nullopt; // unterminated `${`
    return out;
}

bool is_remote_context(std::string_view context) {
    return context.starts_with("http://") || context.starts_with("https://") || context.starts_with("git@") ||
           context.starts_with("git://") || context.starts_with("ssh://") ||
           context.starts_with("github.com/");
}

} // namespace

std::optional<std::string> interpolate(std::string_view value) {
    std::size_t i = 0;
    return interpolate_from(value, i, false, 0);
}

const Service* ComposeFile::service(std::string_view name) const {
    for (const Service& s : services)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::optional<BuildSpec> ComposeFile::build(const Service& service) const {
    const yaml::NodeId node = yaml.get(service.value, "build");
    if (node == yaml::no_node)
        return std::nullopt;
    BuildSpec spec;
    spec.node = node;
    if (yaml.is_scalar(node)) {
        const std::optional<std::string> context = interpolate(yaml.scalar(node));
        if (!context)
            return std::nullopt;
        spec.context = *context;
    } else if (yaml.is_mapping(node)) {
        if (const yaml::NodeId context = yaml.get(node, "context"); context != yaml::no_node) {
            const std::optional<std::string> value = interpolate(yaml.scalar(context));
            if (!value || !yaml.is_scalar(context))
                return std::nullopt;
            spec.context = *value;
        }
        if (const yaml::NodeId file = yaml.get(node, "dockerfile"); file != yaml::no_node) {
            const std::optional<std::string> value = interpolate(yaml.scalar(file));
            if (!value || !yaml.is_scalar(file))
                return std::nullopt;
            spec.dockerfile = *value;
        }
        if (const yaml::NodeId text = yaml.get(node, "dockerfile_inline"); yaml.is_scalar(text))
            spec.inline_text = std::string(yaml.scalar(text));
    } else {
        return std::nullopt;
    }
    if (spec.context.empty())
        spec.context = ".";
    spec.remote = is_remote_context(spec.context);
    return spec;
}

std::optional<std::string> ComposeFile::image(const Service& service) const {
    const yaml::NodeId node = yaml.get(service.value, "image");
    if (!yaml.is_scalar(node))
        return std::nullopt;
    return interpolate(yaml.scalar(node));
}

bool ComposeFile::defines_container(const Service& service) const {
    return yaml.get(service.value, "image") != yaml::no_node ||
           yaml.get(service.value, "build") != yaml::no_node;
}

bool ComposeFile::fully_known(const Service& service) const {
    return defines_container(service) && yaml.get(service.value, "extends") == yaml::no_node;
}

ComposeFile parse_compose(std::string source) {
    ComposeFile file;
    file.yaml = yaml::parse_yaml(std::move(source));
    const yaml::Document& doc = file.yaml;
    if (doc.root == yaml::no_node)
        return file;
    if (!doc.is_mapping(doc.root)) {
        if (!doc.is_null(doc.root))
            file.yaml.errors.push_back({doc.node(doc.root).range, "a compose file is a mapping of top-level "
                                                                  "keys (`services:`, `volumes:`, …)"});
        return file;
    }
    const yaml::Entry services = doc.find(doc.root, "services");
    if (services.key == yaml::no_node)
        return file;
    if (!doc.is_mapping(services.value)) {
        if (!doc.is_null(services.value))
            file.yaml.errors.push_back({doc.node(services.key).range,
                                        "`services` must be a mapping of service "
                                        "names to definitions"});
        return file;
    }
    for (const yaml::Entry& e : doc.entries(services.value)) {
        if (!doc.is_scalar(e.key))
            continue;
        file.services.push_back({std::string(doc.scalar(e.key)), e.key, doc.resolve(e.value)});
    }
    return file;
}

} // namespace drydock::compose
