#pragma once
// Dockerfile-level questions that the stage, COPY and registry rules (DL3021–DL3026, DL3045, DL3067, …) ask:
// how COPY splits into sources and destination, which stage a `--from` names, which registry an image comes
// from, the options of a `RUN --mount`, and small text helpers for precise ranges and messages.

#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// ASCII case-insensitive comparison and lower-casing (stage names, keywords, option keys).
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);

// Whether `text` is a non-empty run of ASCII digits (a stage index).
bool is_decimal(std::string_view text);

// The 1-based line of `offset`, for messages that point at another instruction.
// O(offset): inside a rule, Context::line_of is cheaper.
std::uint32_t line_number(const Dockerfile& file, TextSize offset);

// How messages name a stage: "`build`" when it has a name, else "stage 2".
std::string stage_label(const Stage& stage);

// The range of characters [begin, end) of `word`'s raw text, when the raw text is the source text (one line,
// no continuation); otherwise the whole word, which is still right, only less precise.
TextRange word_part(const Word& word, std::size_t begin, std::size_t end);

// `word` with its `$X` / `${X…}` references listed, for words whose `variables` the parser leaves empty
// although the builder expands them: flag values such as `--platform=$BUILDPLATFORM` or `--from=$STAGE`.
// References escaped with `escape` are skipped. A word that already lists variables is returned as is.
Word with_variables(const Word& word, char escape);

// COPY/ADD operands after the flags: every argument but the last is a source (heredoc markers such as
// `<<EOF` included), the last is the destination. nullopt with fewer than two arguments (a parse error).
struct CopyOperands {
    std::span<const Word> sources;
    const Word* destination = nullptr;
};
std::optional<CopyOperands> copy_operands(const Instruction& copy);

// The stage a `--from` value names as BuildKit resolves it: a stage name (case-insensitive, the first stage
// with that name) or a stage index written in decimal. nullopt for anything else (an image reference).
std::optional<std::size_t> named_stage(const SemanticModel& model, std::string_view reference);

// The registry of an image reference as Docker's reference package reads it: the first path component when
// it contains `.` or `:` or is `localhost` (`ghcr.io`, `localhost:5000`); empty for Docker Hub names
// (`ubuntu`, `library/ubuntu`).
std::string registry_of(std::string_view image);

// One `key=value` option of `RUN --mount=type=cache,from=builder,…`. The key is lower-cased, as BuildKit
// reads it; `range` is the value's range (or the whole flag value when it cannot be mapped).
struct MountOption {
    std::string key;
    std::string value;
    TextRange range;
};
std::vector<MountOption> mount_options(const Flag& mount);

} // namespace drydock::rules
