// DD1006: BuildKit's ExposeProtoCasing — the protocol of an EXPOSE port should be lower case.

#include "instruction_queries.hpp"
#include "port_words.hpp"
#include "rule_support.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ExposeProtoCasing"};

constexpr RuleMeta rule_meta{
    .code = "DD1006",
    .name = "expose-proto-casing",
    .aliases = aliases,
    .severity = Severity::Style,
    .category = Category::Style,
    .fix = FixAvailability::Sometimes,
    .summary = "Protocol in EXPOSE instruction should be lowercase",
    .docs =
        {.what = "Reports an `EXPOSE` protocol with upper-case letters (`EXPOSE 80/TCP`, `EXPOSE 53/Udp`), "
                 "also as an `ONBUILD` trigger and after a port given by a variable (`EXPOSE $PORT/TCP`), as "
                 "BuildKit's ExposeProtoCasing check does. A protocol other than `tcp`, `udp` or `sctp` is a "
                 "parse error (DL1000) instead.",
         .why = "The builder lower-cases the protocol, so `80/TCP` works, but it is written differently from "
                "every other Docker tool and document (`80/tcp`), and BuildKit warns about it.",
         .bad = "FROM nginx:1.27\nEXPOSE 80/TCP\n",
         .good = "FROM nginx:1.27\nEXPOSE 80/tcp\n",
         .fix_safety =
             "Safe: the protocol is lower-cased, which is what the builder does with it. No fix for a "
             "port in quotes or split by a line continuation.",
         .references = "https://docs.docker.com/reference/build-checks/expose-proto-casing/\n"
                       "https://docs.docker.com/reference/dockerfile/#expose"},
};

bool is_known_protocol(std::string_view lowered) {
    return lowered == "tcp" || lowered == "udp" || lowered == "sctp";
}

class ExposeProtoCasing final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Expose}; }
    void check(const Instruction& ins, Context& context) override {
        for (const PortSpec& port : ins.ports)
            check_port(port.word, context);
    }

private:
    static void check_port(const Word& word, Context& context) {
        const std::optional<PortText> port = port_text(word);
        if (!port)
            return;
        // The protocol follows the first `/`, as BuildKit's strings.Cut reads it.
        const std::vector<std::size_t> slashes = separators(*port, '/');
        if (slashes.empty())
            return;
        const std::size_t start = slashes.front() + 1;
        const std::string protocol = port->text.substr(start);
        const std::string lowered = to_lower(protocol);
        if (protocol == lowered || !is_known_protocol(lowered))
            return; // an unknown protocol is a parse error already
        std::string message = "Protocol '" + protocol + "' in EXPOSE should be lowercase: write '" +
                              port->text.substr(0, start) + lowered + "'";
        if (!port->in_source) {
            context.report(word.range, std::move(message)); // quoted or continued: no exact place to edit
            return;
        }
        const TextRange range = word_part(word, start, port->text.size());
        context.report(range, std::move(message), Fix::replace("Write '" + lowered + "'", range, lowered));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1006, drydock::rules::rule_meta, drydock::rules::ExposeProtoCasing)
