#pragma once
// The lint -> fix -> re-lint loop. Fixes are applied in passes (overlapping ones wait for the next pass),
// each pass re-parsed and re-linted, until nothing changes. A pass that changes the parse errors (adds one,
// or changes how broken text reads) is dropped and the rules responsible are reported as bugs, so broken text
// is never returned.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/fixers/fix.hpp>

#include <map>
#include <string>
#include <vector>

namespace drydock {

struct FixRequest {
    Applicability minimum = Applicability::Safe; // Unsafe with --unsafe-fixes; display-only fixes never apply
    int max_passes = 10;
    // Whether fixes that create files (the entrypoint script) may apply: not when the result goes to standard
    // output, where the new file could not be written beside it.
    bool allow_new_files = true;
};

struct FixReport {
    std::string text;                          // the fixed text (the input when nothing applied)
    std::map<std::string, std::size_t> fixed;  // rule code -> fixes applied
    std::vector<Diagnostic> remaining;         // the findings of the final text
    std::vector<std::string> did_not_converge; // codes still offering fixes after max_passes
    std::vector<std::string> broken;           // codes whose fixes changed the parse errors (dropped)
    int passes = 0;                            // passes that changed the text
    std::vector<NewFile> new_files;            // files the applied fixes create, paths relative to the file

    std::size_t fixed_count() const;
};

FixReport fix_text(std::string text, const Config& config, const FixRequest& request = {});

} // namespace drydock
