#pragma once
// Which build stages are used by later stages: as the base of a `FROM`, or as the source of `COPY --from`,
// `ADD --from` or `RUN --mount=from=`. Rules about what the shipped image must contain (required labels,
// HEALTHCHECK) exempt such stages: their image is only an ingredient of another one.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <optional>
#include <vector>

namespace drydock::rules {

// One flag per stage of `model`: true when a later stage builds on it or copies or mounts from it. A
// reference is the stage's name or its index; one given by a variable is judged by its default, and one
// whose value is unknown counts for no stage.
std::vector<bool> reused_stages(const Dockerfile& file, const SemanticModel& model);

// The stage and its ancestors (the stages it builds on through `FROM <stage>`), nearest first.
std::vector<std::size_t> stage_lineage(const SemanticModel& model, std::size_t stage);

// The USER in force at the end of `stage`: the index of its last USER instruction with an argument, else of
// the stage it builds on, and so on (stage_lineage); nullopt when none of them sets one.
std::optional<std::size_t> last_user(const Dockerfile& file, const SemanticModel& model, std::size_t stage);

} // namespace drydock::rules
