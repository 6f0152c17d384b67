#pragma once
// Rule documentation rendered as Markdown, from the rules' own metadata: `drydock explain`, the generated
// docs/rules.md and the editor's hover text all use these.

#include <drydock/checks/rule.hpp>

#include <string>

namespace drydock {

// One rule's page: title, metadata table, and the sections of its RuleDocs that are present.
std::string rule_markdown(const RuleMeta& rule);
// docs/rules.md: an index table of every rule followed by every rule's page.
std::string rules_markdown();

} // namespace drydock
