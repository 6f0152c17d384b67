// Generated worst cases for growth with size (issue 9): lint of one `RUN <<EOF` heredoc of N lines
// `echo line I && true` (2N commands), of one shell-form RUN of N `&& \` continuations, of N `RUN` lines, and
// of N `RUN apt-get install fooI` lines (four findings each, most with a fix). Each runs at two sizes a
// factor of 4 apart: linear work shows as the same time per item at both.
// tests/bench/make_large_dockerfile.py writes the same files (and the 10 MB one) for whole-process
// measurements.

#include <drydock/checks/config.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <benchmark/benchmark.h>
#include <string>

namespace {

enum Kind { Heredoc, Continuation, Instructions, Findings };

std::string generate(Kind kind, std::int64_t n) {
    std::string out = "FROM debian:12.5\n";
    if (kind == Heredoc)
        out += "RUN <<EOF\n";
    for (std::int64_t i = 0; i < n; ++i) {
        const std::string index = std::to_string(i);
        switch (kind) {
        case Heredoc:
            out += "echo line " + index + " && true\n";
            break;
        case Continuation:
            out += (i == 0 ? "RUN echo line " : " && \\\n    echo line ") + index;
            break;
        case Instructions:
            out += "RUN echo line " + index + "\n";
            break;
        case Findings:
            out += "RUN apt-get install foo" + index + "\n";
            break;
        }
    }
    out += kind == Heredoc ? "EOF\n" : kind == Continuation ? "\n" : "";
    return out;
}

void lint_generated(benchmark::State& state, Kind kind) {
    const std::string text = generate(kind, state.range(0));
    drydock::Config config;
    config.shellcheck = false; // a separate process; its cost is not drydock's
    std::size_t findings = 0;
    for (auto _ : state) {
        const auto found = drydock::lint(drydock::parse(text), config);
        findings = found.size();
        benchmark::DoNotOptimize(found);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
    state.counters["findings"] = static_cast<double>(findings);
}

void BM_LintLargeHeredoc(benchmark::State& state) {
    lint_generated(state, Heredoc);
}
void BM_LintLongContinuation(benchmark::State& state) {
    lint_generated(state, Continuation);
}
void BM_LintManyInstructions(benchmark::State& state) {
    lint_generated(state, Instructions);
}
void BM_LintManyFindings(benchmark::State& state) {
    lint_generated(state, Findings);
}

} // namespace

BENCHMARK(BM_LintLargeHeredoc)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintLongContinuation)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintManyInstructions)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintManyFindings)->Arg(2500)->Arg(10000)->Unit(benchmark::kMillisecond);
