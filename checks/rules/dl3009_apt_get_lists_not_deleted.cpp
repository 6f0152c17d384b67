// DL3009: `apt-get update` without deleting the package lists afterwards in the same RUN.

#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <string>
#include <vector>

namespace drydock::rules {
namespace {

constexpr std::string_view lists_dir = "/var/lib/apt/lists";

constexpr RuleMeta rule_meta{
    .code = "DL3009",
    .name = "apt-get-lists-not-deleted",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .summary = "Delete the apt-get lists after installing something",
    .docs =
        {.what =
             "Reports an `apt-get update` (also `apt update`, `aptitude update`) after which the same `RUN` "
             "does not delete the package lists: `rm -rf /var/lib/apt/lists/*` (or the folder itself, an "
             "ancestor, a glob matching it, `find /var/lib/apt/lists -delete`) or `apt-get distclean`. Only "
             "a "
             "deletion that runs after the last update counts: `rm` first and `apt-get update` afterwards "
             "leaves fresh lists behind. Shell-form commands, heredoc bodies read by a shell, exec form and "
             "`ONBUILD RUN` are checked.\n\n"
             "Not reported when a `--mount=type=cache` or `--mount=type=tmpfs` of the `RUN` has its target "
             "at `/var/lib/apt/lists` or an ancestor (such as `/var/lib/apt`): the lists never reach the "
             "layer then. Only stages whose files can reach an image are checked: the final stage, a stage "
             "a later `FROM` builds on, and a stage that `COPY --from` copies the lists folder (or an "
             "ancestor such as `/`) out of. A build stage that later stages only copy artefacts from is "
             "left alone (hadolint also skips stages that are only copied from, even `COPY --from=x / /`).",
         .why = "`apt-get update` downloads the package indexes of every configured archive, tens of "
                "megabytes that nothing needs at run time. Deleted in a later `RUN`, they still take space "
                "in the earlier layer; deleted in the same `RUN`, they never reach the image. Stale lists in "
                "a reused layer also make a later `apt-get install` fetch outdated versions.",
         .bad = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
         .good =
             "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl "
             "\\\n    && rm -rf /var/lib/apt/lists/*\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3009\n"
                       "https://docs.docker.com/build/building/best-practices/#apt-get\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

bool is_apt_update(const RunCommand& c) {
    const std::optional<PackageCommand> pc = read_package_command(c.command);
    return pc &&
           (pc->manager == PackageManager::AptGet || pc->manager == PackageManager::Apt ||
            pc->manager == PackageManager::Aptitude) &&
           pc->subcommand() == "update";
}

class AptGetListsNotDeleted final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }

    void check(const Instruction& ins, Context& context) override {
        if (!context.stage())
            return;
        const RunCommands commands(context.file(), ins);
        const std::vector<const RunCommand*> ordered = commands_in_run_order(ins, commands);
        const RunCommand* update = first_not_cleaned_up(ordered, is_apt_update, [](const RunCommand& c) {
            return cleans_cache(c.command, PackageManager::AptGet);
        });
        if (!update || has_cache_mount(ins, context.model().scope_at(context.index()), lists_dir))
            return;
        const std::optional<PackageCommand> pc = read_package_command(update->command);
        found_.push_back({pc->head(), *context.stage(), pc->label()});
    }

    void end_file(Context& context) override {
        const std::vector<bool> carried = stages_carrying(context.file(), context.model(), lists_dir);
        for (const Finding& f : found_) {
            if (f.stage >= carried.size() || !carried[f.stage])
                continue;
            context.report(f.range, "Delete the apt-get lists after installing something: `" + f.label +
                                        "` is not followed by `rm -rf /var/lib/apt/lists/*` in the same RUN");
        }
    }

private:
    struct Finding {
        TextRange range;
        std::size_t stage;
        std::string label;
    };
    std::vector<Finding> found_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3009, drydock::rules::rule_meta, drydock::rules::AptGetListsNotDeleted)
