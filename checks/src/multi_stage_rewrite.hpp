#pragma once
// The multi-stage rewrite (the fix of DD2002 `single-stage-build`): the single stage becomes a `build` stage
// on the same toolchain image, and a `runtime` stage appended to the file starts from a small image of the
// same C library family and copies only what the build produced (the Go binary, the jar, the virtualenv, …).
// The instructions that describe the running container (CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, USER,
// STOPSIGNAL, VOLUME, LABEL) move to the runtime stage with the comments above them; the ARGs and ENVs they
// need are declared again. Everything else stays byte for byte. When what the build produces cannot be told,
// there is no rewrite, only the reason. Per-ecosystem rules: multi_stage_artifacts.hpp and
// runtime_images.hpp.

#include "build_toolchain.hpp"

#include <drydock/fixers/fix.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <optional>
#include <string>

namespace drydock::rules {

// The rewrite of a single-stage Dockerfile, or why it cannot be determined.
struct MultiStagePlan {
    std::optional<Fix> fix;  // unsafe
    std::string explanation; // when there is no fix: "cannot tell which file the build produces: …"
};

// `first_build` is the build command DD2002 reports (its toolchain picks the ecosystem); `build_context` is
// the folder whose package.json tells a single-page app's dev server from a server.
MultiStagePlan plan_multi_stage(const Dockerfile& file, const SemanticModel& model,
                                const BuildCommand& first_build,
                                const std::optional<std::string>& build_context);

} // namespace drydock::rules
