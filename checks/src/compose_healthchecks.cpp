#include "compose_healthchecks.hpp"

#include "base_images.hpp"
#include "compose_queries.hpp"

#include <charconv>

namespace drydock::rules {

std::optional<std::uint32_t> service_port(const compose::ComposeFile& file, const compose::Service& service,
                                          const ServiceImage& image) {
    for (const PublishedPort& port : published_ports(file, service))
        if (port.container_port != 0)
            return port.container_port;
    const yaml::Document& doc = file.yaml;
    for (const yaml::NodeId item : doc.items(doc.get(service.value, "expose"))) {
        const std::optional<std::string> value = compose::interpolate(doc.scalar(item));
        std::uint32_t port = 0;
        if (value && std::from_chars(value->data(), value->data() + value->size(), port).ec == std::errc() &&
            port != 0)
            return port;
    }
    if (!image.exposed.empty())
        return image.exposed.front();
    return std::nullopt;
}

std::optional<HealthcheckSuggestion> suggest_healthcheck(const compose::ComposeFile& file,
                                                         const compose::Service& service,
                                                         const ServiceImage& image) {
    const std::string& repository = image.repository;
    if (repository == "postgres" || repository == "postgis" || repository == "timescaledb") {
        const std::string user = environment_value(file, service, "POSTGRES_USER").value_or("postgres");
        return HealthcheckSuggestion{
            {"CMD", "pg_isready", "-U", user.empty() ? "postgres" : user}, true, "`pg_isready`"};
    }
    if (repository == "redis")
        return HealthcheckSuggestion{{"CMD", "redis-cli", "ping"}, true, "`redis-cli ping`"};
    if (repository == "valkey")
        return HealthcheckSuggestion{{"CMD", "valkey-cli", "ping"}, true, "`valkey-cli ping`"};
    if (repository == "mysql")
        return HealthcheckSuggestion{
            {"CMD", "mysqladmin", "ping", "-h", "localhost"}, true, "`mysqladmin ping`"};
    if (repository == "mariadb")
        return HealthcheckSuggestion{{"CMD", "healthcheck.sh", "--connect", "--innodb_initialized"},
                                     true,
                                     "the image's `healthcheck.sh`"};
    if (image.has_shell == false)
        return std::nullopt; // no shell and no tools: nothing to run but the application's own binary
    const std::optional<std::uint32_t> port = service_port(file, service, image);
    if (!port)
        return std::nullopt;
    const std::string p = std::to_string(*port);
    if (repository == "python")
        return HealthcheckSuggestion{
            {"CMD", "python", "-c",
             "import socket; socket.create_connection(('127.0.0.1', " + p + "), timeout=5)"},
            true,
            "a TCP connection to port " + p + " made with Python"};
    if (repository == "node")
        return HealthcheckSuggestion{
            {"CMD", "node", "-e",
             "require('net').connect(" + p +
                 ", '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => "
                 "process.exit(1))"},
            true,
            "a TCP connection to port " + p + " made with Node.js"};
    if (image_family(image.reference) == BaseFamily::Debian)
        return HealthcheckSuggestion{{"CMD", "bash", "-c", ": > /dev/tcp/127.0.0.1/" + p},
                                     true,
                                     "a TCP connection to port " + p + " made with bash"};
    return HealthcheckSuggestion{{"CMD-SHELL", "curl -fsS http://localhost:" + p + "/ || exit 1"},
                                 false,
                                 "an HTTP request to port " + p +
                                     " (adapt the path, and install curl if the image "
                                     "lacks it)"};
}

} // namespace drydock::rules
