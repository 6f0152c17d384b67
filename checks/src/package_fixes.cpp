#include "package_fixes.hpp"

#include "fix_builders.hpp"
#include "language_packages.hpp"

#include <algorithm>

namespace drydock::rules {

Fix insert_option(const RunCommand& command, const shell::Word& word, std::string_view option,
                  std::string title) {
    return insert_argument_after(word, command.source, option, std::move(title));
}

bool runs_through_sudo(const RunCommand& command) {
    return command.written.name() == "sudo" || command.written.name() == "doas";
}

std::optional<Fix> append_cleanup(const Dockerfile& file, const Instruction& run,
                                  const std::vector<const RunCommand*>& uses, std::string_view cleanup,
                                  std::string title, Applicability applicability) {
    if (uses.empty())
        return std::nullopt;
    if (std::any_of(uses.begin(), uses.end(), [](const RunCommand* use) { return runs_through_sudo(*use); }))
        return std::nullopt;
    const shell::Script* script = uses.back()->script;
    if (!script || script->commands.empty())
        return std::nullopt; // exec form
    // A cleanup after `exit` would never run, although the rule would read it as done.
    const std::string_view last = script->commands.back().name();
    if (last == "exit" || last == "exec")
        return std::nullopt;
    return append_command(file, run, *script, cleanup, std::move(title), applicability);
}

bool apt_refuses_yes(const PackageCommand& command) {
    const bool says_no_by_option =
        std::any_of(command.options.begin(), command.options.end(), [](const CommandOption& o) {
            return (o.name == "y" || o.name == "yes" || o.name == "assume-yes") && o.value &&
                   !boolean_value(*o.value).value_or(true);
        });
    const std::optional<std::string> setting = config_option(command, "APT::Get::Assume-Yes");
    return says_no_by_option || command.has_option({"assume-no"}) ||
           (setting && !boolean_value(*setting).value_or(true));
}

bool rpm_refuses_yes(const PackageCommand& command) {
    const std::optional<std::string> setting = config_option(command, "assumeyes");
    return command.has_option({"assumeno"}) || (setting && !boolean_value(*setting).value_or(true));
}

bool apt_wants_recommends(const Context& context, const RunCommands& commands, const RunCommand& command,
                          const PackageCommand& package_command) {
    const std::optional<bool> off = apt_recommends_off(package_command);
    if (off)
        return !*off;
    const std::optional<std::string> conf =
        apt_conf_value(context, commands, &command, "APT::Install-Recommends");
    return conf && boolean_value(*conf).value_or(false);
}

bool relies_on_recommended_certificates(const RunCommands& commands) {
    bool client = false;
    bool certificates = false;
    for (const RunCommand& command : commands.all()) {
        const std::optional<PackageCommand> pc = read_package_command(command.command);
        if (!pc || (pc->manager != PackageManager::AptGet && pc->manager != PackageManager::Apt) ||
            pc->subcommand() != "install")
            continue;
        for (const shell::Word& package : pc->operands_after(1)) {
            const std::string_view name = std::string_view(package.value).substr(0, package.value.find('='));
            client = client || name == "curl" || name == "wget" || name == "git";
            certificates = certificates || name == "ca-certificates";
        }
    }
    return client && !certificates;
}

std::optional<MissingCleanup> find_missing_cleanup(const Instruction& run, const Context& context,
                                                   const RunCommands& commands,
                                                   const std::function<bool(const RunCommand&)>& downloads,
                                                   PackageManager cleaner) {
    const std::vector<const RunCommand*> ordered = commands_in_run_order(run, commands);
    MissingCleanup out;
    out.install = first_not_cleaned_up(ordered, downloads,
                                       [&](const RunCommand& c) { return cleans_cache(c.command, cleaner); });
    if (!out.install)
        return std::nullopt;
    const std::vector<Variable> scope = context.model().scope_at(context.index());
    for (std::string_view dir : cache_directories(cleaner))
        if (has_cache_mount(run, scope, dir))
            return std::nullopt;
    std::copy_if(ordered.begin(), ordered.end(), std::back_inserter(out.uses),
                 [&](const RunCommand* c) { return downloads(*c); });
    return out;
}

} // namespace drydock::rules
