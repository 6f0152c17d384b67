#pragma once
// The non-root rewrite (the fix of DD2001 `missing-user`): make the final stage run as an unprivileged user,
// with the commands the base image's family has for creating one. See non_root_rewrite.cpp for the recipes.

#include <drydock/checks/rule.hpp>
#include <drydock/fixers/fix.hpp>

#include <cstddef>
#include <string_view>

namespace drydock::rules {

// The fix for final stage `stage`, whose lineage starts from `image` (variables replaced): unsafe when the
// family is known, display-only with the advice when it is not (or when the image's server needs root).
Fix non_root_fix(const Context& context, std::size_t stage, std::string_view image);

} // namespace drydock::rules
