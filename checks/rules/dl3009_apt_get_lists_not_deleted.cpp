// DL3009: `apt-get update` without deleting the package lists afterwards in the same RUN.

#include "language_packages.hpp"
#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <array>
#include <iterator>
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
    .fix = FixAvailability::Sometimes,
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
         .fix_safety =
             "`rm -rf /var/lib/apt/lists/*` is appended to the end of the script that runs the last apt "
             "command of the `RUN`: ` && rm -rf /var/lib/apt/lists/*` at the end of the command line (on a "
             "new continuation line in the file's own style when the `RUN` spans lines), or a new last line "
             "of a heredoc body. Nothing in the `RUN` runs after it.\n\n"
             "Safe only when nothing later needs these lists: no later `RUN` of the stage, of a stage built "
             "`FROM` it (directly or not), and no `ONBUILD RUN` of those stages runs `apt-get install` (or "
             "any other apt command that reads the lists, `apt-cache` included) before an `apt-get update` "
             "of its own, or before another `RUN` refreshed the lists. Otherwise no fix is offered: that "
             "later install would fail with `Unable to locate package` (the bug of Parfum's repair). The fix "
             "is unsafe when what runs later cannot be read: a shell script file (`./install.sh`, `bash "
             "setup.sh`), `eval` or `sh -c`, a non-POSIX `SHELL`, a `COPY --from` that takes the lists out "
             "of the stage; and for an `ONBUILD RUN`, whose later instructions are in another Dockerfile. No "
             "fix in exec form, when the script ends in the background, with `;`, inside `if`/`for`/a "
             "subshell or with `exit`, or when apt runs through `sudo`/`doas` (the `RUN` then runs as a user "
             "that could not delete the lists), nor when a `--mount` of the `RUN` has its target inside the "
             "lists folder (`rm` cannot remove a mount point and would fail) or a target given by a "
             "variable.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3009\n"
                       "https://docs.docker.com/build/building/best-practices/#apt-get\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

bool is_apt(const PackageCommand& pc) {
    return pc.manager == PackageManager::AptGet || pc.manager == PackageManager::Apt ||
           pc.manager == PackageManager::Aptitude;
}

bool is_apt_update(const RunCommand& c) {
    const std::optional<PackageCommand> pc = read_package_command(c.command);
    return pc && is_apt(*pc) && pc->subcommand() == "update";
}

// Whether apt reads its package lists to run `command`: every apt-cache query, and every apt-get/apt/
// aptitude subcommand except the ones that only download the lists, clean caches or remove installed
// packages (the official images run `apt-get purge --auto-remove` after deleting the lists).
bool reads_apt_lists(const shell::Command& command) {
    if (command.name() == "apt-cache")
        return true;
    static constexpr std::array<std::string_view, 12> without_lists = {
        "",           "update", "clean", "autoclean",  "auto-clean",  "distclean",
        "dist-clean", "remove", "purge", "autoremove", "auto-remove", "autopurge"};
    const std::optional<PackageCommand> pc = read_package_command(command);
    return pc && is_apt(*pc) &&
           std::find(without_lists.begin(), without_lists.end(), pc->subcommand()) == without_lists.end();
}

// Whether `command` runs a shell script file, whose commands cannot be read here: `./install.sh`,
// `/tmp/setup.sh`, or a shell given a file (`bash setup.sh`). Such scripts are where a Dockerfile hides an
// `apt-get install` that relies on lists an earlier RUN downloaded; other programs run by their path
// (`./configure`, `/venv/bin/pip`) do not install system packages.
bool runs_shell_script(const shell::Command& command) {
    if (command.words.empty())
        return false;
    if (command.name().ends_with(".sh"))
        return true;
    static constexpr std::array<std::string_view, 6> shells = {"sh", "bash", "dash", "ash", "zsh", "ksh"};
    return std::find(shells.begin(), shells.end(), command.name()) != shells.end() &&
           !command.operands().empty();
}

// What runs after the fixed RUN does with the package lists that the fix would delete.
enum class LaterUse { None, Unknown, Reads };

// What LaterListsUse needs about the stages, read once per file rather than once per finding (a file with
// thousands of `apt-get update` RUNs made every one of them walk every instruction).
struct StageLinks {
    std::vector<std::vector<std::size_t>> children; // per stage: the stages built FROM it
    // Per stage: whether a COPY --from takes the lists out of it or out of a stage built on it.
    std::vector<bool> lists_copied_out;

    StageLinks(const Dockerfile& file, const SemanticModel& model)
        : children(model.stages().size()), lists_copied_out(model.stages().size(), false) {
        for (const Stage& s : model.stages())
            if (s.base_stage && *s.base_stage < children.size())
                children[*s.base_stage].push_back(s.index);
        for (const Instruction& ins : file.instructions) {
            const std::optional<std::size_t> source = copy_source_stage(ins, model);
            if (!source || !copies_directory(ins, lists_dir))
                continue;
            // The source and every stage it builds on.
            for (std::optional<std::size_t> s = source; s && !lists_copied_out[*s];
                 s = model.stages()[*s].base_stage)
                lists_copied_out[*s] = true;
        }
    }
};

// StageLinks, built on first use.
struct StageLinksMemo {
    std::optional<StageLinks> links;
};

// Follows the lists of the fixed RUN through the instructions that run after it: in its stage, in the stages
// built FROM that stage (directly or not) and in their ONBUILD triggers. The lists stop being the fixed RUN's
// once an `apt-get update` refreshes them or a removal deletes them; a command that reads them before that
// would fail once they are deleted.
class LaterListsUse {
public:
    explicit LaterListsUse(const Context& context)
        : file_(context.file()), model_(context.model()), links_(links(context)) {}

    // For the RUN at instruction `index` of `stage` (`in_onbuild`: the trigger of the ONBUILD there).
    LaterUse after(std::size_t stage, std::size_t index, bool in_onbuild) {
        const Stage& s = model_.stages()[stage];
        bool theirs = true;
        if (!in_onbuild)
            for (std::size_t i = index + 1; i < s.end && theirs; ++i)
                follow(file_.instructions[i], theirs);
        follow_descendants(stage, in_onbuild ? index : s.from, theirs);
        // A COPY --from that takes the lists out of the stage (or one built on it) puts them where their
        // readers are not followed.
        if (links_.lists_copied_out[stage])
            raise(LaterUse::Unknown);
        return use_;
    }

private:
    static const StageLinks& links(const Context& context) {
        StageLinksMemo& memo = context.cache<StageLinksMemo>();
        if (!memo.links)
            memo.links.emplace(context.file(), context.model());
        return *memo.links;
    }

    // The ONBUILD triggers of `stage` after instruction `after` (they run in every build FROM the stage),
    // then each stage built FROM it, each starting from the same lists. Once the lists are no longer the
    // fixed RUN's, nothing later can read them.
    void follow_descendants(std::size_t stage, std::size_t after, bool theirs) {
        if (!theirs)
            return;
        const Stage& s = model_.stages()[stage];
        for (std::size_t i = after + 1; i < s.end && theirs; ++i) {
            const Instruction& ins = file_.instructions[i];
            if (ins.is(InstructionKind::Onbuild) && !ins.trigger.empty() &&
                ins.trigger.front().is(InstructionKind::Run))
                follow_run(ins.trigger.front(), theirs);
        }
        for (const std::size_t child_index : links_.children[stage]) {
            const Stage& child = model_.stages()[child_index];
            bool child_theirs = theirs;
            for (std::size_t i = child.from + 1; i < child.end && child_theirs; ++i)
                follow(file_.instructions[i], child_theirs);
            follow_descendants(child.index, child.from, child_theirs);
        }
    }

    void follow(const Instruction& ins, bool& theirs) {
        if (ins.is(InstructionKind::Run))
            follow_run(ins, theirs);
    }

    void follow_run(const Instruction& run, bool& theirs) {
        if (!theirs)
            return;
        const RunCommands commands(file_, run);
        if (!commands.known()) {
            raise(LaterUse::Unknown); // a non-POSIX SHELL: its commands are not modelled
            return;
        }
        if (std::any_of(commands.scripts().begin(), commands.scripts().end(),
                        [](const RunScript& s) { return s.script->uses_eval; }))
            raise(LaterUse::Unknown); // `eval`, `sh -c "…"`: commands hidden in strings
        for (const RunCommand* c : commands_in_run_order(run, commands)) {
            if (is_apt_update(*c) || cleans_cache(c->command, PackageManager::AptGet)) {
                theirs = false;
                return;
            }
            if (reads_apt_lists(c->command)) {
                raise(LaterUse::Reads);
                return;
            }
            if (runs_shell_script(c->command))
                raise(LaterUse::Unknown);
        }
    }

    void raise(LaterUse use) { use_ = std::max(use_, use); }

    const Dockerfile& file_;
    const SemanticModel& model_;
    const StageLinks& links_;
    LaterUse use_ = LaterUse::None;
};

// `rm -rf /var/lib/apt/lists/*` at the end of the script that runs the RUN's last apt command, when nothing
// later reads the lists it deletes.
std::optional<Fix> lists_fix(const Context& context, const Instruction& ins,
                             const std::vector<const RunCommand*>& ordered) {
    // A mount point inside the lists (`--mount=type=cache,target=/var/lib/apt/lists/partial`) cannot be
    // removed: `rm -rf` would fail, and the RUN with it.
    for (const RunMount& mount : run_mounts(ins))
        if (mount.target.find('$') != std::string::npos ||
            (path_covers(lists_dir, mount.target) && !path_covers(mount.target, lists_dir)))
            return std::nullopt;
    const LaterUse later =
        LaterListsUse(context).after(*context.stage(), context.index(), context.in_onbuild());
    if (later == LaterUse::Reads)
        return std::nullopt;
    std::vector<const RunCommand*> uses;
    std::copy_if(ordered.begin(), ordered.end(), std::back_inserter(uses),
                 [](const RunCommand* c) { return is_apt_update(*c) || reads_apt_lists(c->command); });
    if (later == LaterUse::Unknown || context.in_onbuild())
        return append_cleanup(context.file(), ins, uses, "rm -rf /var/lib/apt/lists/*",
                              "Delete the apt lists at the end of the RUN (later instructions are not all "
                              "known to run without them)",
                              Applicability::Unsafe);
    return append_cleanup(context.file(), ins, uses, "rm -rf /var/lib/apt/lists/*",
                          "Delete the apt lists at the end of the RUN");
}

class AptGetListsNotDeleted final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }

    void check(const Instruction& ins, Context& context) override {
        if (!context.stage())
            return;
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<const RunCommand*> ordered = commands_in_run_order(ins, commands);
        const RunCommand* update = first_not_cleaned_up(ordered, is_apt_update, [](const RunCommand& c) {
            return cleans_cache(c.command, PackageManager::AptGet);
        });
        if (!update || has_cache_mount(ins, context.model().scope_at(context.index()), lists_dir))
            return;
        const std::optional<PackageCommand> pc = read_package_command(update->command);
        found_.push_back({pc->head(), *context.stage(), pc->label(), lists_fix(context, ins, ordered)});
    }

    void end_file(Context& context) override {
        const std::vector<bool> carried = stages_carrying(context.file(), context.model(), lists_dir);
        for (const Finding& f : found_) {
            if (f.stage >= carried.size() || !carried[f.stage])
                continue;
            context.report(f.range,
                           "Delete the apt-get lists after installing something: `" + f.label +
                               "` is not followed by `rm -rf /var/lib/apt/lists/*` in the same RUN",
                           f.fix);
        }
    }

private:
    struct Finding {
        TextRange range;
        std::size_t stage;
        std::string label;
        std::optional<Fix> fix;
    };
    std::vector<Finding> found_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3009, drydock::rules::rule_meta, drydock::rules::AptGetListsNotDeleted)
