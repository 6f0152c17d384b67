// Property tests over the whole real-world corpus: every Dockerfile parses (the listed exceptions fail with
// the listed error), round-trips byte for byte, and satisfies the tree invariants.

#include "support/corpus.hpp"
#include "support/tree_invariants.hpp"

#include <drydock/parser/line_index.hpp>
#include <drydock/parser/parse.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace drydock {
namespace {

struct ExpectedError {
    std::string position; // line:column
    std::string message;
};

std::map<std::string, ExpectedError> expected_errors() {
    std::map<std::string, ExpectedError> out;
    std::ifstream in(std::string(DRYDOCK_SOURCE_DIR) + "/tests/parser/corpus_expected_errors.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        std::string path, position, message;
        std::getline(fields, path, '\t');
        std::getline(fields, position, '\t');
        std::getline(fields, message);
        out[path] = {position, message};
    }
    return out;
}

std::string corpus_name(const std::filesystem::path& path) {
    return std::filesystem::relative(path, testing::corpus_root()).generic_string();
}

TEST(ParserCorpus, EveryFileParsesAsExpected) {
    DRYDOCK_REQUIRE_CORPUS();
    const auto expected = expected_errors();
    ASSERT_FALSE(expected.empty()) << "corpus_expected_errors.tsv not found";
    std::size_t clean = 0, failing = 0;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const std::string rel = corpus_name(path);
        const Dockerfile file = parse(testing::read_file(path));
        const auto it = expected.find(rel);
        if (it == expected.end()) {
            EXPECT_TRUE(file.errors.empty()) << rel << ": unexpected error: " << file.errors.front().message;
            ++clean;
            continue;
        }
        ++failing;
        ASSERT_FALSE(file.errors.empty()) << rel << ": expected an error, parsed cleanly";
        const Position p = LineIndex(file.source).position(file.errors.front().range.begin);
        EXPECT_EQ(std::to_string(p.line) + ":" + std::to_string(p.column), it->second.position) << rel;
        EXPECT_EQ(file.errors.front().message, it->second.message) << rel;
    }
    EXPECT_EQ(failing, expected.size()) << "a listed file is missing from the corpus";
    std::cout << "[ corpus   ] " << clean << " files parse cleanly, " << failing << " fail as listed\n";
}

TEST(ParserCorpus, EveryFileRoundTripsAndKeepsTreeInvariants) {
    DRYDOCK_REQUIRE_CORPUS();
    std::size_t bytes = 0;
    for (const auto& path : testing::corpus_dockerfiles()) {
        const std::string text = testing::read_file(path);
        bytes += text.size();
        const Dockerfile file = parse(text);
        ASSERT_EQ(print(file), text) << corpus_name(path);
        const std::vector<std::string> problems = testing::check_tree_invariants(file);
        EXPECT_TRUE(problems.empty()) << corpus_name(path) << ": " << problems.front();
    }
    std::cout << "[ corpus   ] " << testing::corpus_dockerfiles().size() << " files, " << bytes
              << " bytes round-trip byte for byte\n";
}

// The same files with CRLF line endings and a BOM: the round trip must not depend on the line terminator.
TEST(ParserCorpus, CrlfAndBomVariantsRoundTrip) {
    DRYDOCK_REQUIRE_CORPUS();
    for (const auto& path : testing::corpus_dockerfiles()) {
        std::string text = testing::read_file(path);
        std::string crlf = "\xEF\xBB\xBF";
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
                crlf += '\r';
            crlf += text[i];
        }
        const Dockerfile lf_file = parse(text);
        const Dockerfile crlf_file = parse(crlf);
        ASSERT_EQ(print(crlf_file), crlf) << corpus_name(path);
        EXPECT_EQ(crlf_file.instructions.size(), lf_file.instructions.size()) << corpus_name(path);
        EXPECT_EQ(crlf_file.errors.size(), lf_file.errors.size()) << corpus_name(path);
        const std::vector<std::string> problems = testing::check_tree_invariants(crlf_file);
        EXPECT_TRUE(problems.empty()) << corpus_name(path) << " (CRLF+BOM): " << problems.front();
    }
}

} // namespace
} // namespace drydock
