// DL3019: `apk add` without `--no-cache`.

#include "package_fixes.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3019",
    .name = "apk-no-cache",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary =
        "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` "
        "when done installing packages",
    .docs =
        {.what =
             "Reports an `apk add` without `--no-cache` (before or after `add`). Not reported for `apk add "
             "--no-network`, which downloads nothing (the docker-library images use it to register run-time "
             "dependencies that are already installed), nor when the cache cannot reach the layer: a "
             "`--mount=type=cache` or `--mount=type=tmpfs` of the `RUN` "
             "has its target at `/var/cache/apk` or `/etc/apk/cache` (or an ancestor), or the same `RUN` "
             "removes `/var/cache/apk` (`rm -rf /var/cache/apk/*`) after the `apk add` — a removal that "
             "runs before it does not count. Shell-form commands, heredoc bodies, exec form and `ONBUILD "
             "RUN` are checked.",
         .why = "Without `--no-cache`, apk stores the repository indexes it downloads (and, with a cache "
                "configured, the packages) under `/var/cache/apk`, where they stay in the layer although "
                "nothing needs them at run time. `--no-cache` fetches fresh indexes and keeps nothing, so "
                "`apk update` / `--update` and the cleanup become unnecessary.",
         .bad = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
         .good = "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
         .fix_safety =
             "Safe: `--no-cache` is inserted right after `add` (as a JSON element in exec form). apk then "
             "reads fresh indexes from the same repositories instead of a cached copy and installs the same "
             "packages; only nothing is written to `/var/cache/apk`. No fix when the `RUN` has "
             "`--network=none`: without a network, apk can only use indexes cached earlier.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3019\n"
                       "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
};

bool is_apk_add(const RunCommand& c) {
    const std::optional<PackageCommand> pc = read_package_command(c.command);
    return pc && pc->manager == PackageManager::Apk && pc->subcommand() == "add" &&
           !pc->has_option({"no-cache", "no-network"});
}

class ApkNoCache final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        const RunCommands& commands = run_commands(context, ins);
        const std::vector<const RunCommand*> ordered = commands_in_run_order(ins, commands);
        if (std::none_of(ordered.begin(), ordered.end(), [](const RunCommand* c) { return is_apk_add(*c); }))
            return;
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        for (std::string_view dir : cache_directories(PackageManager::Apk))
            if (has_cache_mount(ins, scope, dir))
                return;
        // Every `apk add` without `--no-cache` that no removal of the cache follows.
        std::size_t last_cleanup = 0;
        bool cleaned = false;
        for (std::size_t i = 0; i < ordered.size(); ++i)
            if (cleans_cache(ordered[i]->command, PackageManager::Apk)) {
                last_cleanup = i;
                cleaned = true;
            }
        const Flag* network = ins.flag("network");
        const bool offline = network && network->value && network->value->value == "none";
        for (std::size_t i = 0; i < ordered.size(); ++i) {
            if ((cleaned && i < last_cleanup) || !is_apk_add(*ordered[i]))
                continue;
            const std::optional<PackageCommand> pc = read_package_command(ordered[i]->command);
            std::optional<Fix> fix;
            if (!offline)
                fix = insert_option(*ordered[i], pc->operands.front(), "--no-cache", "Add --no-cache");
            context.report(pc->head(),
                           "Use the `--no-cache` switch to avoid the need to use `--update` and "
                           "remove `/var/cache/apk/*` when done installing packages",
                           std::move(fix));
        }
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3019, drydock::rules::rule_meta, drydock::rules::ApkNoCache)
