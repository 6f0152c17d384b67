#include "compose_images.hpp"

#include "base_images.hpp"
#include "stage_uses.hpp"
#include "word_values.hpp"

#include <drydock/parser/semantics.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace drydock {

std::optional<bool> ServiceImage::runs_as_root() const {
    if (!user)
        return std::nullopt;
    if (user->empty())
        return base_runs_as_root;
    const std::string_view name = std::string_view(*user).substr(0, user->find(':'));
    return name == "root" || name == "0";
}

namespace rules {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Official images that ship a POSIX shell (Debian or Alpine based), beyond the families base_images.hpp
// knows.
bool known_with_shell(std::string_view repository) {
    static constexpr std::array<std::string_view, 20> names = {
        "postgres", "mysql",     "mariadb", "mongo",   "redis",     "nginx",          "httpd",
        "rabbitmq", "memcached", "traefik", "haproxy", "wordpress", "elasticsearch",  "kibana",
        "logstash", "tomcat",    "caddy",   "adminer", "nextcloud", "dynamodb-local",
    };
    return std::find(names.begin(), names.end(), repository) != names.end();
}

// Official server images whose process starts as root (their entrypoints may step down to a service user).
bool known_root_image(std::string_view repository) {
    static constexpr std::array<std::string_view, 13> names = {
        "postgres", "mysql",     "mariadb",   "mongo",  "redis",   "nginx", "httpd",
        "rabbitmq", "wordpress", "nextcloud", "tomcat", "traefik", "caddy",
    };
    return std::find(names.begin(), names.end(), repository) != names.end();
}

// The ports of one EXPOSE word (`8080`, `8000-8002/tcp`, `${PORT}` with a known default).
bool add_ports(std::string_view spec, std::vector<std::uint32_t>& out) {
    spec = spec.substr(0, spec.find('/'));
    std::uint32_t first = 0, last = 0;
    const auto [end, error] = std::from_chars(spec.data(), spec.data() + spec.size(), first);
    if (error != std::errc() || end == spec.data())
        return false;
    last = first;
    if (end < spec.data() + spec.size()) {
        if (*end != '-')
            return false;
        const auto [end2, error2] = std::from_chars(end + 1, spec.data() + spec.size(), last);
        if (error2 != std::errc() || end2 != spec.data() + spec.size() || last < first)
            return false;
    }
    for (std::uint32_t p = first; p <= last && p - first < 1024; ++p)
        out.push_back(p);
    return true;
}

// The stage a service builds: `build.target` when it names one, else the last.
std::optional<std::size_t> built_stage(const compose::ComposeFile& file, const compose::Service& service,
                                       const SemanticModel& model) {
    if (model.stages().empty())
        return std::nullopt;
    const yaml::Document& doc = file.yaml;
    const yaml::NodeId target = doc.get(doc.get(service.value, "build"), "target");
    if (doc.is_scalar(target)) {
        const std::optional<std::string> name = compose::interpolate(doc.scalar(target));
        if (!name)
            return std::nullopt;
        const Stage* stage = model.stage_named(*name);
        if (!stage)
            return std::nullopt;
        return stage->index;
    }
    return model.stages().size() - 1;
}

void read_dockerfile(const compose::ComposeFile& file, const compose::Service& service,
                     const Dockerfile& dockerfile, ServiceImage& out) {
    const SemanticModel model(dockerfile);
    const std::optional<std::size_t> stage = built_stage(file, service, model);
    if (!stage)
        return;
    const std::vector<std::size_t> lineage = stage_lineage(model, *stage);
    // The base image: the FROM of the stage the lineage starts from.
    const Stage& root = model.stages()[lineage.back()];
    const Instruction& from = dockerfile.instructions[root.from];
    if (from.from)
        out.reference = default_value(from.from->image.word, model.scope_at(root.from)).value_or("");

    // HEALTHCHECK: the last one of the nearest stage that has one.
    out.healthcheck = false;
    out.healthcheck_none = false;
    for (const std::size_t s : lineage) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.end; i > st.from + 1; --i) {
            const Instruction& ins = dockerfile.instructions[i - 1];
            if (!ins.is(InstructionKind::Healthcheck))
                continue;
            out.healthcheck = true;
            out.healthcheck_none = ins.healthcheck_type && lower(ins.healthcheck_type->value) == "none";
            break;
        }
        if (*out.healthcheck)
            break;
    }

    // USER
    if (const std::optional<std::size_t> index = last_user(dockerfile, model, *stage)) {
        const Word& word = dockerfile.instructions[*index].arguments.front();
        out.user = default_value(word, model.scope_at(*index));
        out.user_range = word.range;
    } else {
        out.user = "";
    }

    // EXPOSE
    for (const std::size_t s : lineage) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.from + 1; i < st.end; ++i) {
            const Instruction& ins = dockerfile.instructions[i];
            if (!ins.is(InstructionKind::Expose))
                continue;
            for (const PortSpec& port : ins.ports) {
                if (!port.has_variables) {
                    for (unsigned p = port.start; p <= port.end && p - port.start < 1024; ++p)
                        out.exposed.push_back(p);
                    continue;
                }
                const std::optional<std::string> value = default_value(port.word, model.scope_at(i));
                if (!value || !add_ports(*value, out.exposed))
                    out.exposes_unknown = true;
            }
        }
    }
}

} // namespace

void classify_image(ServiceImage& image) {
    const std::string reference = lower(image.reference);
    if (reference.empty())
        return;
    const ImageName parts = split_image(reference);
    const std::size_t slash = parts.name.rfind('/');
    image.repository = slash == std::string::npos ? parts.name : parts.name.substr(slash + 1);
    image.tag = parts.tag;
    if (reference == "scratch") {
        image.has_shell = false;
    } else if (parts.name.find("distroless") != std::string::npos) {
        image.has_shell = parts.tag.find("debug") != std::string::npos;
    } else if (parts.name.starts_with("cgr.dev/chainguard/")) {
        image.has_shell = parts.tag.find("dev") != std::string::npos;
    } else if (image_family(reference) != BaseFamily::Unknown || known_with_shell(image.repository)) {
        image.has_shell = true;
    }
    if (parts.tag.find("nonroot") != std::string::npos)
        image.base_runs_as_root = false;
    else if (image_family(reference) != BaseFamily::Unknown || known_root_image(image.repository))
        image.base_runs_as_root = true;
}

ServiceImage describe_service(const compose::ComposeFile& file, const compose::Service& service,
                              const Dockerfile* dockerfile, std::string path) {
    ServiceImage out;
    out.built = file.yaml.get(service.value, "build") != yaml::no_node;
    if (out.built) {
        if (dockerfile) {
            out.dockerfile = dockerfile;
            out.dockerfile_path = std::move(path);
            read_dockerfile(file, service, *dockerfile, out);
        }
    } else if (const std::optional<std::string> image = file.image(service)) {
        out.reference = *image;
    }
    classify_image(out);
    return out;
}

} // namespace rules
} // namespace drydock
