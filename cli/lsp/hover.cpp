#include "lsp/hover.hpp"

#include "lsp/protocol.hpp"

#include <drydock/checks/registry.hpp>
#include <drydock/checks/rule_docs.hpp>

#include <algorithm>
#include <cctype>

namespace drydock::lsp {
namespace {

const RuleMeta* rule_with_code(std::string_view code) {
    if (code == syntax_error_rule().code)
        return &syntax_error_rule();
    const RuleEntry* entry = find_rule(code);
    return entry && entry->meta->code == code ? entry->meta : nullptr;
}

// rule_markdown without its leading HTML anchor, which hover renderers show as text or drop.
std::string rule_page(const RuleMeta& rule) {
    std::string page = rule_markdown(rule);
    if (page.starts_with("<a ")) {
        const std::size_t body = page.find("\n\n");
        page.erase(0, body == std::string::npos ? 0 : body + 2);
    }
    return page;
}

bool holds(TextRange range, TextSize at) {
    return range.empty() ? range.begin == at : range.contains(at);
}

nlohmann::json hover(std::string markdown, const LineIndex& lines, TextRange range) {
    return {{"contents", {{"kind", "markdown"}, {"value", std::move(markdown)}}},
            {"range", to_json(to_lsp(lines, range))}};
}

} // namespace

std::string_view instruction_summary(InstructionKind kind) {
    switch (kind) {
    case InstructionKind::Add:
        return "Copies files, folders, remote URLs or Git repositories into the image, extracting local tar "
               "archives. Prefer COPY for plain files.";
    case InstructionKind::Arg:
        return "Declares a build argument, settable with `--build-arg`, with an optional default. Not kept "
               "in "
               "the image's environment.";
    case InstructionKind::Cmd:
        return "Sets the default command of the container (or the default arguments of ENTRYPOINT). Only the "
               "last CMD counts.";
    case InstructionKind::Copy:
        return "Copies files and folders from the build context, a stage (`--from`) or an image into the "
               "image.";
    case InstructionKind::Entrypoint:
        return "Sets the program the container runs; CMD and `docker run` arguments are passed to it.";
    case InstructionKind::Env:
        return "Sets environment variables for the rest of the build and in the running container.";
    case InstructionKind::Expose:
        return "Documents the ports the container listens on (TCP unless `/udp`); it publishes nothing.";
    case InstructionKind::From:
        return "Starts a build stage from a base image (`FROM [--platform=…] image[:tag][@digest] [AS "
               "name]`).";
    case InstructionKind::Healthcheck:
        return "Tells Docker how to test that the container still works (`HEALTHCHECK [options] CMD …`), or "
               "disables an inherited check (`NONE`).";
    case InstructionKind::Label:
        return "Adds metadata to the image as key-value pairs.";
    case InstructionKind::Maintainer:
        return "Deprecated: sets the image's author. Use `LABEL org.opencontainers.image.authors=…`.";
    case InstructionKind::Onbuild:
        return "Registers an instruction that runs when another build uses this image as its base.";
    case InstructionKind::Run:
        return "Runs a command in a new layer during the build (shell form through the SHELL, or exec form).";
    case InstructionKind::Shell:
        return "Sets the shell that runs the shell form of RUN, CMD and ENTRYPOINT (default `[\"/bin/sh\", "
               "\"-c\"]`).";
    case InstructionKind::Stopsignal:
        return "Sets the signal sent to the container to stop it.";
    case InstructionKind::User:
        return "Sets the user (and group) that runs the rest of the build and the container.";
    case InstructionKind::Volume:
        return "Declares mount points for volumes; later build changes to them are discarded.";
    case InstructionKind::Workdir:
        return "Sets the working folder for the instructions that follow and for the container, creating it "
               "if needed.";
    case InstructionKind::Unknown:
        return {};
    }
    return {};
}

std::string instruction_reference_url(InstructionKind kind) {
    std::string anchor(keyword_name(kind));
    std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return "https://docs.docker.com/reference/dockerfile/#" + anchor;
}

std::string finding_markdown(const Diagnostic& d) {
    std::string out = "**" + d.code + "**";
    if (!d.name.empty() && d.name != d.code)
        out += " `" + d.name + "`";
    out += ": " + d.message + "\n\n";
    if (const RuleMeta* rule = rule_with_code(d.code)) {
        out += "---\n\n" + rule_page(*rule);
    } else if (const std::string url = rule_docs_url(d.code); !url.empty()) {
        out += "[" + d.code + " on the ShellCheck wiki](" + url + ")\n";
    }
    return out;
}

std::optional<nlohmann::json> hover_at(const Dockerfile& file, const std::vector<Diagnostic>& findings,
                                       const LineIndex& lines, TextSize at) {
    std::string markdown;
    std::optional<TextRange> range;
    for (const Diagnostic& d : findings) {
        if (!holds(d.range, at))
            continue;
        if (!markdown.empty())
            markdown += "\n\n---\n\n";
        markdown += finding_markdown(d);
        range = range ? TextRange{std::max(range->begin, d.range.begin), std::min(range->end, d.range.end)}
                      : d.range;
    }
    if (range)
        return hover(std::move(markdown), lines, *range);
    for (const Instruction& top : file.instructions) {
        if (!top.line_range.contains(at) && top.range.end != at)
            continue;
        const Instruction* ins = &top;
        if (!top.trigger.empty() && top.trigger.front().keyword.range.contains(at))
            ins = &top.trigger.front();
        if (!ins->keyword.range.contains(at) || ins->kind == InstructionKind::Unknown)
            return std::nullopt;
        std::string text = "**" + std::string(keyword_name(ins->kind)) +
                           "**: " + std::string(instruction_summary(ins->kind)) +
                           "\n\n[Dockerfile reference](" + instruction_reference_url(ins->kind) + ")";
        return hover(std::move(text), lines, ins->keyword.range);
    }
    return std::nullopt;
}

} // namespace drydock::lsp
