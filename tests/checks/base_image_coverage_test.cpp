// The base image lifecycle table covers the real world: every base image that appears in more than 20
// corpus Dockerfiles (FROM lines with ARG defaults replaced, stage references and scratch left out) is one
// the tag reader knows. Prints the coverage.

#include "checks/src/base_image_tags.hpp"
#include "checks/src/word_values.hpp"
#include "support/corpus.hpp"

#include <drydock/parser/parse.hpp>
#include <drydock/parser/semantics.hpp>

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>

namespace drydock {
namespace {

TEST(BaseImageCoverage, TableCoversEveryBaseImageInMoreThanTwentyCorpusFiles) {
    DRYDOCK_REQUIRE_CORPUS();
    std::map<std::string, std::size_t> files_per_image;
    std::map<std::string, bool> known;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const Dockerfile file = parse(testing::read_file(path));
        const SemanticModel model(file);
        std::set<std::string> names;
        for (std::size_t i = 0; i < file.instructions.size(); ++i) {
            if (!file.instructions[i].from)
                continue;
            const auto from = rules::from_image(file, model, i, model.stage_of(i));
            if (!from)
                continue;
            const std::string name = rules::normalize_image_name(rules::split_image(from->reference).name);
            names.insert(name);
            known[name] = known[name] || rules::read_base_image(from->reference).image != nullptr;
        }
        for (const std::string& name : names)
            ++files_per_image[name];
    }
    std::size_t covered = 0, total = 0, covered_files = 0, total_files = 0;
    std::cout << "[ coverage ] base images in more than 20 corpus files:\n";
    for (const auto& [name, files] : files_per_image) {
        if (files <= 20)
            continue;
        ++total;
        total_files += files;
        if (known[name]) {
            ++covered;
            covered_files += files;
        }
        std::cout << "[ coverage ]   " << name << ": " << files << " files, "
                  << (known[name] ? "in the table" : "NOT COVERED") << "\n";
        EXPECT_TRUE(known[name]) << name << " appears in " << files
                                 << " corpus files but the base image table does not know it";
    }
    std::cout << "[ coverage ] " << covered << "/" << total << " images (" << covered_files << "/"
              << total_files << " file uses) covered\n";
}

} // namespace
} // namespace drydock
