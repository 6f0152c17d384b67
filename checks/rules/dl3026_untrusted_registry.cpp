// DL3026: an image comes from a registry that `trustedRegistries` does not list.

#include "instruction_queries.hpp"
#include "rule_support.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3026",
    .name = "untrusted-registry",
    .severity = Severity::Error,
    .category = Category::Security,
    .summary = "Use only an allowed registry in the FROM image",
    .docs =
        {.what =
             "Reports an image pulled from a registry that the `trustedRegistries` setting does not list: "
             "the `FROM` image, a `COPY --from` image and a `RUN --mount=…,from=` image. Earlier stages and "
             "`scratch` are not images and always pass; so do stage indexes. An image without a registry "
             "(`ubuntu:24.04`, `library/ubuntu`) comes from Docker Hub and passes when `docker.io` or "
             "`hub.docker.com` is trusted. Entries may use wildcards: `*` trusts everything, `*.example.com` "
             "any subdomain of example.com (not example.com itself), `registry.*` any registry whose name "
             "starts with `registry.`. Registry names are compared without regard to case. A `FROM` image "
             "given by a variable is judged by its `ARG` default; one without a default is not reported "
             "(BuildKit refuses variables in `--from` and mount `from=`, so those are left to the parser). "
             "`ONBUILD` triggers are not checked. Does nothing while `trustedRegistries` is empty.",
         .why = "Pulling base images or build inputs only from registries your organisation controls or vets "
                "keeps unreviewed, typo-squatted or compromised images out of the supply chain.",
         .bad = "#! config: {trustedRegistries: [registry.example.com]}\nFROM docker.io/library/debian:12\n",
         .good = "#! config: {trustedRegistries: [registry.example.com]}\nFROM "
                 "registry.example.com/library/debian:12\n",
         .options = "`trustedRegistries` (list of registry names, wildcards allowed; command line "
                    "`--trusted-registry`, environment `HADOLINT_TRUSTED_REGISTRIES`): the registries images "
                    "may come from. Empty (the default) turns the rule off.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3026\n"
                       "https://github.com/hadolint/hadolint#configure"},
};

// hadolint's wildcard matching: `*` alone, a leading `*` (suffix match) or a trailing `*` (prefix match).
bool registry_matches(std::string_view pattern, std::string_view registry) {
    const std::string p = to_lower(pattern);
    const std::string r = to_lower(registry);
    if (p == "*")
        return true;
    if (p.starts_with('*'))
        return r.ends_with(std::string_view(p).substr(1));
    if (p.ends_with('*'))
        return r.starts_with(std::string_view(p).substr(0, p.size() - 1));
    return r == p;
}

class UntrustedRegistry final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::From, InstructionKind::Copy, InstructionKind::Run};
    }
    void check(const Instruction& ins, Context& context) override {
        if (context.config().trusted_registries.empty() || context.in_onbuild() || !context.stage())
            return;
        if (ins.is(InstructionKind::From) && ins.from)
            check_from(ins.from->image.word, context);
        else if (const Flag* from = ins.flag("from"); ins.is(InstructionKind::Copy) && from && from->value)
            check_copy_from(*from->value, context);
        else if (ins.is(InstructionKind::Run))
            check_mounts(ins, context);
    }

private:
    static void check_from(const Word& word, Context& context) {
        const std::optional<std::string> image =
            default_value(word, context.model().scope_at(context.index()));
        if (!image || image->empty() || iequals(*image, "scratch"))
            return;
        // A FROM can only build on an earlier stage; a later stage's name is an image from a registry.
        if (const Stage* stage = context.model().stage_named(*image);
            stage && stage->index < *context.stage())
            return;
        const std::string shown =
            word.variables.empty() ? "`" + *image + "`" : "`" + word.raw + "` (`" + *image + "` by default)";
        judge(*image, shown, word.range, context);
    }

    static void check_copy_from(const Word& word, Context& context) {
        // BuildKit refuses variables in `--from` (a parse error). Any stage reference, even a wrong one
        // (DL3022/DL3023 report those), is not an image.
        if (word.value.empty() || !with_variables(word, context.file().escape).variables.empty() ||
            named_stage(context.model(), word.value))
            return;
        judge(word.value, "`" + word.value + "`", word.range, context);
    }

    static void check_mounts(const Instruction& run, Context& context) {
        for (const Flag& flag : run.flags) {
            if (!iequals(flag.name.value, "mount"))
                continue;
            for (const MountOption& option : mount_options(flag)) {
                // A variable in a mount's from= is not expanded from defaults here: unknown, not reported.
                if (option.key != "from" || option.value.empty() ||
                    option.value.find('$') != std::string::npos ||
                    named_stage(context.model(), option.value) || iequals(option.value, "scratch"))
                    continue;
                judge(option.value, "`" + option.value + "`", option.range, context);
            }
        }
    }

    // Reports `image` at `range` unless its registry is trusted; `shown` is how the message names it.
    static void judge(const std::string& image, const std::string& shown, TextRange range, Context& context) {
        const std::vector<std::string>& trusted = context.config().trusted_registries;
        auto allowed = [&](std::string_view registry) {
            return std::any_of(trusted.begin(), trusted.end(), [&](const std::string& pattern) {
                return registry_matches(pattern, registry);
            });
        };
        const std::string registry = registry_of(image);
        if (registry.empty() ? allowed("docker.io") || allowed("hub.docker.com") : allowed(registry))
            return;
        std::string message = "Use only an allowed registry in the FROM image: " + shown;
        message += registry.empty() ? " comes from Docker Hub (docker.io)" : " comes from `" + registry + "`";
        message += ", which trustedRegistries does not list";
        context.report(range, message);
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3026, drydock::rules::rule_meta, drydock::rules::UntrustedRegistry)
