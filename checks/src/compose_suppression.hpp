#pragma once
// Inline suppression in compose files, in YAML comments:
// * `# drydock ignore=ID[,ID…] [# reason]` on its own line suppresses those rules on the next line that is
// not
//   a comment or blank, and on everything nested under it (the lines below that are indented deeper): above a
//   service's name it covers the whole service, above `ports:` the whole list.
// * The same comment at the end of a line covers that line and what is nested under it
//   (`privileged: true  # drydock ignore=privileged-service`).
// * `# drydock global ignore=ID[,…]` anywhere covers the whole file.
// IDs are codes, names or aliases (any case); `all` matches every rule. A malformed pragma or an unknown id
// is an invalid-suppression (DD0002) problem, as in Dockerfiles.

#include <drydock/checks/suppression.hpp>
#include <drydock/parser/yaml.hpp>

namespace drydock {

Suppressions collect_compose_suppressions(const yaml::Document& doc);

} // namespace drydock
