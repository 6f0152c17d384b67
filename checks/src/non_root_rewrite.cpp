#include "non_root_rewrite.hpp"

#include "fix_builders.hpp"
#include "image_users.hpp"
#include "instruction_placement.hpp"
#include "shell_queries.hpp"
#include "stage_uses.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

// Who the container should run as.
struct Target {
    int uid = 10001;
    int gid = 10001;
    std::string name = "app";
};

Target configured_target(const Config& config) {
    Target target;
    target.uid = config.non_root_uid.value_or(10001);
    target.gid = config.non_root_gid.value_or(config.non_root_uid ? target.uid : 10001);
    target.name = config.non_root_user.value_or("app");
    return target;
}

// A user that a RUN of the stage's lineage creates (`useradd -u 1001 web`): the Dockerfile meant to run as
// it and forgot the USER.
struct CreatedUser {
    std::string name;
    std::optional<std::string> uid; // when given as a number
};

bool is_number(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<CreatedUser> created_user(const Dockerfile& file, const SemanticModel& model,
                                        std::size_t stage) {
    std::optional<CreatedUser> found;
    for (const std::size_t s : stage_lineage(model, stage)) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.from + 1; i < st.end; ++i) {
            const Instruction& ins = file.instructions[i];
            if (!ins.is(InstructionKind::Run))
                continue;
            const RunCommands commands(file, ins);
            for (const RunCommand& run : commands.all()) {
                const shell::Command& command = run.command;
                const bool useradd = command.name() == "useradd";
                if (!useradd && command.name() != "adduser")
                    continue;
                const std::vector<shell::Word> operands =
                    useradd ? command.operands({"u", "uid",      "g", "gid",          "G", "groups",
                                                "d", "home-dir", "s", "shell",        "c", "comment",
                                                "k", "skel",     "K", "key",          "e", "expiredate",
                                                "f", "inactive", "p", "password",     "R", "root",
                                                "P", "prefix",   "Z", "selinux-user", "b", "base-dir"})
                            : command.operands({"uid", "gid", "home", "shell", "gecos", "ingroup", "firstuid",
                                                "lastuid", "conf", "h", "g", "s", "G", "u", "k"});
                if (operands.empty() || operands.front().dynamic)
                    continue;
                CreatedUser user{useradd ? operands.back().value : operands.front().value, std::nullopt};
                std::optional<shell::Word> uid = command.flag_value("u");
                if (!uid)
                    uid = command.flag_value("uid");
                if (uid && is_number(uid->value))
                    user.uid = uid->value;
                found = std::move(user);
            }
        }
    }
    return found;
}

// The commands that create the user and group in an image of `family`, as continuation lines of one RUN.
std::vector<std::string> user_creation(DistroFamily family, const Target& t) {
    switch (family) {
    case DistroFamily::Debian:
        return {fmt::format("groupadd --system --gid {} {}", t.gid, t.name),
                fmt::format("useradd --system --uid {} --gid {} --no-log-init --no-create-home "
                            "--home-dir /nonexistent --shell /usr/sbin/nologin {}",
                            t.uid, t.name, t.name)};
    case DistroFamily::Rhel:
        return {fmt::format("groupadd --system --gid {} {}", t.gid, t.name),
                fmt::format("useradd --system --uid {} --gid {} --no-log-init --no-create-home "
                            "--home-dir /nonexistent --shell /sbin/nologin {}",
                            t.uid, t.name, t.name)};
    case DistroFamily::Alpine:
        return {fmt::format("addgroup -S -g {} {}", t.gid, t.name),
                fmt::format("adduser -S -D -H -u {} -G {} -h /nonexistent -s /sbin/nologin {}", t.uid, t.name,
                            t.name)};
    default:
        return {};
    }
}

// The literal paths the stage's VOLUME instructions declare: the app writes there, so they must be its own.
std::vector<std::string> volume_paths(const Dockerfile& file, const Stage& stage) {
    std::vector<std::string> out;
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (!ins.is(InstructionKind::Volume))
            continue;
        for (const Word& word : ins.arguments)
            if (!word.value.empty() && word.value.front() == '/' &&
                word.value.find_first_of("$ \t'\"\\") == std::string::npos)
                out.push_back(word.value);
    }
    return out;
}

// Whether the absolute path `path` is `folder` or lies under it.
bool within(std::string_view path, std::string_view folder) {
    while (folder.size() > 1 && folder.back() == '/')
        folder.remove_suffix(1);
    return path == folder || (path.starts_with(folder) && path.size() > folder.size() &&
                              (path[folder.size()] == '/' || folder == "/"));
}

// `--chown=uid:gid` for the COPY and ADD instructions from `offset` on (after the user switch) that put files
// into a declared volume: the app writes there, and COPY makes root the owner whatever the USER.
std::vector<Edit> chown_copies_into_volumes(const Dockerfile& file, const Stage& stage, TextSize offset,
                                            const std::vector<std::string>& volumes, int uid, int gid) {
    std::vector<Edit> out;
    if (volumes.empty())
        return out;
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if ((!ins.is(InstructionKind::Copy) && !ins.is(InstructionKind::Add)) ||
            ins.line_range.begin < offset || ins.arguments.size() < 2 || ins.flag("chown"))
            continue;
        const std::string& destination = ins.arguments.back().value;
        const bool into_volume = std::any_of(volumes.begin(), volumes.end(), [&](const std::string& volume) {
            return within(destination, volume);
        });
        if (into_volume)
            out.push_back(insert_at(ins.keyword.range.end, fmt::format(" --chown={}:{}", uid, gid)));
    }
    return out;
}

// Where the user switch goes: after the last RUN of the stage (the last step that may need root), else
// before its first CMD or ENTRYPOINT (with their comments), else at the stage's end.
struct Anchor {
    TextSize offset = 0;
    const Instruction* last_run = nullptr; // the RUN the switch follows
    const Instruction* before = nullptr;   // the instruction just before the offset
};

Anchor anchor(const Dockerfile& file, const Stage& stage) {
    for (std::size_t i = stage.end; i > stage.from + 1; --i) {
        const Instruction& ins = file.instructions[i - 1];
        if (ins.is(InstructionKind::Run))
            return {ins.line_range.end, &ins, &ins};
    }
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.is(InstructionKind::Cmd) || ins.is(InstructionKind::Entrypoint))
            return {start_with_comments(file, i), nullptr, &file.instructions[i - 1]};
    }
    const Instruction& last = file.instructions[stage.end - 1];
    return {last.line_range.end, nullptr, &last};
}

// Whether `instruction` is the last of the file and ends in a line continuation: BuildKit would read lines
// added after it as part of it.
bool continues_into_end(const Dockerfile& file, const Instruction& instruction) {
    // Any continuation counts: comment lines inside the instruction can follow its last one.
    return instruction.line_range.end == file.source.size() && !instruction.continuations.empty();
}

// The user-creating `commands` joined to `run` with `&&` on continuation lines in the file's style (one
// layer, and no DL3059 for two short RUNs in a row), when `run` is a plain shell-form RUN of at most two
// programs; nullopt otherwise.
std::optional<Edit> join_to_run(const Dockerfile& file, const Instruction& run,
                                const std::vector<std::string>& commands) {
    if (!run.flags.empty() || run.json_form || !run.heredocs.empty() || !run.command || !run.command->script)
        return std::nullopt;
    const RunCommands parsed(file, run);
    if (!parsed.known() || parsed.program_count() > 2)
        return std::nullopt;
    const std::optional<TextSize> end = command_line_end(file, run, *run.command->script);
    if (!end)
        return std::nullopt;
    const std::string joiner = continuation_joiner(file, continuation_style(file), *end);
    std::string text;
    for (const std::string& command : commands)
        text += joiner + command;
    return insert_at(*end, std::move(text));
}

Fix display_only(std::string title) {
    return Fix{std::move(title), {}, Applicability::DisplayOnly};
}

} // namespace

Fix non_root_fix(const Context& context, std::size_t stage_index, std::string_view image) {
    const Dockerfile& file = context.file();
    const SemanticModel& model = context.model();
    const Stage& stage = model.stages()[stage_index];
    const Instruction& from = file.instructions[stage.from];
    const std::string_view casing = from.keyword.value;
    const std::string run = cased_like("RUN", casing);
    const std::string user = cased_like("USER", casing);
    const DistroFamily family = distro_family(image);
    const Anchor at = anchor(file, stage);
    const TextSize offset = at.offset;
    const std::string_view terminator = line_terminator_at(file.source, offset);
    if (at.before && offset == file.source.size() && continues_into_end(file, *at.before))
        return display_only(
            "The last instruction ends with a line continuation: end it, then add `USER` after "
            "the steps that need root");
    std::optional<Edit> joined; // the user creation, joined to the last RUN
    std::vector<Edit> chowns;   // COPY --chown into declared volumes
    const std::vector<std::string> volumes = volume_paths(file, stage);

    std::vector<std::string> lines;
    std::string title;
    if (const std::optional<CreatedUser> created = created_user(file, model, stage_index)) {
        lines.push_back(user + " " + created->uid.value_or(created->name));
        title = "Run as `" + created->name + "`, the user the Dockerfile creates";
    } else if (image_server_needs_root(image)) {
        return display_only(
            "`" + std::string(image) +
            "` starts its server as root (port 80, pid file): switch to its unprivileged "
            "variant (`nginxinc/nginx-unprivileged`, which listens on 8080) rather than adding "
            "a USER");
    } else if (const std::optional<ImageUser> known = image_app_user(image)) {
        lines.push_back(fmt::format("{} {}:{}", user, known->uid, known->gid));
        chowns = chown_copies_into_volumes(file, stage, offset, volumes, known->uid, known->gid);
        title = fmt::format("Run as the image's own `{}` user ({}:{})", known->name, known->uid, known->gid);
    } else {
        const Target target = configured_target(context.config());
        const std::string numeric = fmt::format("{} {}:{}", user, target.uid, target.gid);
        switch (family) {
        case DistroFamily::Scratch:
        case DistroFamily::RhelMinimal:
            // No passwd tools (or no passwd at all): a numeric USER needs no /etc/passwd entry.
            lines.push_back(numeric);
            title =
                fmt::format("Run as UID {} (numeric: the image has no tools to create a user)", target.uid);
            break;
        case DistroFamily::Debian:
        case DistroFamily::Rhel:
        case DistroFamily::Alpine: {
            std::vector<std::string> commands = user_creation(family, target);
            for (const std::string& path : volumes)
                commands.push_back(
                    fmt::format("mkdir -p {0} && chown -R {1}:{2} {0}", path, target.uid, target.gid));
            chowns = chown_copies_into_volumes(file, stage, offset, volumes, target.uid, target.gid);
            if (commands.size() <= 2 && at.last_run)
                joined = join_to_run(file, *at.last_run, commands);
            if (!joined) {
                std::string line = run + " " + commands.front();
                for (std::size_t i = 1; i < commands.size(); ++i)
                    line +=
                        std::string(" ") + file.escape + std::string(terminator) + "    && " + commands[i];
                lines.push_back(std::move(line));
            }
            lines.push_back(numeric);
            title = fmt::format("Create the system user `{}` ({}:{}) and run as it", target.name, target.uid,
                                target.gid);
            break;
        }
        case DistroFamily::Distroless:
            lines.push_back(fmt::format("{} 65532:65532", user));
            title = "Run as distroless's `nonroot` user (65532:65532)";
            break;
        case DistroFamily::Unknown:
            return display_only("Cannot tell how to create a user in `" + std::string(image) +
                                "`: create one with the image's own tools and add `USER <uid>:<gid>` after "
                                "the steps that need root");
        }
    }
    LineInsertion insertion = insert_lines(file, offset, lines);
    std::vector<Edit> edits;
    if (joined && joined->range.begin == insertion.offset && joined->range.empty())
        insertion.text =
            joined->replacement + insertion.text; // both at the end of a file without a last newline
    else if (joined)
        edits.push_back(*joined);
    edits.push_back(insert_at(insertion.offset, std::move(insertion.text)));
    edits.insert(edits.end(), chowns.begin(), chowns.end());
    return Fix{std::move(title), std::move(edits), Applicability::Unsafe};
}

} // namespace drydock::rules
