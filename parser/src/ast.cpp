// Small queries on the tree: keyword tables and lookups.

#include <drydock/parser/ast.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace drydock {
namespace {

constexpr std::array<std::pair<std::string_view, InstructionKind>, 18> keywords{{
    {"ADD", InstructionKind::Add},
    {"ARG", InstructionKind::Arg},
    {"CMD", InstructionKind::Cmd},
    {"COPY", InstructionKind::Copy},
    {"ENTRYPOINT", InstructionKind::Entrypoint},
    {"ENV", InstructionKind::Env},
    {"EXPOSE", InstructionKind::Expose},
    {"FROM", InstructionKind::From},
    {"HEALTHCHECK", InstructionKind::Healthcheck},
    {"LABEL", InstructionKind::Label},
    {"MAINTAINER", InstructionKind::Maintainer},
    {"ONBUILD", InstructionKind::Onbuild},
    {"RUN", InstructionKind::Run},
    {"SHELL", InstructionKind::Shell},
    {"STOPSIGNAL", InstructionKind::Stopsignal},
    {"USER", InstructionKind::User},
    {"VOLUME", InstructionKind::Volume},
    {"WORKDIR", InstructionKind::Workdir},
}};

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
    });
}

} // namespace

std::string_view keyword_name(InstructionKind kind) {
    for (const auto& [name, k] : keywords)
        if (k == kind)
            return name;
    return "UNKNOWN";
}

InstructionKind keyword_kind(std::string_view word) {
    for (const auto& [name, k] : keywords)
        if (iequals(name, word))
            return k;
    return InstructionKind::Unknown;
}

const Flag* Instruction::flag(std::string_view name) const {
    for (const Flag& f : flags)
        if (iequals(f.name.raw, name))
            return &f;
    return nullptr;
}

const Directive* Dockerfile::directive(std::string_view name) const {
    for (const Directive& d : directives)
        if (iequals(d.name.raw, name))
            return &d;
    return nullptr;
}

} // namespace drydock
