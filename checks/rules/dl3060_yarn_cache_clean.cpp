// DL3060: `yarn install` leaves yarn's cache in the image.

#include "language_packages.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3060",
    .name = "yarn-cache-clean",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .summary = "`yarn cache clean` missing after `yarn install` was run",
    .docs =
        {.what =
             "Reports a `yarn install` (also a bare `yarn`, which installs) that no `yarn cache clean` "
             "follows in the same `RUN`, in every command the `RUN` runs. A cleanup that runs *before* the "
             "install does not count; `rm -rf` of yarn's cache directory (`…/.cache/yarn`, `.yarn/cache`) "
             "counts as a cleanup. Only the final stage and stages that a later stage builds `FROM` are "
             "checked: a cache left in a build stage that is only copied from never reaches the image. "
             "`ONBUILD RUN` is always checked, since it runs in the images built from this one. Not "
             "reported when the cache is a BuildKit cache or tmpfs mount (`RUN "
             "--mount=type=cache,target=/usr/local/share/.cache/yarn`, any target ending in `.cache/yarn` "
             "or `.yarn/cache`, or the `--cache-folder` of the command).\n\n"
             "Unlike hadolint, a bare `yarn` counts as an install, cache mounts are honoured, and "
             "a `yarn cache clean` placed before the install does not count.",
         .why = "yarn keeps a copy of every package it downloads in its cache. In an image build that cache "
                "is never used again but stays in the layer, often doubling the size of `node_modules`. "
                "Clean it in the same `RUN` (a later `RUN` cannot shrink the earlier layer), or keep it in a "
                "cache mount.",
         .bad = "FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
         .good = "FROM node:20\nCOPY package.json yarn.lock ./\n"
                 "RUN yarn install --frozen-lockfile && yarn cache clean\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3060\n"
                       "https://classic.yarnpkg.com/en/docs/cli/cache"},
};

std::vector<shell::Word> yarn_operands(const shell::Command& yarn) {
    return yarn.operands({"cwd", "modules-folder", "cache-folder", "global-folder", "link-folder",
                          "preferred-cache-folder", "network-timeout", "network-concurrency", "mutex",
                          "registry", "use-yarnrc", "proxy", "https-proxy", "otp"});
}

// `yarn install …`, or `yarn` with only options (which installs too), but not `yarn --version`.
bool is_install(const shell::Command& command) {
    if (command.name() != "yarn")
        return false;
    const std::vector<shell::Word> operands = yarn_operands(command);
    if (operands.empty())
        return !command.has_any_flag({"v", "version", "h", "help"});
    return operands.front().value == "install";
}

bool is_yarn_cache_path(std::string_view path) {
    while (path.ends_with("/") || path.ends_with("*"))
        path.remove_suffix(1);
    return path.ends_with(".cache/yarn") || path.ends_with(".yarn/cache");
}

// `yarn cache clean`, or `rm` of yarn's cache directory.
bool cleans_cache(const shell::Command& command) {
    if (command.name() == "yarn") {
        const std::vector<shell::Word> operands = yarn_operands(command);
        return operands.size() >= 2 && operands[0].value == "cache" && operands[1].value == "clean";
    }
    if (command.name() != "rm")
        return false;
    const std::vector<shell::Word> operands = command.operands();
    return std::any_of(operands.begin(), operands.end(),
                       [](const shell::Word& word) { return is_yarn_cache_path(word.value); });
}

// Whether the command's `--cache-folder` is a cache or tmpfs mount of the RUN.
bool cache_folder_is_mounted(const shell::Command& yarn, const std::vector<RunMount>& mounts) {
    const std::optional<shell::Word> folder = yarn.flag_value("cache-folder");
    if (!folder)
        return false;
    return std::any_of(mounts.begin(), mounts.end(), [&](const RunMount& mount) {
        return (mount.type == "cache" || mount.type == "tmpfs") && !mount.target.empty() &&
               mount.target == folder->value;
    });
}

// Whether the stage ends up in an image: it is the last one, or a later stage builds FROM it.
bool reaches_image(const SemanticModel& model, std::size_t stage) {
    const std::vector<Stage>& stages = model.stages();
    if (stage + 1 == stages.size())
        return true;
    return std::any_of(stages.begin() + static_cast<std::ptrdiff_t>(stage) + 1, stages.end(),
                       [&](const Stage& later) { return later.base_stage == stage; });
}

class YarnCacheClean final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Run}; }
    void check(const Instruction& ins, Context& context) override {
        if (!context.in_onbuild() && (!context.stage() || !reaches_image(context.model(), *context.stage())))
            return;
        if (has_cache_mount(ins, {".cache/yarn", ".yarn/cache"}))
            return;
        const std::vector<RunMount> mounts = run_mounts(ins);
        const RunCommands commands(context.file(), ins);
        std::vector<const shell::Command*> pending; // installs not yet followed by a cleanup
        for (const RunCommand& run : commands.all()) {
            const shell::Command& command = run.command;
            if (cleans_cache(command))
                pending.clear();
            else if (is_install(command) && !cache_folder_is_mounted(command, mounts))
                pending.push_back(&command);
        }
        for (const shell::Command* install : pending)
            report(*install, context);
    }

private:
    // At `yarn install`, or at the `yarn` of a bare `yarn`.
    static void report(const shell::Command& yarn, Context& context) {
        const std::vector<shell::Word> operands = yarn_operands(yarn);
        const bool bare = operands.empty();
        context.report(bare ? yarn.words.front().range : span(yarn.words.front(), operands.front()),
                       std::string("`yarn cache clean` missing after `") + (bare ? "yarn" : "yarn install") +
                           "` was run");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3060, drydock::rules::rule_meta, drydock::rules::YarnCacheClean)
