// DL3011: EXPOSE names a port above 65535.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3011",
    .name = "expose-invalid-port",
    .severity = Severity::Error,
    .category = Category::Correctness,
    .summary = "Valid UNIX ports range from 0 to 65535",
    .docs =
        {.what =
             "Reports an `EXPOSE` port, or the end of a port range, above 65535 (`EXPOSE 70000`, "
             "`EXPOSE 8000-70000/udp`), at the offending number. A port given by a variable (`EXPOSE "
             "$PORT`) is judged by its `ARG`/`ENV` default; a variable without one is not reported.\n\n"
             "The builder rejects such a port, so the parse error (DL1000, `invalid containerPort`) is "
             "reported at the same place: this rule keeps hadolint's code so that configurations and "
             "pragmas naming DL3011 keep working, and it also catches ports that only a variable's default "
             "makes invalid, which the parser cannot see. `EXPOSE` triggers inside `ONBUILD` are checked "
             "too, "
             "when their ports hold no variable.",
         .why = "TCP and UDP ports are 16-bit numbers. A larger one is a typo (`80800` for `8080`) and makes "
                "the build fail.",
         .bad = "FROM nginx:1.27\nARG PORT=80800\nEXPOSE $PORT\n",
         .good = "FROM nginx:1.27\nARG PORT=8080\nEXPOSE $PORT\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3011\n"
                       "https://docs.docker.com/reference/dockerfile/#expose"},
};

constexpr unsigned long max_port = 65535;

// One number of a port specification, with its offsets in the text.
struct PortNumber {
    unsigned long value = 0;
    std::size_t begin = 0, end = 0;
};

// The numbers of `80`, `8000-8080/udp` or a legacy `8080:80` mapping, protocol left out. Parts that are not
// decimal numbers (an IP address, a typo) are the parser's business and are skipped.
std::vector<PortNumber> port_numbers(std::string_view spec) {
    std::vector<PortNumber> out;
    const std::size_t end = std::min(spec.find('/'), spec.size());
    std::size_t begin = 0;
    while (begin < end) {
        std::size_t stop = begin;
        while (stop < end && spec[stop] != ':' && spec[stop] != '-')
            ++stop;
        const std::string_view digits = spec.substr(begin, stop - begin);
        if (!digits.empty() &&
            std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
            // Ten digits or more are out of range anyway; don't let stoul overflow.
            const unsigned long value = digits.size() > 9 ? max_port + 1 : std::stoul(std::string(digits));
            out.push_back({value, begin, stop});
        }
        begin = stop + 1;
    }
    return out;
}

class ExposeInvalidPort final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Expose}; }
    void check(const Instruction& ins, Context& context) override {
        for (const PortSpec& port : ins.ports) {
            // An ONBUILD trigger expands its variables in another build, whose defaults we don't know.
            if (context.in_onbuild() && !port.word.variables.empty())
                continue;
            check_port(port.word, context);
        }
    }

private:
    static void check_port(const Word& word, Context& context) {
        const std::optional<std::string> value =
            default_value(word, context.model().scope_at(context.index()));
        if (!value)
            return;
        for (const PortNumber& number : port_numbers(*value)) {
            if (number.value <= max_port)
                continue;
            const std::string shown = value->substr(number.begin, number.end - number.begin);
            // The parser rejects a literal port too (DL1000, "invalid containerPort"): say why, not again
            // what.
            if (word.variables.empty()) {
                context.report(word_part(word, number.begin, number.end),
                               "Valid UNIX ports range from 0 to 65535: `" + shown +
                                   "` is above 65535, so the builder rejects `EXPOSE " + word.raw + "`");
            } else {
                context.report(word.range, "Valid UNIX ports range from 0 to 65535: `" + word.raw + "` is `" +
                                               *value + "` by default, and `" + shown +
                                               "` is above 65535, so the build fails");
            }
            return;
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3011, drydock::rules::rule_meta, drydock::rules::ExposeInvalidPort)
