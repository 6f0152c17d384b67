// DL3060: `yarn install` leaves yarn's cache in the image.

#include "fix_builders.hpp"
#include "instruction_queries.hpp"
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
    .fix = FixAvailability::Sometimes,
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
         .fix_safety =
             "`yarn cache clean` is appended to the end of the script that runs the last uncleaned install: "
             "` && yarn cache clean` at the end of the command line (on a new continuation line in the "
             "file's own style when the `RUN` spans lines), or a new line at the end of a heredoc body. It "
             "runs only when everything before it succeeded, and after every command of the script, so "
             "nothing that still needs the cache runs later. No fix when the script ends inside "
             "`if`/`for`/a subshell or in the background, ends with `;`, is exec form, when installs run "
             "both in the command line and in a heredoc, or when an install uses its own cache folder "
             "(`--cache-folder`, `YARN_CACHE_FOLDER=`) or runs as another user through `sudo`/`doas`: a "
             "plain `yarn cache clean` would clean another cache.\n\nSafe for Yarn 1, the yarn that the "
             "official node images ship. Yarn 2+ (Berry) with Plug'n'Play loads packages from its cache at "
             "run time, so cleaning it breaks the application: when the Dockerfile shows Yarn 2+ "
             "(`corepack`, `yarn set version`, `yarn dlx`, `yarn workspaces focus`, `--immutable`, a copied "
             "`.yarnrc.yml`, `.yarn/` or `.pnp.cjs`, `YARN_NODE_LINKER` and other Berry settings in "
             "`ENV`/`ARG`) the fix is unsafe. A Berry project that arrives unseen with `COPY . .` is not "
             "detected.",
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

// Signs that the project uses Yarn 2+ (Berry), whose Plug'n'Play linker loads packages from the cache.
bool is_berry_command(const shell::Command& command) {
    if (command.name() == "corepack")
        return true;
    if (command.name() != "yarn")
        return false;
    const std::vector<shell::Word> operands = yarn_operands(command);
    const auto first_is = [&](std::string_view a, std::string_view b = {}) {
        return !operands.empty() && operands[0].value == a &&
               (b.empty() || (operands.size() >= 2 && operands[1].value == b));
    };
    return first_is("set", "version") || first_is("dlx") || first_is("workspaces", "focus") ||
           first_is("plugin") || command.has_any_flag({"immutable", "immutable-cache", "check-cache"});
}

bool is_berry_file(std::string_view path) {
    while (path.ends_with("/"))
        path.remove_suffix(1);
    const std::size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return name == ".yarnrc.yml" || name == ".yarn" || name.starts_with(".pnp.") ||
           path.find(".yarn/") != std::string_view::npos;
}

bool is_berry_setting(std::string_view name) {
    return name == "YARN_NODE_LINKER" || name.starts_with("YARN_ENABLE_") || name.starts_with("YARN_PNP") ||
           name.starts_with("YARN_NPM_") || name == "YARN_YARN_PATH";
}

bool shows_berry(const Dockerfile& file, const Instruction& ins) {
    if (ins.is(InstructionKind::Run)) {
        const RunCommands commands(file, ins);
        return std::any_of(commands.all().begin(), commands.all().end(),
                           [](const RunCommand& c) { return is_berry_command(c.command); });
    }
    if (ins.is(InstructionKind::Copy) || ins.is(InstructionKind::Add)) {
        const std::optional<CopyOperands> operands = copy_operands(ins);
        return operands && std::any_of(operands->sources.begin(), operands->sources.end(),
                                       [](const Word& source) { return is_berry_file(source.value); });
    }
    return std::any_of(ins.pairs.begin(), ins.pairs.end(),
                       [](const KeyValue& pair) { return is_berry_setting(pair.key.value); });
}

// Whether the Dockerfile shows Yarn 2+ anywhere (ONBUILD triggers included).
bool uses_berry(const Dockerfile& file) {
    return std::any_of(file.instructions.begin(), file.instructions.end(), [&](const Instruction& ins) {
        return shows_berry(file, ins) || (!ins.trigger.empty() && shows_berry(file, ins.trigger.front()));
    });
}

// Whether a plain `yarn cache clean` appended to the script cleans the cache this install filled: not when
// the install uses another cache folder, or runs as another user (whose cache is elsewhere).
bool cleaned_by_plain_clean(const shell::Command& install, const shell::Command& written) {
    if (install.has_any_flag({"cache-folder", "preferred-cache-folder"}))
        return false;
    const auto sets_folder = [](const shell::Word& word) {
        return word.value.starts_with("YARN_CACHE_FOLDER=");
    };
    if (std::any_of(written.assignments.begin(), written.assignments.end(), sets_folder) ||
        std::any_of(written.words.begin(), written.words.end(), sets_folder))
        return false;
    const std::string_view wrapper = written.name();
    return wrapper != "sudo" && wrapper != "doas";
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
        const RunCommands& commands = run_commands(context, ins);
        std::vector<std::size_t> pending; // installs not yet followed by a cleanup (indices into all())
        for (std::size_t i = 0; i < commands.all().size(); ++i) {
            const shell::Command& command = commands.all()[i].command;
            if (cleans_cache(command))
                pending.clear();
            else if (is_install(command) && !cache_folder_is_mounted(command, mounts))
                pending.push_back(i);
        }
        if (pending.empty())
            return;
        const std::optional<Fix> fix = clean_fix(context, ins, commands, pending);
        for (const std::size_t i : pending)
            report(commands.all()[i].command, context, fix);
    }

private:
    // `yarn cache clean` at the end of the script that runs the last pending install, so that it runs after
    // every install and after everything else the script does.
    std::optional<Fix> clean_fix(const Context& context, const Instruction& ins, const RunCommands& commands,
                                 const std::vector<std::size_t>& pending) {
        for (const std::size_t i : pending)
            if (!cleaned_by_plain_clean(commands.all()[i].command, commands.all()[i].written))
                return std::nullopt;
        // All in one script: a heredoc runs while the command line's program reading it runs, so between
        // the command line and a heredoc, "last" is not known from the text.
        const shell::Script* script = commands.all()[pending.back()].script;
        if (!script)
            return std::nullopt; // exec form
        for (const std::size_t i : pending)
            if (commands.all()[i].script != script)
                return std::nullopt;
        if (!berry_)
            berry_ = uses_berry(context.file());
        if (*berry_)
            return append_command(context.file(), ins, *script, "yarn cache clean",
                                  "Append yarn cache clean (Yarn 2+ with Plug'n'Play needs its cache)",
                                  Applicability::Unsafe);
        return append_command(context.file(), ins, *script, "yarn cache clean", "Append yarn cache clean");
    }

    // At `yarn install`, or at the `yarn` of a bare `yarn`.
    static void report(const shell::Command& yarn, Context& context, const std::optional<Fix>& fix) {
        const std::vector<shell::Word> operands = yarn_operands(yarn);
        const bool bare = operands.empty();
        context.report(bare ? yarn.words.front().range : span(yarn.words.front(), operands.front()),
                       std::string("`yarn cache clean` missing after `") + (bare ? "yarn" : "yarn install") +
                           "` was run",
                       fix);
    }

    std::optional<bool> berry_; // whether the file shows Yarn 2+, worked out at the first fix
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3060, drydock::rules::rule_meta, drydock::rules::YarnCacheClean)
