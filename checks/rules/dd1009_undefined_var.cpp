// DD1009: BuildKit's UndefinedVar — a `$VARIABLE` in an instruction the builder expands, with no ARG or ENV
// that defines it.

#include "image_environment.hpp"
#include "instruction_queries.hpp"
#include "name_suggestions.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"UndefinedVar"};

constexpr RuleMeta rule_meta{
    .code = "DD1009",
    .name = "undefined-var",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Variables should be defined before their use",
    .docs =
        {.what =
             "Reports a `$VARIABLE` (or `${VARIABLE}`) that the builder replaces itself — in `ENV`, `LABEL`, "
             "a "
             "stage's `ARG` defaults, `COPY`/`ADD` (sources, destination, `--chown`, `--chmod`, "
             "`--checksum`, "
             "unquoted heredocs), `WORKDIR`, `USER`, `VOLUME`, `STOPSIGNAL` and `RUN --mount` — when no "
             "`ARG` "
             "or `ENV` before it in the stage, or in the stages it is built on, defines it. Same check as "
             "BuildKit's UndefinedVar, with a \"did you mean\" suggestion for near-miss names. The command "
             "text of `RUN`, `CMD` and `ENTRYPOINT` is left alone: the shell expands it at run time.\n\n"
             "BuildKit also knows the ENV of the pulled base image; drydock works offline, so it decides "
             "conservatively. For `scratch`, plain OS images and the well-known official images (python, "
             "node, golang, php, eclipse-temurin, nginx, postgres, …) it knows the variables they set and "
             "reports any other name. For any other base image it reports only what is certainly a mistake: "
             "a global `ARG` not declared again in the stage, an automatic platform argument "
             "(`TARGETARCH`, `BUILDPLATFORM`, …) not declared with `ARG` in the stage, and a variable that "
             "is declared only later in the stage. `PATH`, `HOME` and the proxy arguments are never "
             "reported, nor are `${VARIABLE:-default}`, `${VARIABLE-default}`, `${VARIABLE:+word}` and "
             "`${VARIABLE:?message}`, which are written for the unset case. A variable defined earlier in "
             "the same `ENV` is DL3044's finding. `ENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH` extends "
             "what the base image may set, so a later declaration of the same name does not count against "
             "it.",
         .why = "An undefined variable expands to an empty string without any error: `COPY app-$VERSION.jar` "
                "looks for `app-.jar`, `WORKDIR $APP_HOME` becomes `/`. The usual causes are a global `ARG` "
                "that was not declared again after `FROM` (global ARGs are only visible in `FROM` lines), a "
                "missing `ARG TARGETARCH`, and typos.",
         .bad = "ARG VERSION=1.4.2\nFROM alpine:3.20\nCOPY app-$VERSION.tar.gz /opt/\n",
         .good = "ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nCOPY app-$VERSION.tar.gz /opt/\n",
         .references = "https://docs.docker.com/reference/build-checks/undefined-var/\n"
                       "https://docs.docker.com/reference/dockerfile/#scope"},
};

// Modifiers that give the unset case its own meaning: the author expected the variable may be unset.
bool handles_unset(std::string_view modifier) {
    return modifier == "-" || modifier == ":-" || modifier == "+" || modifier == ":+" || modifier == "?" ||
           modifier == ":?";
}

// `NAME`: a letter or `_`, then letters, digits and `_`. BuildKit also looks up `$1` and the special `$@`,
// `$#`, … — never set in an image, and written for the shell in practice; `$(` is no variable at all.
bool is_variable_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
}

// BuildKit arguments that never become variables.
bool is_builder_setting(std::string_view name) {
    return name == "BUILDKIT_SBOM_SCAN_CONTEXT" || name == "BUILDKIT_SBOM_SCAN_STAGE";
}

// A word of `ins` that BuildKit expands, with the ENV/ARG/LABEL pair it belongs to: ENV and ARG define their
// keys one after the other, so earlier keys of the same instruction count as defined.
struct ExpandedWord {
    Word word;
    std::size_t pair = SIZE_MAX; // index into ins.pairs, for ENV/ARG/LABEL values and keys
    bool value = false;          // the word is that pair's value
};

std::vector<ExpandedWord> expanded_words(const Instruction& ins, const Dockerfile& file) {
    std::vector<ExpandedWord> out;
    const auto flag_values = [&](std::initializer_list<std::string_view> names) {
        for (const Flag& flag : ins.flags)
            if (flag.value && std::find(names.begin(), names.end(), flag.name.raw) != names.end())
                out.push_back({with_variables(*flag.value, file.escape)});
    };
    switch (ins.kind) {
    case InstructionKind::Env:
    case InstructionKind::Label:
        for (std::size_t p = 0; p < ins.pairs.size(); ++p) {
            out.push_back({ins.pairs[p].key, p});
            if (ins.pairs[p].value)
                out.push_back({*ins.pairs[p].value, p, true});
        }
        break;
    case InstructionKind::Arg:
        for (std::size_t p = 0; p < ins.pairs.size(); ++p)
            if (ins.pairs[p].value)
                out.push_back({*ins.pairs[p].value, p, true});
        break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
        flag_values({"chown", "chmod", "checksum"});
        for (const Word& word : ins.arguments) {
            const bool marker = std::any_of(ins.heredocs.begin(), ins.heredocs.end(), [&](const Heredoc& h) {
                return h.marker.begin >= word.range.begin && h.marker.begin < word.range.end;
            });
            if (!marker)
                out.push_back({word});
        }
        // An unquoted heredoc's body is expanded too (with `\` as escape, whatever the file's escape).
        for (const Heredoc& heredoc : ins.heredocs) {
            if (!heredoc.expands)
                continue;
            Word body;
            body.range = heredoc.body;
            body.raw = std::string(file.text(heredoc.body));
            body.value = body.raw;
            out.push_back({with_variables(body, '\\')});
        }
        break;
    case InstructionKind::Workdir:
    case InstructionKind::User:
    case InstructionKind::Volume:
    case InstructionKind::Stopsignal:
        for (const Word& word : ins.arguments)
            out.push_back({word});
        break;
    case InstructionKind::Run:
        flag_values({"mount"});
        break;
    default:
        break;
    }
    return out;
}

// The ARG and ENV names of instructions [begin, end).
void declared_names(const Dockerfile& file, std::size_t begin, std::size_t end, std::set<std::string>& out) {
    for (std::size_t i = begin; i < end && i < file.instructions.size(); ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.is(InstructionKind::Arg) || ins.is(InstructionKind::Env))
            for (const KeyValue& kv : ins.pairs)
                out.insert(kv.key.value);
    }
}

// What is known at one instruction of a stage.
struct Scope {
    std::set<std::string> defined; // ARG/ENV before it in the stage and in the stages it builds on
    std::optional<std::vector<std::string_view>> image_env; // the base image's ENV; nullopt = unknown
};

Scope scope_at(const Context& context, std::size_t stage_index, std::size_t at) {
    const Dockerfile& file = context.file();
    const SemanticModel& model = context.model();
    Scope scope;
    const Stage* stage = &model.stages()[stage_index];
    declared_names(file, stage->from + 1, at, scope.defined);
    // BuildKit carries a stage's ARGs and ENVs into the stages built FROM it.
    while (stage->base_stage && *stage->base_stage < stage->index) {
        stage = &model.stages()[*stage->base_stage];
        declared_names(file, stage->from + 1, stage->end, scope.defined);
    }
    const Instruction& from = file.instructions[stage->from];
    if (from.from) {
        if (const std::optional<std::string> image =
                default_value(from.from->image.word, model.scope_at(stage->from)))
            scope.image_env = official_image_env(*image);
    }
    return scope;
}

// Where `name` is first declared by ARG or ENV after `at` in the stage, or nullopt.
std::optional<std::size_t> declared_later(const Dockerfile& file, const Stage& stage, std::size_t at,
                                          std::string_view name) {
    for (std::size_t i = at + 1; i < stage.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.is(InstructionKind::Arg) || ins.is(InstructionKind::Env))
            for (const KeyValue& kv : ins.pairs)
                if (kv.key.value == name)
                    return i;
    }
    return std::nullopt;
}

class UndefinedVar final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Env,  InstructionKind::Label,  InstructionKind::Arg,
                InstructionKind::Copy, InstructionKind::Add,    InstructionKind::Workdir,
                InstructionKind::User, InstructionKind::Volume, InstructionKind::Stopsignal,
                InstructionKind::Run};
    }

    void check(const Instruction& ins, Context& context) override {
        // ONBUILD triggers are expanded in the image that builds on this one, with its variables.
        if (context.in_onbuild() || !context.stage() || !ins.valid)
            return;
        const std::vector<ExpandedWord> words = expanded_words(ins, context.file());
        if (std::none_of(words.begin(), words.end(),
                         [](const ExpandedWord& w) { return !w.word.variables.empty(); }))
            return;
        const std::size_t index = context.index();
        const Stage& stage = context.model().stages()[*context.stage()];
        const Scope scope = scope_at(context, stage.index, index);
        const bool ignore_case = !context.shell().posix; // Windows variables are case-insensitive
        const auto same = [&](std::string_view a, std::string_view b) {
            return ignore_case ? iequals(a, b) : a == b;
        };
        const auto in = [&](const auto& names, std::string_view name) {
            return std::any_of(names.begin(), names.end(), [&](const auto& n) { return same(n, name); });
        };

        std::set<std::string> reported;
        for (const ExpandedWord& expanded : words) {
            for (const VariableRef& ref : expanded.word.variables) {
                const std::string& name = ref.name;
                if (!is_variable_name(name) || handles_unset(ref.modifier) || reported.count(name))
                    continue;
                if (in(scope.defined, name) || is_ubiquitous_variable(name) ||
                    SemanticModel::is_predefined_arg(name) || is_builder_setting(name))
                    continue;
                // Keys of the same ENV/ARG before this word: ARG defines them in order; for ENV that is
                // DL3044's finding.
                if (!ins.is(InstructionKind::Label) && expanded.pair != SIZE_MAX &&
                    std::any_of(ins.pairs.begin(),
                                ins.pairs.begin() + static_cast<std::ptrdiff_t>(expanded.pair),
                                [&](const KeyValue& kv) { return same(kv.key.value, name); }))
                    continue;
                if (scope.image_env && in(*scope.image_env, name))
                    continue;
                // `ENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH` extends what the base image may set: a
                // later declaration says nothing about this one.
                const bool extends_itself = expanded.value && !ins.is(InstructionKind::Label) &&
                                            same(ins.pairs[expanded.pair].key.value, name);
                std::string reason = why_undefined(context, stage, index, name, extends_itself);
                if (reason.empty() && !scope.image_env)
                    continue; // the base image may define it
                reported.insert(name);
                std::string message = "Usage of undefined variable `$" + name + "`";
                if (reason.empty()) {
                    std::vector<std::string> candidates(scope.defined.begin(), scope.defined.end());
                    candidates.insert(candidates.end(), scope.image_env->begin(), scope.image_env->end());
                    candidates.emplace_back("PATH");
                    if (const std::optional<std::string> near = closest_name(name, candidates, !ignore_case))
                        message += " (did you mean `$" + *near + "`?)";
                } else {
                    message += ": " + reason;
                }
                context.report(ref.range, std::move(message));
            }
        }
    }

private:
    // Why `name` is certainly undefined here, whatever the base image; empty when only the image could tell.
    static std::string why_undefined(const Context& context, const Stage& stage, std::size_t index,
                                     const std::string& name, bool extends_itself) {
        const Dockerfile& file = context.file();
        if (const std::optional<std::size_t> later = declared_later(file, stage, index, name);
            later && !extends_itself)
            return "it is declared only later in the stage, on line " +
                   std::to_string(line_number(file, file.instructions[*later].range.begin));
        const std::vector<Variable>& globals = context.model().global_args();
        if (std::any_of(globals.begin(), globals.end(), [&](const Variable& v) { return v.name == name; }))
            return "a global ARG is only visible in FROM lines; declare `ARG " + name +
                   "` again after FROM to use it in the stage";
        if (SemanticModel::is_automatic_platform_arg(name))
            return "the automatic platform argument needs `ARG " + name + "` in the stage";
        return {};
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd1009, drydock::rules::rule_meta, drydock::rules::UndefinedVar)
