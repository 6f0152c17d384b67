#pragma once
// A health check for a service that has none, when one can be derived from what the service runs: the
// readiness tool of a well-known database image (`pg_isready`, `redis-cli ping`, …), or a TCP connection to
// the service's port made with a program the image is known to have (Python, Node.js, bash's /dev/tcp). When
// only the port is known, a curl template that the user must adapt.

#include <drydock/checks/compose_rule.hpp>
#include <drydock/parser/compose.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock::rules {

struct HealthcheckSuggestion {
    std::vector<std::string> test; // exec form: "CMD", program, arguments (or "CMD-SHELL", script)
    bool derived = false;          // false: a template to adapt (display-only)
    std::string how;               // "pg_isready", "a TCP connection to port 4567 with Python", …
};

// The container port the service listens on, as far as known: the first published container port, else the
// first `expose:` port, else the first port the built Dockerfile EXPOSEs.
std::optional<std::uint32_t> service_port(const compose::ComposeFile& file, const compose::Service& service,
                                          const ServiceImage& image);

std::optional<HealthcheckSuggestion> suggest_healthcheck(const compose::ComposeFile& file,
                                                         const compose::Service& service,
                                                         const ServiceImage& image);

} // namespace drydock::rules
