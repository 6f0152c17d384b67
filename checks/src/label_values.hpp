#pragma once
// What the label rules (DL3048–DL3056, DL3058) share: a LABEL pair's key and value as the builder sees them
// in a build that passes no `--build-arg`, the type `label-schema` declares for a key, and the walk that the
// value rules (url, rfc3339, spdx, hash, semver, email) all make.

#include "rule_support.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

struct LabelPair {
    const KeyValue* pair = nullptr;
    std::string key;                  // quotes removed, variables replaced by their defaults
    std::optional<std::string> value; // the same; nullopt when a variable in it has no known default
};

// The pairs of LABEL instruction `label` (at instruction index `index`) whose key is known; a key holding a
// variable without a default names no label we can judge, so it is left out.
std::vector<LabelPair> label_pairs(const Instruction& label, std::size_t index, const SemanticModel& model);

// Whether LABEL instruction `label` has a pair whose key cannot be known statically.
bool has_unknown_label_key(const Instruction& label, std::size_t index, const SemanticModel& model);

// The type `label-schema` declares for `key` ("text" when declared without one), or nullptr when the schema
// does not name the label.
const std::string* schema_type(const Config& config, std::string_view key);

// The value rules: reports each value of the LABEL being checked whose key `label-schema` declares as `type`
// and that `valid` rejects, at the value, as "Label `key` is not <what>: `value`". Empty values are DL3051's
// finding and values with unknown variables cannot be judged, so both are skipped; so are ONBUILD triggers,
// whose labels belong to a later image (as in hadolint).
void check_label_values(const Instruction& label, Context& context, std::string_view type,
                        bool (*valid)(std::string_view), std::string_view what);

} // namespace drydock::rules
