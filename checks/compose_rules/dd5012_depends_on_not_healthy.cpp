// DD5012: `depends_on` waits for a dependency to start, although the dependency has a health check.

#include "compose_rule_support.hpp"
#include "yaml_edits.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD5012",
    .name = "depends-on-not-healthy",
    .file_kind = FileKind::Compose,
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .fix = FixAvailability::Sometimes,
    .summary = "`depends_on` a service with a health check, without `condition: service_healthy`",
    .docs =
        {.what =
             "Reports a dependency in `depends_on:` without a `condition:` (the list form, or the map form "
             "without the key) on a service that has a health check: its own `healthcheck:`, or the "
             "`HEALTHCHECK` of the Dockerfile it builds. An explicit `condition: service_started` is a "
             "decision and is not reported.",
         .why =
             "Without a condition Compose starts the dependent service as soon as the dependency's "
             "container has started, not when it is ready: the application's first connection to a "
             "database that is still initialising fails, and it crashes or retries. The dependency already "
             "says when it is ready; `condition: service_healthy` waits for that.",
         .bad = "services:\n  web:\n    image: example/web:1.0\n    depends_on:\n      - db\n  db:\n"
                "    image: postgres:16\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\", \"-U\", "
                "\"postgres\"]\n",
         .good = "services:\n  web:\n    image: example/web:1.0\n    depends_on:\n      db:\n"
                 "        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n"
                 "      test: [\"CMD\", \"pg_isready\", \"-U\", \"postgres\"]\n",
         .fix_safety =
             "Safe when the dependency has a health check: the service now starts once the dependency "
             "is healthy instead of merely started. A list is rewritten in the map form, with "
             "`condition: service_started` (what the list meant) for the dependencies without a "
             "health check. No fix for a `depends_on` inherited through a merge key (`<<:`).",
         .references = "https://docs.docker.com/reference/compose-file/services/#depends_on\n"
                       "https://docs.docker.com/compose/how-tos/startup-order/"},
};

// Where a block sequence item's `-` is.
std::optional<TextSize> dash_of(const yaml::Document& doc, yaml::NodeId item) {
    TextSize p = doc.node(item).range.begin;
    while (p > 0 && (doc.source[p - 1] == ' ' || doc.source[p - 1] == '\t'))
        --p;
    if (p == 0 || doc.source[p - 1] != '-')
        return std::nullopt;
    const TextSize dash = p - 1;
    for (TextSize i = doc.line_start(dash); i < dash; ++i)
        if (doc.source[i] != ' ')
            return std::nullopt; // `- - db` or text before the dash
    return dash;
}

class DependsOnNotHealthy final : public ComposeRule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    void check_service(const compose::Service& service, ComposeContext& context) override {
        const Dependencies deps = dependencies(context.file(), service);
        for (const Dependency& dep : deps.items) {
            if (dep.condition != yaml::no_node || !healthy_capable(dep.service, context))
                continue;
            context.report(
                context.yaml().node(dep.node).range,
                "Service `" + service.name + "` waits for `" + dep.service +
                    "` to start, not to be healthy, although it has a health check: use `condition: "
                    "service_healthy`",
                fix(service, deps, dep, context));
        }
    }

private:
    static bool healthy_capable(const std::string& name, const ComposeContext& context) {
        const compose::Service* target = context.file().service(name);
        return target && has_effective_healthcheck(context.file(), *target, context.image(*target));
    }

    static std::string condition_for(const std::string& name, const ComposeContext& context) {
        return healthy_capable(name, context) ? "service_healthy" : "service_started";
    }

    static std::optional<Fix> fix(const compose::Service& service, const Dependencies& deps,
                                  const Dependency& dep, const ComposeContext& context) {
        const yaml::Document& doc = context.yaml();
        const yaml::Entry own = doc.find(service.value, "depends_on");
        if (own.merged)
            return std::nullopt;
        const std::string step = indent_step(doc);
        const std::string newline(line_terminator_at(doc.source, doc.node(deps.key).range.begin));
        const std::uint32_t key_column = doc.column_of(doc.node(deps.key).range.begin);
        std::vector<Edit> edits;
        if (deps.list_form) {
            const yaml::Node& list = doc.node(deps.value);
            if (list.style == yaml::Style::Flow) {
                std::string text = ":";
                for (const Dependency& d : deps.items)
                    text += newline + spaces(key_column) + step + d.service + ":" + newline +
                            spaces(key_column) + step + step +
                            "condition: " + condition_for(d.service, context);
                edits.push_back(replace_range({doc.node(deps.key).range.end, list.range.end}, text));
            } else {
                for (const Dependency& d : deps.items) {
                    const std::optional<TextSize> dash = dash_of(doc, d.node);
                    if (!dash)
                        return std::nullopt;
                    const std::uint32_t dash_column = doc.column_of(*dash);
                    const std::string indent =
                        dash_column > key_column ? spaces(dash_column) : spaces(key_column) + step;
                    edits.push_back(replace_range({doc.line_start(*dash), doc.node(d.node).range.end},
                                                  indent + d.service + ":" + newline + indent + step +
                                                      "condition: " + condition_for(d.service, context)));
                }
            }
            if (deps.items.size() != doc.node(deps.value).children.size())
                return std::nullopt; // an item that is not a service name: leave the list alone
            return Fix{"Wait for the dependencies to be healthy (map form)", std::move(edits),
                       Applicability::Safe};
        }
        {
            const yaml::Entry entry = doc.find(deps.value, dep.service);
            const yaml::NodeId value = doc.resolve(entry.value);
            const std::uint32_t dep_column = doc.column_of(doc.node(entry.key).range.begin);
            if (entry.merged || value == yaml::no_node)
                return std::nullopt;
            const yaml::Node& node = doc.node(value);
            if (node.kind == yaml::NodeKind::Null) {
                edits.push_back(replace_range(node.range, newline + spaces(dep_column) + step +
                                                              "condition: service_healthy"));
            } else if (node.kind == yaml::NodeKind::Mapping && node.style == yaml::Style::Flow) {
                if (node.children.empty())
                    edits.push_back(insert_at(node.range.end - 1, "condition: service_healthy"));
                else
                    edits.push_back(
                        insert_at(doc.node(node.children.back()).range.end, ", condition: service_healthy"));
            } else if (const std::optional<Edit> edit =
                           append_entry(doc, value, {"condition: service_healthy"})) {
                edits.push_back(*edit);
            } else {
                return std::nullopt;
            }
        }
        return Fix{"Wait for `" + dep.service + "` to be healthy", std::move(edits), Applicability::Safe};
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_COMPOSE_RULE(dd5012, drydock::rules::rule_meta, drydock::rules::DependsOnNotHealthy)
