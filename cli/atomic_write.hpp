#pragma once
// Replacing a file's contents atomically: write a temporary file in the same folder, copy the original's mode
// (and owner, when allowed), flush it to disk, then rename it over the original. A reader sees the old file
// or the new one, never half of either, and a failure leaves the original untouched.

#include <string>
#include <string_view>

namespace drydock::cli {

// Returns an empty string on success, else an error message naming the file.
std::string write_atomically(const std::string& path, std::string_view contents);

// Creates a new file with `contents` and permission bits `mode`, atomically and never over an existing file:
// the text goes to a temporary file in the same folder, which is then hard-linked to `path` (link(2) fails
// when `path` exists, whatever raced us). Returns an empty string on success, else an error naming the file.
std::string create_atomically(const std::string& path, std::string_view contents, unsigned mode);

} // namespace drydock::cli
