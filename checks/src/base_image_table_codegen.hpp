#pragma once
// The lifecycle table as C++ source. The build parses checks/data/base_images.json once, with the
// generator in checks/data/generate_base_image_table.cpp, and compiles the result in: parsing the JSON at
// start-up cost more than half of a small file's lint (about 6 M instructions of 10 M), and drydock is run
// once per file by pre-commit hooks.

#include "base_image_table.hpp"

#include <string>

namespace drydock::rules {

// A translation unit that defines base_image_table() as the given table, built by plain assignments.
// Equal tables give equal text, so the tests also use it to compare the compiled table with the JSON.
std::string base_image_table_as_cpp(const BaseImageTable& table);

} // namespace drydock::rules
