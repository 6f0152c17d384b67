// DL4005: RUN replaces /bin/sh with `ln` instead of using SHELL.

#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL4005",
    .name = "ln-bin-sh",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Use SHELL to change the default shell",
    .docs =
        {.what =
             "Reports an `ln` that creates `/bin/sh` (or `/usr/bin/sh`, the same file on merged-`/usr` "
             "systems): the link name is its last operand (`ln -sf /bin/bash /bin/sh`), or `sh` inside a "
             "`-t /bin` target directory. Every command a `RUN` runs is checked, `ONBUILD RUN` included.\n\n"
             "Unlike hadolint, which reports any `ln` with a `/bin/sh` argument, a link that merely points "
             "*to* `/bin/sh` (`ln -s /bin/sh /usr/local/bin/sh`) is not reported.",
         .why = "Replacing `/bin/sh` changes the shell of every program in the image that runs `sh` or "
                "`system()`, including package scripts that expect a POSIX `sh`, and hides from readers "
                "which shell `RUN` uses. The `SHELL` instruction changes the shell of the following `RUN`, "
                "`CMD` and `ENTRYPOINT` instructions only, visibly.",
         .bad = "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n",
         .good = "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL4005\n"
                       "https://docs.docker.com/reference/dockerfile/#shell"},
};

bool is_system_sh(std::string_view path) {
    return path == "/bin/sh" || path == "/usr/bin/sh";
}

bool is_system_bin(std::string_view directory) {
    while (directory.size() > 1 && directory.ends_with("/"))
        directory.remove_suffix(1);
    return directory == "/bin" || directory == "/usr/bin";
}

std::string_view basename(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A link to /bin/sh that `ln` creates: the operand that makes it, and the path of the link.
struct CreatedSh {
    shell::Word operand;
    std::string path;
};

std::optional<CreatedSh> created_sh(const shell::Command& ln) {
    const std::vector<shell::Word> operands = ln.operands({"S", "suffix", "t", "target-directory"});
    std::optional<shell::Word> directory = ln.flag_value("t");
    if (!directory)
        directory = ln.flag_value("target-directory");
    if (directory) {
        // `ln -s -t /bin /opt/busybox/sh`: each operand gets a link of its own name in the directory.
        if (!is_system_bin(directory->value))
            return std::nullopt;
        std::string_view dir = directory->value;
        while (dir.size() > 1 && dir.ends_with("/"))
            dir.remove_suffix(1);
        for (const shell::Word& operand : operands)
            if (basename(operand.value) == "sh")
                return CreatedSh{operand, std::string(dir) + "/sh"};
        return std::nullopt;
    }
    // With one operand the link goes into the current directory, which is not known here.
    if (operands.size() < 2 || !is_system_sh(operands.back().value))
        return std::nullopt;
    return CreatedSh{operands.back(), operands.back().value};
}

class LnBinSh final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        for (const shell::Command* ln : commands.named("ln")) {
            const std::optional<CreatedSh> link = created_sh(*ln);
            if (!link)
                continue;
            context.report(link->operand.range,
                           "Use SHELL to change the default shell instead of replacing `" + link->path + "`");
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl4005, drydock::rules::rule_meta, drydock::rules::LnBinSh)
