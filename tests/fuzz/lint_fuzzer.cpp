// Fuzzes the lint engine with every rule on (ShellCheck off: no processes from a fuzzer): no crash, no hang,
// and every finding has a known code and a range inside the file.

#include <drydock/checks/linter.hpp>
#include <drydock/checks/registry.hpp>
#include <drydock/parser/parse.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    drydock::Config config;
    config.select = {"all"};
    config.shellcheck = false;
    const drydock::Dockerfile file = drydock::parse(std::string(reinterpret_cast<const char*>(data), size));
    for (const drydock::Diagnostic& d : drydock::lint(file, config)) {
        if (d.range.begin > d.range.end || d.range.end > file.source.size()) {
            std::fprintf(stderr, "%s: range [%u,%u) outside the file\n", d.code.c_str(), d.range.begin,
                         d.range.end);
            std::abort();
        }
        if (d.code != "DL1000" && !drydock::find_rule(d.code)) {
            std::fprintf(stderr, "unknown code %s\n", d.code.c_str());
            std::abort();
        }
    }
    return 0;
}
