#pragma once
// What a rule is: metadata and documentation in one place, and a check that the engine calls with the
// instructions it asked for. One rule = one file in checks/rules/, registered in checks/rules.def.

#include <drydock/checks/config.hpp>
#include <drydock/checks/diagnostic.hpp>
#include <drydock/checks/severity.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/line_index.hpp>
#include <drydock/parser/semantics.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

namespace drydock {

enum class Category { Syntax, Correctness, Security, Reproducibility, ImageSize, Maintainability, Style };
std::string_view to_string(Category category);

enum class FixAvailability { None, Sometimes, Always };

// What a rule reads: a Dockerfile (a `Rule`, checks/rules/) or a compose file (a `ComposeRule`,
// checks/compose_rules/, see compose_rule.hpp).
enum class FileKind { Dockerfile, Compose };
std::string_view to_string(FileKind kind);

// The documentation of a rule, as Markdown fragments. `drydock explain`, `docs/rules.md` and the editor's
// hover text all come from here.
struct RuleDocs {
    std::string_view what{};       // What it does
    std::string_view why{};        // Why is this bad?
    std::string_view bad{};        // Example (a Dockerfile, or a compose file for compose rules)
    std::string_view good{};       // Use instead (the same kind of file)
    std::string_view fix_safety{}; // when a fix can be unsafe or display-only
    std::string_view options{};    // config keys that change the rule
    std::string_view references{}; // links
};

struct RuleMeta {
    std::string_view code{};                     // "DL3008" (hadolint's) or "DDxxxx" (ours)
    std::string_view name{};                     // kebab-case, used in config, pragmas and output
    std::span<const std::string_view> aliases{}; // other spellings: BuildKit's name, another tool's id
    FileKind file_kind = FileKind::Dockerfile;
    Severity severity = Severity::Warning; // default severity
    Category category = Category::Correctness;
    FixAvailability fix = FixAvailability::None;
    bool enabled_by_default = true; // hadolint's `ignore`-severity rules are off until selected
    std::string_view summary{};     // one line, for `drydock rules`
    RuleDocs docs{};

    // Whether `id` is this rule's code, name or one of its aliases (codes and aliases case-insensitive).
    bool matches(std::string_view id) const;
};

class Context;

// The check. The engine creates one instance per file, so per-file state lives in members, never in globals.
class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleMeta& meta() const = 0;
    // The instruction kinds this rule wants; empty = every instruction. ONBUILD triggers are dispatched by
    // their own kind, with Context::in_onbuild() set.
    virtual std::vector<InstructionKind> interests() const { return {}; }
    virtual void check(const Instruction& instruction, Context& context) = 0;
    // After the last instruction of a stage (context.stage() is that stage).
    virtual void end_stage(Context&) {}
    // After the last instruction of the file.
    virtual void end_file(Context&) {}
};

// What a rule sees while it runs, and how it reports.
class Context {
public:
    Context(const Dockerfile& file, const SemanticModel& model, const Config& config);

    const Dockerfile& file() const { return file_; }
    const SemanticModel& model() const { return model_; }
    const Config& config() const { return config_; }
    std::string_view text(TextRange range) const { return range.slice(file_.source); }

    // The top-level instruction being checked (for an ONBUILD trigger: the ONBUILD instruction) and its
    // index.
    std::size_t index() const { return index_; }
    const Instruction& instruction() const { return file_.instructions[index_]; }
    bool in_onbuild() const { return in_onbuild_; }
    // The stage of the current instruction (during end_stage: the stage that ends); nullopt before the first
    // FROM.
    std::optional<std::size_t> stage() const { return stage_; }
    bool is_final_stage() const { return stage_ && *stage_ + 1 == model_.stages().size(); }
    ShellInfo shell() const { return model_.shell_at(index_); }
    // The 1-based line of byte `offset` (the file's line index is built on first use, once per file).
    std::uint32_t line_of(TextSize offset) const;
    // Per-file memory shared by rules and helpers: one T per file, default-constructed on first use, for
    // what an expensive scan of other instructions found, so that it is not redone for each instruction
    // (a 10 MB Dockerfile must stay linear).
    template <typename T>
    T& cache() const {
        std::shared_ptr<void>& slot = caches_[std::type_index(typeid(T))];
        if (!slot)
            slot = std::make_shared<T>();
        return *static_cast<T*>(slot.get());
    }

    // Reports a finding of the running rule at `range`.
    void report(TextRange range, std::string message, std::optional<Fix> fix = std::nullopt);
    // Reports a finding that is milder than the rule's usual ones (an end of support that is near rather than
    // past): `severity` is relative to the rule's default, so a finding reported one level below the default
    // stays one level below whatever severity the configuration gives the rule.
    void report(TextRange range, Severity severity, std::string message,
                std::optional<Fix> fix = std::nullopt);
    // Reports at the instruction's keyword.
    void report(const Instruction& instruction, std::string message, std::optional<Fix> fix = std::nullopt) {
        report(instruction.keyword.range, std::move(message), std::move(fix));
    }

    // Engine side.
    void enter(std::size_t index, std::optional<std::size_t> stage, bool in_onbuild);
    void set_stage(std::optional<std::size_t> stage) { stage_ = stage; }
    void set_rule(const RuleMeta* rule) { rule_ = rule; }
    std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }

private:
    const Dockerfile& file_;
    const SemanticModel& model_;
    const Config& config_;
    std::size_t index_ = 0;
    std::optional<std::size_t> stage_;
    bool in_onbuild_ = false;
    const RuleMeta* rule_ = nullptr;
    std::vector<Diagnostic> diagnostics_;
    mutable std::optional<LineIndex> lines_; // see line_of
    mutable std::unordered_map<std::type_index, std::shared_ptr<void>> caches_;
};

} // namespace drydock
