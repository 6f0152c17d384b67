// The multi-stage rewrite: reads the single stage, asks multi_stage_artifacts what the runtime stage is made
// of, checks that what moves there still works there, and writes it as small edits. See
// multi_stage_rewrite.hpp.

#include "multi_stage_rewrite.hpp"

#include "image_users.hpp"
#include "instruction_placement.hpp"
#include "instruction_queries.hpp"
#include "multi_stage_artifacts.hpp"
#include "shell_queries.hpp"
#include "word_values.hpp"

#include <drydock/fixers/text_edits.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace drydock::rules {
namespace {

using multi_stage::Runtime;
using multi_stage::StageFacts;

std::string code_span(std::string_view text) {
    return "`" + std::string(text) + "`";
}

// Instructions that describe the running container: they move to the runtime stage.
bool describes_container(InstructionKind kind) {
    switch (kind) {
    case InstructionKind::Cmd:
    case InstructionKind::Entrypoint:
    case InstructionKind::Expose:
    case InstructionKind::Healthcheck:
    case InstructionKind::User:
    case InstructionKind::Stopsignal:
    case InstructionKind::Volume:
    case InstructionKind::Label:
    case InstructionKind::Maintainer:
        return true;
    default:
        return false;
    }
}

// ENV names that only configure a toolchain: the runtime stage does without them.
bool configures_toolchain(std::string_view name) {
    static constexpr std::array<std::string_view, 26> go = {
        "GOPATH",      "GOROOT",    "GOOS",    "GOARCH",     "GOFLAGS", "GOPROXY",     "GOPRIVATE",
        "GONOPROXY",   "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOCACHE", "GOMODCACHE",  "GOBIN",
        "GO111MODULE", "GOAMD64",   "GOARM",   "GOARM64",    "GO386",   "GOTOOLCHAIN", "GOEXPERIMENT",
        "GOWORK",      "GOTMPDIR",  "GOENV",   "GOVCS",      "GOAUTH"};
    if (std::find(go.begin(), go.end(), name) != go.end() || name == "RUSTFLAGS")
        return true;
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (const std::string_view prefix :
         {"CGO_", "CARGO_", "RUSTUP_", "MAVEN_", "GRADLE_", "NPM_CONFIG_", "PIP_"})
        if (upper.starts_with(prefix))
            return true;
    return false;
}

// The names of the variables the builder expands in `ins` (not CMD, ENTRYPOINT, HEALTHCHECK or RUN: their
// text goes to a shell at run time).
void collect_variables(const Dockerfile& file, const Instruction& ins, std::set<std::string>& names) {
    auto add = [&](const Word& word) {
        for (const VariableRef& ref : word.variables)
            names.insert(ref.name);
    };
    if (ins.is(InstructionKind::Cmd) || ins.is(InstructionKind::Entrypoint) ||
        ins.is(InstructionKind::Healthcheck) || ins.is(InstructionKind::Run))
        return;
    for (const Word& word : ins.arguments)
        add(word);
    for (const KeyValue& pair : ins.pairs) {
        add(pair.key);
        if (pair.value)
            add(*pair.value);
    }
    for (const Flag& flag : ins.flags)
        if (flag.value)
            add(with_variables(*flag.value, file.escape));
}

// A user name or number from USER or `--chown`, as `user[:group]`: whether the runtime image knows it.
// Numbers need no passwd entry; names must exist there.
bool runtime_knows_user(const RuntimeImage& runtime, std::string_view value) {
    auto known = [&](std::string_view name) {
        if (name.empty() ||
            std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); }))
            return true;
        if (name == "root" || name == "nobody")
            return true;
        if (runtime.image.find("nginx-unprivileged") != std::string::npos && name == "nginx")
            return true;
        const std::optional<ImageUser> user = image_app_user(runtime.image);
        return user && user->name == name;
    };
    const std::size_t colon = value.find(':');
    return known(value.substr(0, colon)) &&
           (colon == std::string_view::npos || known(value.substr(colon + 1)));
}

// Programs a RUN after the build may run without making the runtime stage need it: cleaning up.
bool only_cleans_up(const Dockerfile& file, const Instruction& run) {
    const RunCommands commands(file, run);
    if (!commands.known())
        return false;
    for (const RunCommand& command : commands.all()) {
        const std::string_view name = command.command.name();
        const std::vector<shell::Word> operands = command.command.operands();
        const std::string_view first = operands.empty() ? std::string_view() : operands.front().value;
        const bool cleans =
            name == "rm" || name == "true" ||
            ((name == "apt-get" || name == "apt") &&
             (first == "clean" || first == "purge" || first == "remove" || first == "autoremove")) ||
            (name == "apk" && first == "del") || ((name == "npm" || name == "yarn") && first == "cache") ||
            (name == "npm" && first == "prune") || ((name == "go" || name == "cargo") && first == "clean") ||
            (name == "pip" && first == "cache");
        if (!cleans)
            return false;
    }
    return true;
}

// The keyword of a generated line cased like the file's FROM (`COPY package*.json ./` -> `copy …` in a file
// written in lower case).
std::string cased_line(std::string_view line, std::string_view reference) {
    const std::size_t blank = line.find(' ');
    return cased_like(line.substr(0, blank), reference) +
           std::string(blank == std::string_view::npos ? std::string_view() : line.substr(blank));
}

struct Refusal {
    std::string why;
};

class Rewrite {
public:
    Rewrite(StageFacts& facts, Runtime& runtime) : facts_(facts), runtime_(runtime), file_(*facts.file) {}

    std::optional<Refusal> check_and_classify() {
        std::size_t last_run = facts_.from;
        std::size_t last_build = facts_.from;
        for (std::size_t i = facts_.from + 1; i < facts_.end; ++i)
            if (file_.instructions[i].is(InstructionKind::Run))
                last_run = i;
        for (const BuildCommand& build : facts_.builds)
            if (build.toolchain == facts_.toolchain)
                last_build = std::max(last_build, build.instruction);
        bool has_shell = false;
        for (std::size_t i = facts_.from + 1; i < facts_.end; ++i) {
            const Instruction& ins = file_.instructions[i];
            const std::string line = std::to_string(line_number(file_, ins.range.begin));
            has_shell = has_shell || ins.is(InstructionKind::Shell);
            if (ins.is(InstructionKind::Run) && i > last_build && !only_cleans_up(file_, ins))
                return Refusal{"the RUN on line " + line +
                               " runs after the build, and the runtime stage would not have what it makes"};
            if ((ins.is(InstructionKind::Copy) || ins.is(InstructionKind::Add)) && i > last_build &&
                std::find(runtime_.copies.begin(), runtime_.copies.end(), i) == runtime_.copies.end()) {
                if (runtime_.static_site)
                    return Refusal{"the " + std::string(keyword_name(ins.kind)) + " on line " + line +
                                   " adds files after the build of a static site"};
                runtime_.copies.push_back(i);
            }
            if (ins.is(InstructionKind::User) && i < last_run) {
                copied_users_.push_back(i); // the build runs as that user too
                continue;
            }
            if (describes_container(ins.kind))
                moved_.push_back(i);
        }
        std::sort(runtime_.copies.begin(), runtime_.copies.end());
        for (const std::size_t i : runtime_.copies)
            if (std::optional<Refusal> refusal = check_copy(i))
                return refusal;
        std::vector<std::size_t> users = copied_users_;
        for (const std::size_t i : moved_)
            if (file_.instructions[i].is(InstructionKind::User))
                users.push_back(i);
        for (const std::size_t i : users) {
            const Instruction& ins = file_.instructions[i];
            const std::optional<std::string> user =
                ins.arguments.empty() ? std::nullopt
                                      : default_value(ins.arguments.front(), facts_.model->scope_at(i));
            if (!user || !runtime_knows_user(runtime_.image, *user))
                return Refusal{"the user " +
                               code_span(user.value_or(ins.arguments.empty() ? "" : ins.arguments[0].raw)) +
                               " of USER is not known in " + code_span(runtime_.image.image)};
        }
        for (const std::size_t i : moved_)
            if (std::optional<Refusal> refusal = check_moved(file_.instructions[i], has_shell))
                return refusal;
        if (facts_.sets_workdir && !facts_.final_workdir)
            return Refusal{"the final WORKDIR is not known statically"};
        return std::nullopt;
    }

    Fix build() {
        const Instruction& from = file_.instructions[facts_.from];
        keyword_ = from.keyword.raw;
        eol_ = std::string(line_terminator_at(file_.source, from.range.begin));
        std::string build_name = "build";
        if (from.from && from.from->stage_name)
            build_name = from.from->stage_name->raw;
        else if (from.from)
            edits_.push_back(
                insert_at(from.from->image.word.range.end, " " + cased_like("AS", keyword_) + " build"));
        const std::string runtime_name = iequals(build_name, "runtime") ? "app" : "runtime";
        for (const Edit& edit : runtime_.builder_edits)
            edits_.push_back(edit);

        std::vector<std::string> lines;
        lines.push_back(cased_like("FROM", keyword_) + " " + runtime_.image.image + " " +
                        cased_like("AS", keyword_) + " " + runtime_name);
        for (std::string& line : variable_lines())
            lines.push_back(std::move(line));
        for (const std::string& line : runtime_.env)
            lines.push_back(cased_line(line, keyword_));
        if (!runtime_.packages.empty()) {
            std::string names;
            for (const std::string& package : runtime_.packages)
                names += " " + package;
            lines.push_back(cased_like("RUN", keyword_) +
                            (runtime_.image.distro == RuntimeDistro::Alpine
                                 ? " apk add --no-cache" + names
                                 : " apt-get update && apt-get install -y --no-install-recommends" + names +
                                       " && rm -rf /var/lib/apt/lists/*"));
        }
        if (facts_.sets_workdir && !runtime_.static_site)
            lines.push_back(cased_like("WORKDIR", keyword_) + " " + *facts_.final_workdir);
        for (const std::string& line : runtime_.before_copies)
            lines.push_back(cased_line(line, keyword_));
        for (const multi_stage::CopiedArtifact& artifact : runtime_.artifacts)
            lines.push_back(cased_like("COPY", keyword_) + " --from=" + build_name + " " + artifact.from +
                            " " + artifact.to);
        for (const std::size_t i : runtime_.copies)
            lines.push_back(std::string(file_.text(file_.instructions[i].range)));
        for (const std::size_t i : copied_users_)
            lines.emplace_back(file_.text(file_.instructions[i].range));
        bool exposed = false;
        for (const std::size_t i : moved_) {
            const Instruction& ins = file_.instructions[i];
            const TextSize begin = start_with_comments(file_, i);
            edits_.push_back(delete_range({begin, ins.line_range.end}));
            const std::string comments(file_.text({begin, ins.line_range.begin}));
            const bool starts = ins.is(InstructionKind::Cmd) || ins.is(InstructionKind::Entrypoint);
            std::string text;
            if (runtime_.static_site && starts) // nginx's own CMD serves the files
                text = comments;
            else if (runtime_.static_site && ins.is(InstructionKind::Expose))
                text = comments +
                       (exposed ? "" : std::string(ins.keyword.raw) + " " + std::string(static_site_port));
            else
                text = std::string(file_.text({begin, ins.range.end}));
            exposed = exposed || ins.is(InstructionKind::Expose);
            if (text.ends_with('\n')) // comment lines alone keep their own terminators
                text.resize(text.size() - eol_.size());
            if (!text.empty() || !comments.empty())
                lines.push_back(std::move(text));
        }
        append(lines);
        return Fix{"Split into a `" + build_name + "` stage on " + facts_.builder + " and a `" +
                       runtime_name + "` stage on " + runtime_.image.image,
                   with_claimed_starts(merged()), Applicability::Unsafe};
    }

private:
    std::optional<Refusal> check_copy(std::size_t index) const {
        const Instruction& ins = file_.instructions[index];
        const std::string line = std::to_string(line_number(file_, ins.range.begin));
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands || !ins.valid)
            return Refusal{"the " + std::string(keyword_name(ins.kind)) + " on line " + line +
                           " is not understood"};
        if (const Flag* chown = ins.flag("chown"); chown && chown->value) {
            const std::optional<std::string> owner =
                default_value(*chown->value, facts_.model->scope_at(index));
            if (!owner || !runtime_knows_user(runtime_.image, *owner))
                return Refusal{"the owner given by `--chown` on line " + line + " is not known in " +
                               code_span(runtime_.image.image)};
        }
        const std::string& dest = operands->destination->value;
        if (!dest.starts_with('/') && multi_stage::workdir_at(facts_, index) != facts_.final_workdir)
            return Refusal{"the " + std::string(keyword_name(ins.kind)) + " on line " + line +
                           " copies into a relative path under another WORKDIR than the final one"};
        return std::nullopt;
    }

    std::optional<Refusal> check_moved(const Instruction& ins, bool has_shell) const {
        const bool no_shell = runtime_.image.distro == RuntimeDistro::Distroless;
        const bool shell_form = ins.command && ins.command->form == CommandForm::Shell;
        const std::string keyword(keyword_name(ins.kind));
        if (ins.is(InstructionKind::Cmd) || ins.is(InstructionKind::Entrypoint)) {
            if (shell_form && no_shell && !runtime_.static_site)
                return Refusal{"the shell-form " + keyword + " needs a shell, which " +
                               code_span(runtime_.image.image) + " does not have"};
            if (shell_form && has_shell && !runtime_.static_site)
                return Refusal{"a SHELL instruction sets the shell of the shell-form " + keyword};
        }
        if (ins.is(InstructionKind::Healthcheck) && ins.command) {
            if (runtime_.static_site)
                return Refusal{"the HEALTHCHECK checks the original server, which the static site replaces"};
            if (shell_form && (no_shell || has_shell))
                return Refusal{"the shell-form HEALTHCHECK needs the build stage's shell"};
            std::string program;
            if (ins.command->form == CommandForm::Exec)
                program = ins.command->elements.empty() ? "" : ins.command->elements.front().value;
            else if (ins.command->script && !ins.command->script->commands.empty() &&
                     !ins.command->script->commands.front().words.empty())
                program = ins.command->script->commands.front().words.front().value;
            if (!runs_in_runtime(program))
                return Refusal{"the HEALTHCHECK runs " + code_span(program) + ", which " +
                               code_span(runtime_.image.image) + " does not have"};
        }
        return std::nullopt;
    }

    // Whether a program a moved instruction runs is in the runtime stage: a copied artifact, or the
    // interpreter of the runtime image, or a package it installs.
    bool runs_in_runtime(std::string_view program) const {
        for (const multi_stage::CopiedArtifact& artifact : runtime_.artifacts) {
            if (program == artifact.to || (program.find('/') == std::string_view::npos &&
                                           multi_stage::basename_of(artifact.to) == program &&
                                           on_default_path(multi_stage::dirname_of(artifact.to))))
                return true;
            if (facts_.final_workdir && !program.starts_with('/') &&
                multi_stage::join_path(*facts_.final_workdir, program) == artifact.to)
                return true;
        }
        if (std::find(runtime_.packages.begin(), runtime_.packages.end(), program) != runtime_.packages.end())
            return true;
        switch (facts_.toolchain) {
        case Toolchain::Node:
            return program == "node";
        case Toolchain::Maven:
        case Toolchain::Gradle:
            return program == "java";
        case Toolchain::Python:
            return program == "python" || program == "python3";
        case Toolchain::Dotnet:
            return program == "dotnet";
        default:
            return false;
        }
    }

    // The ARG and ENV instructions the runtime stage repeats, in their original order: the ENVs that are not
    // only toolchain settings, and every ARG or ENV that what the runtime stage holds refers to.
    std::vector<std::string> variable_lines() const {
        std::set<std::string> names;
        for (const std::size_t i : moved_) {
            const Instruction& ins = file_.instructions[i];
            if (!(runtime_.static_site && ins.is(InstructionKind::Expose))) // replaced by nginx's port
                collect_variables(file_, ins, names);
        }
        for (const std::size_t i : copied_users_)
            collect_variables(file_, file_.instructions[i], names);
        for (const std::size_t i : runtime_.copies)
            collect_variables(file_, file_.instructions[i], names);
        std::set<std::size_t> envs;
        for (bool grew = true; grew;) {
            grew = false;
            for (std::size_t i = facts_.from + 1; i < facts_.end; ++i) {
                const Instruction& ins = file_.instructions[i];
                if (!ins.is(InstructionKind::Env) || envs.count(i))
                    continue;
                // nginx reads no environment: a static site keeps only the ENVs the moved instructions use.
                const bool needed =
                    std::any_of(ins.pairs.begin(), ins.pairs.end(), [&](const KeyValue& pair) {
                        return (!configures_toolchain(pair.key.value) && !runtime_.static_site) ||
                               names.count(pair.key.value);
                    });
                if (needed) {
                    envs.insert(i);
                    collect_variables(file_, ins, names);
                    grew = true;
                }
            }
        }
        std::vector<std::string> out;
        for (std::size_t i = facts_.from + 1; i < facts_.end; ++i) {
            const Instruction& ins = file_.instructions[i];
            if (envs.count(i)) {
                out.emplace_back(file_.text(ins.range));
            } else if (ins.is(InstructionKind::Arg)) {
                std::string line;
                for (const KeyValue& pair : ins.pairs)
                    if (names.count(pair.key.value))
                        line += " " + std::string(file_.text(pair.range));
                if (!line.empty())
                    out.push_back(std::string(ins.keyword.raw) + line);
            }
        }
        return out;
    }

    // Appends the runtime stage at the end of the file, after a blank line; the last kept line gets its
    // terminator first when the file had none.
    void append(const std::vector<std::string>& lines) {
        const std::string& source = file_.source;
        const std::vector<Edit> edits = merged();
        // Walk back from the end of the file over what the edits delete. When the end of the file moved, the
        // blank lines that separated the moved instructions would pile up before the new stage: they go, and
        // the new stage gets the one blank line it always gets.
        const std::string blank = eol_ + eol_;
        TextSize end = static_cast<TextSize>(source.size());
        bool end_moved = false;
        for (bool changed = true; changed;) {
            changed = false;
            for (const Edit& edit : edits)
                if (edit.range.end == end && edit.range.begin < end && edit.replacement.empty()) {
                    end = edit.range.begin;
                    end_moved = changed = true;
                }
            if (end_moved && end >= blank.size() &&
                source.compare(end - blank.size(), blank.size(), blank) == 0) {
                edits_.push_back(delete_range({static_cast<TextSize>(end - eol_.size()), end}));
                end -= static_cast<TextSize>(eol_.size());
                changed = true;
            }
        }
        const std::string_view kept = std::string_view(source).substr(0, end);
        std::string text;
        if (!kept.empty() && !kept.ends_with('\n'))
            text += eol_;
        if (!kept.ends_with(blank))
            text += eol_; // the blank line between the stages
        for (const std::string& line : lines)
            text += line + eol_;
        edits_.push_back(insert_at(static_cast<TextSize>(source.size()), std::move(text)));
    }

    // `edits` with an empty insertion at the start of each range they replace. Another fix that inserts
    // there in the same pass (the non-root fix puts `USER` right above the start command, which moves) then
    // conflicts with this one and waits for the next pass, where it sees the runtime stage; without the claim
    // its text would land in the build stage, next to the moved block.
    static std::vector<Edit> with_claimed_starts(std::vector<Edit> edits) {
        std::vector<Edit> out;
        for (Edit& edit : edits) {
            if (!edit.range.empty() && (out.empty() || out.back().range.end != edit.range.begin))
                out.push_back(insert_at(edit.range.begin, {}));
            out.push_back(std::move(edit));
        }
        return out;
    }

    // The edits sorted, with touching ones joined (a deleted last line and the appended stage are one edit).
    std::vector<Edit> merged() const {
        std::vector<Edit> edits = edits_;
        std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
            return a.range.begin != b.range.begin ? a.range.begin < b.range.begin : a.range.end < b.range.end;
        });
        std::vector<Edit> out;
        for (Edit& edit : edits) {
            if (!out.empty() && out.back().range.end == edit.range.begin) {
                out.back().range.end = edit.range.end;
                out.back().replacement += edit.replacement;
            } else {
                out.push_back(std::move(edit));
            }
        }
        return out;
    }

    StageFacts& facts_;
    Runtime& runtime_;
    const Dockerfile& file_;
    std::vector<std::size_t> moved_;        // instructions moved to the runtime stage, with their comments
    std::vector<std::size_t> copied_users_; // USERs before the last RUN: they stay, and are repeated
    std::vector<Edit> edits_;
    std::string keyword_;
    std::string eol_;
};

} // namespace

MultiStagePlan plan_multi_stage(const Dockerfile& file, const SemanticModel& model,
                                const BuildCommand& first_build,
                                const std::optional<std::string>& build_context) {
    auto refuse = [](std::string why) { return MultiStagePlan{std::nullopt, std::move(why)}; };
    if (model.stages().size() != 1)
        return refuse("the Dockerfile has more than one stage");
    const Stage& stage = model.stages().front();
    StageFacts facts;
    facts.file = &file;
    facts.model = &model;
    facts.from = stage.from;
    facts.end = stage.end;
    facts.toolchain = first_build.toolchain;
    facts.build_context = build_context;
    const std::optional<std::string> builder = stage_base_image(file, model, 0);
    if (!builder || !file.instructions[stage.from].from)
        return refuse("the base image is not known statically");
    facts.builder = *builder;
    for (std::size_t i = stage.from; i < stage.end; ++i)
        if (!file.instructions[i].valid)
            return refuse("line " + std::to_string(line_number(file, file.instructions[i].range.begin)) +
                          " has a parse error");
    facts.builds = build_commands(file, model, 0);
    multi_stage::read_start(facts);
    for (std::size_t i = stage.from + 1; i < stage.end; ++i)
        facts.sets_workdir = facts.sets_workdir || file.instructions[i].is(InstructionKind::Workdir);
    facts.final_workdir = multi_stage::workdir_at(facts, stage.end);

    multi_stage::Outcome outcome = multi_stage::plan_runtime(facts);
    if (!outcome.runtime)
        return refuse(std::move(outcome.why));
    Rewrite rewrite(facts, *outcome.runtime);
    if (std::optional<Refusal> refusal = rewrite.check_and_classify())
        return refuse(std::move(refusal->why));
    return {rewrite.build(), {}};
}

} // namespace drydock::rules
