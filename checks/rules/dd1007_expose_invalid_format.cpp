// DD1007: BuildKit's ExposeInvalidFormat — EXPOSE with an IP address or a host-port mapping.

#include "port_words.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"ExposeInvalidFormat"};

constexpr RuleMeta rule_meta{
    .code = "DD1007",
    .name = "expose-invalid-format",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "EXPOSE should not define an IP address or a host-port mapping",
    .docs =
        {.what =
             "Reports an `EXPOSE` port written as a mapping, with a host port (`8080:80`) or an IP address "
             "(`127.0.0.1:80:80`, `[::1]:80:80`), also as an `ONBUILD` trigger and when the host part is a "
             "variable (`$HOST_PORT:80`), as BuildKit's ExposeInvalidFormat check does. It reads the port as "
             "BuildKit does: the container port follows the last `:`, the host port the one before it, the "
             "IP address is everything before that. A mapping the builder rejects (a host name instead of an "
             "IP, a host port above 65535) is a parse error (DL1000) and is not reported again.",
         .why = "`EXPOSE` only documents which ports the container listens on; it cannot publish a port or "
                "bind an address. The builder keeps the container port and silently drops the rest, so the "
                "mapping the line promises never happens. Docker has deprecated the form, and BuildKit plans "
                "to make it an error.",
         .bad = "FROM nginx:1.27\nEXPOSE 8080:80\n",
         .good = "FROM nginx:1.27\nEXPOSE 80\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`): the port is rewritten as the container port with its "
             "protocol (`127.0.0.1:8080:80/udp` becomes `80/udp`). The image stays the same, since the "
             "builder ignored the rest, but the host port or address the author meant to publish is deleted "
             "from the file: it belongs in `docker run -p` or a compose file, which a human has to write. No "
             "fix for a word with variables that also has quotes or escapes; a word with variables that a "
             "line continuation splits is not checked.",
         .references = "https://docs.docker.com/reference/build-checks/expose-invalid-format/\n"
                       "https://docs.docker.com/reference/dockerfile/#expose"},
};

// A port split as BuildKit's splitParts does: `[ip:]host:container`, at its colons outside variable
// references.
struct PortParts {
    std::string ip, host, container;
};

PortParts split_parts(const PortText& port) {
    const std::vector<std::size_t> colons = separators(port, ':');
    const std::string& text = port.text;
    PortParts parts;
    if (colons.empty()) {
        parts.container = text;
        return parts;
    }
    const std::size_t last = colons.back();
    const std::size_t host_begin = colons.size() >= 2 ? colons[colons.size() - 2] + 1 : 0;
    parts.container = text.substr(last + 1);
    parts.host = text.substr(host_begin, last - host_begin);
    if (colons.size() >= 2)
        parts.ip = text.substr(0, host_begin - 1);
    return parts;
}

bool has_error_in(const Dockerfile& file, TextRange range) {
    return std::any_of(file.errors.begin(), file.errors.end(), [&](const ParseError& e) {
        return e.range.begin < range.end && range.begin < e.range.end;
    });
}

class ExposeInvalidFormat final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Expose}; }
    void check(const Instruction& ins, Context& context) override {
        for (const PortSpec& port : ins.ports)
            check_port(port.word, context);
    }

private:
    static void check_port(const Word& word, Context& context) {
        if (has_error_in(context.file(), word.range))
            return; // the builder rejects the port: the parse error says so
        const std::optional<PortText> port = port_text(word);
        if (!port)
            return;
        const PortParts parts = split_parts(*port);
        if (parts.ip.empty() && parts.host.empty())
            return;
        std::string message =
            "EXPOSE should not define an IP address or host-port mapping, found '" + port->text + "'";
        std::optional<Fix> fix;
        if (!parts.container.empty()) {
            message += ": expose only the container port '" + parts.container + "'";
            // Without variables the word becomes the container part of its value, a plain port. With
            // variables, the container part of the raw text, which must then hold no quotes or escapes.
            const bool plain_raw =
                word.raw.find_first_of(std::string{'"', '\'', context.file().escape}) == std::string::npos;
            if (word.variables.empty() || plain_raw)
                fix = Fix::replace("Keep only the container port '" + parts.container + "'", word.range,
                                   parts.container, Applicability::Unsafe);
        }
        context.report(word.range, std::move(message), std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1007, drydock::rules::rule_meta, drydock::rules::ExposeInvalidFormat)
