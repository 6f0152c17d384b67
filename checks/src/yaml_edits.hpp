#pragma once
// Edits on YAML text that keep the file's own layout: new keys go on their own line after a mapping's last
// entry, at the indentation of its keys; new list items follow the list's style (`- item` lines or `[a, b]`);
// the file's indentation step and line terminator are reused. Everything else stays byte for byte.

#include <drydock/fixers/fix.hpp>
#include <drydock/parser/yaml.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// The file's indentation step: how much deeper the first key of a block mapping is than the key that holds
// it, as first seen in the file; two spaces when the file shows none.
std::string indent_step(const yaml::Document& doc);

// Blanks for a 0-based column.
std::string spaces(std::uint32_t count);

// Adds lines after the last entry of block mapping `map` (own entries, merge keys included), each indented
// like the mapping's keys plus its own leading blanks: {"read_only: true"} or {"healthcheck:", "  test: …"}
// (write nested lines with two blanks per level; they are re-indented with indent_step()). nullopt for a
// flow mapping or anything else.
std::optional<Edit> append_entry(const yaml::Document& doc, yaml::NodeId map,
                                 const std::vector<std::string>& lines);

// Adds `item` at the end of a sequence: a `- item` line in a block sequence, `, item` in a flow one.
std::optional<Edit> append_item(const yaml::Document& doc, yaml::NodeId sequence, std::string_view item);

// The whole lines of a mapping entry (key to the end of its value), with the final line terminator: what to
// delete to remove the entry.
TextRange entry_lines(const yaml::Document& doc, yaml::NodeId key, yaml::NodeId value);

} // namespace drydock::rules
