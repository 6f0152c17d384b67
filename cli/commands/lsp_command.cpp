#include "commands/lsp_command.hpp"

#include "lsp/stdio_transport.hpp"

#include <memory>
#include <unistd.h>

namespace drydock::cli {
namespace {

// Configs as `lint` finds them: discovered from each Dockerfile's folder (or --config), environment and
// command line layered on top. Reloading starts a fresh resolver, which re-reads the environment too.
class ResolverConfigs : public lsp::ConfigSource {
public:
    explicit ResolverConfigs(const ConfigOptions& options)
        : options_(options), resolver_(std::make_unique<ConfigResolver>(options_)) {}

    lsp::ConfigLookup config_for(const std::string& path) override {
        lsp::ConfigLookup lookup;
        lookup.config = resolver_->for_file(path.empty() ? "-" : path);
        if (!lookup.config)
            lookup.error = resolver_->last_error();
        return lookup;
    }
    void reload() override { resolver_ = std::make_unique<ConfigResolver>(options_); }

private:
    ConfigOptions options_;
    std::unique_ptr<ConfigResolver> resolver_;
};

} // namespace

void add_lsp_options(CLI::App& cmd, LspOptions& o) {
    cmd.add_flag("--stdio", o.stdio,
                 "Talk LSP over standard input and output (the default and only transport)");
    add_config_options(cmd, o.config);
}

int run_lsp(const LspOptions& options) {
    ResolverConfigs configs(options.config);
    lsp::ServerOptions server_options;
    server_options.version = DRYDOCK_VERSION;
    return lsp::serve(STDIN_FILENO, STDOUT_FILENO, configs, server_options);
}

} // namespace drydock::cli
