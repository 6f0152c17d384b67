#pragma once
// Builds the ServiceImage of a compose service: what its `image:` names, or what the final stage of the
// Dockerfile it builds says (base image, HEALTHCHECK, USER, EXPOSE), and which well-known image it is.

#include <drydock/checks/compose_rule.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/compose.hpp>

#include <string>

namespace drydock::rules {

// `dockerfile` is the Dockerfile the service builds (nullptr when it has none or it could not be read) and
// `path` its name in the compose file (the build context joined with the Dockerfile's name).
ServiceImage describe_service(const compose::ComposeFile& file, const compose::Service& service,
                              const Dockerfile* dockerfile, std::string path);

// Sets has_shell, repository and tag of `image` from `image.reference`.
void classify_image(ServiceImage& image);

} // namespace drydock::rules
