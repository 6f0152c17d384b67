// Fuzzes the fix loop (safe and unsafe fixes, every rule, ShellCheck off) and asserts its invariants: the
// output keeps the input's parse errors, fixing again changes nothing, and no fix is reported as breaking
// the text.

#include <drydock/checks/fix_loop.hpp>
#include <drydock/parser/parse.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::vector<std::string> error_messages(const drydock::Dockerfile& file) {
    std::vector<std::string> out;
    for (const drydock::ParseError& e : file.errors)
        out.push_back(e.message);
    return out;
}

void fail(const char* what, const std::string& text) {
    std::fprintf(stderr, "fix invariant violated: %s\n--- fixed text ---\n%s\n", what, text.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    drydock::Config config;
    config.select = {"all"};
    config.shellcheck = false;
    for (const drydock::Applicability minimum :
         {drydock::Applicability::Safe, drydock::Applicability::Unsafe}) {
        drydock::FixRequest request;
        request.minimum = minimum;
        const drydock::FixReport report = drydock::fix_text(text, config, request);
        if (error_messages(drydock::parse(report.text)) != error_messages(drydock::parse(text)))
            fail("the parse errors changed", report.text);
        if (!report.broken.empty())
            fail(("fixes of " + report.broken.front() + " would break the text").c_str(), report.text);
        if (report.did_not_converge.empty() &&
            drydock::fix_text(report.text, config, request).text != report.text)
            fail("fixing twice changes the text", report.text);
    }
    return 0;
}
