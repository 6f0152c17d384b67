// Build tool: reads checks/data/base_images.json, checks it (parse_base_image_table names any error), and
// writes the C++ source that compiles the table into drydock (see base_image_table_codegen.hpp).
//
//     generate_base_image_table <base_images.json> <output.cpp>

#include "base_image_table_codegen.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: generate_base_image_table <base_images.json> <output.cpp>\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << argv[1] << ": cannot read\n";
        return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string source;
    try {
        source = drydock::rules::base_image_table_as_cpp(drydock::rules::parse_base_image_table(text.str()));
    } catch (const std::exception& e) {
        std::cerr << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
    // Written only when changed, so an unchanged table does not rebuild what depends on it.
    std::ifstream old(argv[2], std::ios::binary);
    std::ostringstream previous;
    previous << old.rdbuf();
    if (old && previous.str() == source)
        return 0;
    old.close();
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << source;
    if (!out.flush()) {
        std::cerr << argv[2] << ": cannot write\n";
        return 1;
    }
    return 0;
}
