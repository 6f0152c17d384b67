// Fuzzes config loading (YAML through yaml-cpp, then drydock's keys): every input either gives a Config or a
// ConfigError whose line and column are inside the text; nothing else may escape, crash or hang. A config
// that loads must also drive the linter (its ids and severities are used on a small file).

#include <drydock/checks/config_file.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<drydock::ConfigWarning> warnings;
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    try {
        drydock::Config config = drydock::parse_config(text, "fuzz.yaml", warnings);
        config.shellcheck = false;
        static const drydock::Dockerfile file =
            drydock::parse("FROM debian\nRUN apt-get update && apt-get install -y curl\nUSER root\n");
        const auto findings = drydock::lint(file, config);
        (void)drydock::fails_threshold(findings, config);
    } catch (const drydock::ConfigError& e) {
        if (e.line() < 0 || e.line() > lines + 1 || e.column() < 0) {
            std::fprintf(stderr, "error position %d:%d outside the text (%d lines): %s\n", e.line(),
                         e.column(), lines, e.what());
            std::abort();
        }
    }
    for (const drydock::ConfigWarning& w : warnings)
        if (w.line < 0 || w.line > lines + 1) {
            std::fprintf(stderr, "warning line %d outside the text: %s\n", w.line, w.message.c_str());
            std::abort();
        }
    return 0;
}
