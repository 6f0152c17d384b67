#pragma once
// A fix is data: a list of edits on byte ranges of the original text, with how safe it is to apply. Rules
// attach fixes to their diagnostics; the fix engine applies them (and re-checks the result).

#include <drydock/parser/text_range.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Insertion = empty range; deletion = empty replacement.
struct Edit {
    TextRange range;
    std::string replacement;
    friend bool operator==(const Edit&, const Edit&) = default;
};

enum class Applicability {
    DisplayOnly, // shown, never applied
    Unsafe,      // may change behaviour: applied only with --unsafe-fixes
    Safe,        // keeps behaviour: applied by `drydock fix`
};

std::string_view to_string(Applicability applicability);

// A file a fix creates beside the file it edits (the entrypoint script of a start command moved out of a
// Dockerfile). The path is relative to the edited file's folder. Creating never overwrites: the writer
// refuses when the path exists, and the rule that offers it checks first.
struct NewFile {
    std::string path;
    std::string content;
    unsigned mode = 0644; // permission bits
    friend bool operator==(const NewFile&, const NewFile&) = default;
};

struct Fix {
    std::string title;
    std::vector<Edit> edits; // sorted by range, non-overlapping
    Applicability applicability = Applicability::Safe;
    std::vector<NewFile> new_files = {}; // created when the fix is applied

    // A fix with one edit.
    static Fix replace(std::string title, TextRange range, std::string replacement,
                       Applicability applicability = Applicability::Safe);
};

} // namespace drydock
