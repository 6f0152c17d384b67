#pragma once
// What a compose rule is: the same RuleMeta as a Dockerfile rule (with file_kind = Compose), and a check that
// the compose engine calls once per service and once per file. One rule = one file in checks/compose_rules/,
// registered in checks/rules.def like any rule.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/compose.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

struct RuleMeta;

// What a service runs, as far as drydock can tell without pulling an image: the image it names, or the
// Dockerfile it builds (read from disk, or `dockerfile_inline:`) and what that Dockerfile's final stage says.
struct ServiceImage {
    // The image the container starts from: `image:` (variables replaced by their defaults) for a pulled
    // image; for a built one, the base image of the Dockerfile's final stage (followed through stages it
    // builds on, ARG defaults replaced). Empty when unknown.
    std::string reference;
    bool built = false;                     // the service has a `build:`
    const Dockerfile* dockerfile = nullptr; // the Dockerfile it builds, when it could be read
    std::string dockerfile_path;            // its name in the compose file (`api/Dockerfile`; "" when inline)

    // From the final stage of the built Dockerfile and the stages it builds on; nullopt without one.
    std::optional<bool> healthcheck;      // a HEALTHCHECK (`HEALTHCHECK NONE` counts: a decision)
    std::optional<bool> healthcheck_none; // that HEALTHCHECK is `NONE`
    std::optional<std::string> user;      // the USER in force ("" when no USER: root); nullopt also
                                          // when its value depends on a build argument
    std::vector<std::uint32_t> exposed;   // EXPOSE'd ports (each port of a range)
    bool exposes_unknown = false;         // an EXPOSE whose value is not known statically
    std::optional<TextRange> user_range;  // the USER instruction's argument in the Dockerfile

    // Whether the base image's process (`reference`) runs as root when no USER says otherwise: true for
    // official images that do (Debian, Ubuntu, Alpine, the language images, nginx, httpd, …), false for
    // images published to run as a non-root user (distroless `:nonroot`, Chainguard, Bitnami, …) and for
    // database images whose entrypoint steps down to a service user (postgres, mysql, redis, …), nullopt
    // otherwise.
    std::optional<bool> base_runs_as_root;

    // Whether /bin/sh exists in the image: false for `scratch` and distroless images (`:debug` ones have a
    // BusyBox shell), true for Debian, Ubuntu and Alpine based ones, nullopt otherwise.
    std::optional<bool> has_shell;

    // The last path component of the image's repository, lower-cased (`postgres` for
    // `docker.io/library/postgres:16`), and its tag; empty when unknown.
    std::string repository;
    std::string tag;

    // Whether the container's process runs as root by the image's own USER: for a built image, by its last
    // USER, or without one by its base image; nullopt when unknown (pulled images, USER from a build
    // argument, a base image drydock does not know).
    std::optional<bool> runs_as_root() const;
};

class ComposeContext {
public:
    ComposeContext(const compose::ComposeFile& file, const Config& config,
                   const std::vector<ServiceImage>& images)
        : file_(file), config_(config), images_(images) {}

    const compose::ComposeFile& file() const { return file_; }
    const yaml::Document& yaml() const { return file_.yaml; }
    const Config& config() const { return config_; }
    std::string_view text(TextRange range) const { return file_.text(range); }
    // What `service` (one of file().services) runs.
    const ServiceImage& image(const compose::Service& service) const;

    // Reports a finding of the running rule at `range` of the compose file.
    void report(TextRange range, std::string message, std::optional<Fix> fix = std::nullopt);

    // Engine side.
    void set_rule(const RuleMeta* rule) { rule_ = rule; }
    std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

private:
    const compose::ComposeFile& file_;
    const Config& config_;
    const std::vector<ServiceImage>& images_; // one per service, in file().services order
    const RuleMeta* rule_ = nullptr;
    std::vector<Diagnostic> diagnostics_;
};

// The check. The engine creates one instance per file.
class ComposeRule {
public:
    virtual ~ComposeRule() = default;
    virtual const RuleMeta& meta() const = 0;
    // Once per service, in file order.
    virtual void check_service(const compose::Service&, ComposeContext&) {}
    // Once per file, after the services.
    virtual void check_file(ComposeContext&) {}
};

} // namespace drydock
