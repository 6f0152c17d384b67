// PLACEHOLDER while the suppression implementation is written: collects nothing.
#include <drydock/checks/suppression.hpp>

namespace drydock {

Suppressions collect_suppressions(const Dockerfile&, const SemanticModel&) { return {}; }

bool is_suppressed(const Diagnostic&, const Suppressions&, std::vector<bool>&) { return false; }

} // namespace drydock
