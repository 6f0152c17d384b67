// The YAML tree of compose files: every node's exact text, aliases and merge keys, comments, errors; and the
// compose model over it (services, build, image, interpolation).

#include <drydock/parser/compose.hpp>
#include <drydock/parser/yaml.hpp>

#include <gtest/gtest.h>

namespace drydock {
namespace {

using yaml::Document;
using yaml::no_node;
using yaml::NodeId;

std::string_view text_of(const Document& doc, NodeId id) {
    return doc.text(doc.node(id).range);
}

TEST(YamlTree, ScalarsOfEveryStyleKeepTheirExactText) {
    const Document doc = yaml::parse_yaml("plain: hello world # comment\n"
                                          "double: \"a \\\"b\\\" c\"\n"
                                          "single: 'it''s'\n"
                                          "folded: >\n  one\n  two\n\n"
                                          "literal: |-\n    keep\n      this\n"
                                          "multi: first\n  second\n"
                                          "after: 1\n");
    ASSERT_TRUE(doc.errors.empty());
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "plain")), "hello world");
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "double")), "\"a \\\"b\\\" c\"");
    EXPECT_EQ(doc.scalar(doc.get(doc.root, "double")), "a \"b\" c");
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "single")), "'it''s'");
    EXPECT_EQ(doc.node(doc.get(doc.root, "single")).style, yaml::Style::SingleQuoted);
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "folded")), ">\n  one\n  two");
    EXPECT_EQ(doc.node(doc.get(doc.root, "folded")).style, yaml::Style::Folded);
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "literal")), "|-\n    keep\n      this");
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "multi")), "first\n  second");
    EXPECT_EQ(doc.scalar(doc.get(doc.root, "multi")), "first second");
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "after")), "1");
}

TEST(YamlTree, CollectionsEndWhereTheirLastChildOrBracketEnds) {
    const Document doc = yaml::parse_yaml("services:\n"
                                          "  web:\n"
                                          "    ports:\n"
                                          "      - \"80:80\"\n"
                                          "      - 443   # tls\n"
                                          "    env: {A: 1, B: \"}\"}\n"
                                          "    caps: [ a , 'b' ]\n"
                                          "  db:\n");
    ASSERT_TRUE(doc.errors.empty());
    const NodeId services = doc.get(doc.root, "services");
    EXPECT_EQ(text_of(doc, services).substr(0, 4), "web:");
    const NodeId web = doc.get(services, "web");
    EXPECT_EQ(text_of(doc, doc.get(web, "ports")), "- \"80:80\"\n      - 443");
    EXPECT_EQ(text_of(doc, doc.get(web, "env")), "{A: 1, B: \"}\"}");
    EXPECT_EQ(text_of(doc, doc.get(web, "caps")), "[ a , 'b' ]");
    EXPECT_EQ(doc.node(doc.get(web, "caps")).style, yaml::Style::Flow);
    // An omitted value is a null with an empty range right after the colon.
    const yaml::Entry db = doc.find(services, "db");
    ASSERT_NE(db.key, no_node);
    EXPECT_TRUE(doc.is_null(db.value));
    EXPECT_EQ(doc.node(db.value).range.begin, doc.node(db.key).range.end + 1);
    EXPECT_TRUE(doc.node(db.value).range.empty());
}

TEST(YamlTree, AliasesResolveAndMergeKeysApply) {
    const Document doc = yaml::parse_yaml("x-base: &base\n"
                                          "  restart: always\n"
                                          "  image: a:1\n"
                                          "x-more: &more {user: app}\n"
                                          "services:\n"
                                          "  web:\n"
                                          "    <<: [*base, *more]\n"
                                          "    image: b:2\n"
                                          "    labels: *more\n");
    ASSERT_TRUE(doc.errors.empty());
    const NodeId web = doc.get(doc.get(doc.root, "services"), "web");
    EXPECT_EQ(doc.scalar(doc.get(web, "image")), "b:2"); // own keys win over merged ones
    EXPECT_EQ(doc.scalar(doc.get(web, "restart")), "always");
    EXPECT_EQ(doc.scalar(doc.get(web, "user")), "app");
    EXPECT_TRUE(doc.find(web, "restart").merged);
    EXPECT_FALSE(doc.find(web, "image").merged);
    EXPECT_TRUE(doc.is_mapping(doc.get(web, "labels")));
    EXPECT_EQ(doc.node(doc.get(doc.root, "x-base")).anchor, "base");
    std::vector<std::string> keys;
    for (const yaml::Entry& e : doc.entries(web))
        keys.emplace_back(doc.scalar(e.key));
    EXPECT_EQ(keys, (std::vector<std::string>{"image", "labels", "restart", "user"}));
}

TEST(YamlTree, CommentsOutsideScalarsOnly) {
    const Document doc = yaml::parse_yaml("# top\n"
                                          "a: \"not # a comment\"\n"
                                          "b: |\n  # text, not a comment\n"
                                          "c: x  # trailing\n");
    ASSERT_EQ(doc.comments.size(), 2U);
    EXPECT_EQ(doc.text(doc.comments[0].range), "# top");
    EXPECT_TRUE(doc.comments[0].own_line);
    EXPECT_EQ(doc.text(doc.comments[1].range), "# trailing");
    EXPECT_FALSE(doc.comments[1].own_line);
}

TEST(YamlTree, ByteOrderMarkAndCrlfKeepOffsetsExact) {
    const Document doc = yaml::parse_yaml("\xEF\xBB\xBF"
                                          "a: caf\xC3\xA9\r\n"
                                          "b: &x 'q'\r\n"
                                          "c: *x\r\n");
    ASSERT_TRUE(doc.errors.empty());
    EXPECT_EQ(text_of(doc, doc.get(doc.root, "a")), "caf\xC3\xA9");
    EXPECT_EQ(text_of(doc, doc.find(doc.root, "b").value), "'q'");
    EXPECT_EQ(text_of(doc, doc.find(doc.root, "c").value), "*x");
    EXPECT_EQ(doc.scalar(doc.get(doc.root, "c")), "q");
    EXPECT_EQ(doc.column_of(doc.node(doc.find(doc.root, "a").key).range.begin), 0U);
}

TEST(YamlTree, ErrorsHaveAPositionAndNoTree) {
    const Document broken = yaml::parse_yaml("services:\n  web:\n    image: x\n  - bad\n");
    ASSERT_EQ(broken.errors.size(), 1U);
    EXPECT_EQ(broken.root, no_node);
    EXPECT_NE(broken.errors[0].message.find("invalid YAML"), std::string::npos);
    EXPECT_EQ(broken.errors[0].range.begin, std::string_view("services:\n  web:\n    image: x\n  ").size());

    const Document duplicate = yaml::parse_yaml("a: 1\nb: 2\na: 3\n");
    ASSERT_EQ(duplicate.errors.size(), 1U);
    EXPECT_NE(duplicate.root, no_node);
    EXPECT_EQ(duplicate.errors[0].range.begin, 10U);
    EXPECT_NE(duplicate.errors[0].message.find("already defined"), std::string::npos);

    // A last line without `:`: yaml-cpp reads a key, YAML an error.
    const Document no_colon = yaml::parse_yaml("version: \"3\"\nservices\n");
    ASSERT_EQ(no_colon.errors.size(), 1U);
    EXPECT_EQ(no_colon.errors[0].range.begin, 13U);
    EXPECT_NE(no_colon.errors[0].message.find("not followed by `:`"), std::string::npos);
    EXPECT_TRUE(yaml::parse_yaml("? complex\n: value\n").errors.empty());
    EXPECT_TRUE(yaml::parse_yaml("{a, b: 1}\n").errors.empty());

    // A quote never closed: yaml-cpp runs it to the end of the file, YAML reports it.
    EXPECT_EQ(yaml::parse_yaml("a: \"open\nb: 1\n").errors.size(), 1U);
    EXPECT_EQ(yaml::parse_yaml("a: 'it''s\n").errors.size(), 1U);
    EXPECT_TRUE(yaml::parse_yaml("a: 'it''s'").errors.empty());
    EXPECT_TRUE(yaml::parse_yaml("a: \"q\\\\\"").errors.empty());

    EXPECT_TRUE(yaml::parse_yaml("").errors.empty());
}

TEST(ComposeModel, ServicesBuildsAndImages) {
    const compose::ComposeFile file = compose::parse_compose("services:\n"
                                                             "  api:\n"
                                                             "    build: ./api\n"
                                                             "  web:\n"
                                                             "    build:\n"
                                                             "      context: ${CTX:-web}\n"
                                                             "      dockerfile: Dockerfile.prod\n"
                                                             "  db:\n"
                                                             "    image: postgres:${PG:-16}\n"
                                                             "  ext:\n"
                                                             "    image: ${IMAGE}\n"
                                                             "  remote:\n"
                                                             "    build: https://github.com/x/y.git\n"
                                                             "  partial:\n"
                                                             "    ports: [\"80:80\"]\n");
    ASSERT_TRUE(file.yaml.errors.empty());
    ASSERT_EQ(file.services.size(), 6U);
    EXPECT_EQ(file.build(file.services[0])->context, "./api");
    EXPECT_EQ(file.build(file.services[0])->dockerfile, "Dockerfile");
    EXPECT_EQ(file.build(file.services[1])->context, "web");
    EXPECT_EQ(file.build(file.services[1])->dockerfile, "Dockerfile.prod");
    EXPECT_EQ(file.image(file.services[2]), "postgres:16");
    EXPECT_EQ(file.image(file.services[3]), std::nullopt);
    EXPECT_TRUE(file.build(file.services[4])->remote);
    EXPECT_FALSE(file.defines_container(file.services[5]));
    EXPECT_TRUE(file.defines_container(file.services[3]));
}

TEST(ComposeModel, InterpolationWithoutAnEnvironment) {
    EXPECT_EQ(compose::interpolate("plain"), "plain");
    EXPECT_EQ(compose::interpolate("$$HOME"), "$HOME");
    EXPECT_EQ(compose::interpolate("${A:-x}-${B-y}"), "x-y");
    EXPECT_EQ(compose::interpolate("${A:-${B:-nested}}"), "nested");
    EXPECT_EQ(compose::interpolate("${A}"), std::nullopt);
    EXPECT_EQ(compose::interpolate("$A"), std::nullopt);
    EXPECT_EQ(compose::interpolate("${A:?required}"), std::nullopt);
    EXPECT_EQ(compose::interpolate("${A:-x"), std::nullopt);
    EXPECT_EQ(compose::interpolate("cost: 5$"), "cost: 5$");
}

TEST(ComposeModel, NotAMappingIsAnError) {
    EXPECT_EQ(compose::parse_compose("- a\n- b\n").yaml.errors.size(), 1U);
    EXPECT_EQ(compose::parse_compose("services: [a]\n").yaml.errors.size(), 1U);
    EXPECT_TRUE(compose::parse_compose("# empty\n").yaml.errors.empty());
}

} // namespace
} // namespace drydock
