// Fuzzes the whole parser (line layer, X3 argument layer, shell model, semantic model) and asserts the tree
// invariants on every input: no crash, no hang, and a tree that still tiles and reprints the input exactly.

#include "support/tree_invariants.hpp"

#include <drydock/parser/dump.hpp>
#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const drydock::Dockerfile file = drydock::parse(std::string(reinterpret_cast<const char*>(data), size));
    const std::vector<std::string> problems = drydock::testing::check_tree_invariants(file);
    if (!problems.empty()) {
        std::fprintf(stderr, "tree invariant violated: %s\n", problems.front().c_str());
        std::abort();
    }
    // Exercise the consumers of the tree too.
    const drydock::SemanticModel model(file);
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        (void)model.scope_at(i);
        (void)model.shell_at(i);
    }
    (void)drydock::dump(file);
    return 0;
}
