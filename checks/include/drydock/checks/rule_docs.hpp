#pragma once
// Rule documentation rendered as Markdown, from the rules' own metadata: `drydock explain`, the generated
// docs/rules.md and the editor's hover text all use these.

#include <drydock/checks/rule.hpp>

#include <string>
#include <string_view>

namespace drydock {

// One rule's page: title, metadata table, and the sections of its RuleDocs that are present.
std::string rule_markdown(const RuleMeta& rule);
// docs/rules.md: an index table of every rule followed by every rule's page.
std::string rules_markdown();

// Where a finding's code is documented, for SARIF's helpUri and the editor's link on a diagnostic: the rule's
// anchor in docs/rules.md for drydock's codes (DL1000 included), ShellCheck's wiki for SCxxxx codes, and ""
// for codes drydock does not know.
std::string rule_docs_url(std::string_view code);

} // namespace drydock
