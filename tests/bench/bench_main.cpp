// In-process throughput on the real-world corpus: parse, lint (every rule that is on by default, without
// ShellCheck) and fix (safe fixes through the whole lint -> fix -> re-lint loop), for the whole corpus per
// iteration and for the smallest, median and largest files alone, plus a 500-line file standing in for an
// editor buffer (what the language server re-lints on a keystroke). Items are files, bytes the files' sizes,
// so the report reads as files/s and MB/s.

#include "support/corpus.hpp"

#include <drydock/checks/config.hpp>
#include <drydock/checks/fix_loop.hpp>
#include <drydock/checks/linter.hpp>
#include <drydock/parser/parse.hpp>

#include <algorithm>
#include <benchmark/benchmark.h>
#include <functional>

namespace {

std::vector<std::string> load_corpus() {
    std::vector<std::string> texts;
    for (const auto& path : drydock::testing::corpus_dockerfiles())
        texts.push_back(drydock::testing::read_file(path));
    std::sort(texts.begin(), texts.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    return texts;
}

const std::vector<std::string>& corpus() {
    static const std::vector<std::string> texts = load_corpus();
    return texts;
}

drydock::Config bench_config() {
    drydock::Config config;
    config.shellcheck = false; // ShellCheck is a separate process; its cost is not drydock's
    return config;
}

// A 500-line Dockerfile made of corpus files' instructions: the first files whose lines add up to 500.
const std::string& editor_buffer() {
    static const std::string text = [] {
        std::string out;
        std::size_t lines = 0;
        for (const std::string& t : corpus()) {
            if (lines >= 500)
                break;
            if (t.size() < 2000 || t.size() > 8000)
                continue;
            out += t;
            if (!out.empty() && out.back() != '\n')
                out += '\n';
            lines = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
        }
        return out;
    }();
    return text;
}

using Work = std::function<void(const std::string&)>;

void run_files(benchmark::State& state, const std::vector<const std::string*>& files, const Work& work) {
    if (files.empty() || files.front()->empty()) {
        state.SkipWithError("shared corpus not found (lay ../shared beside the checkout)");
        return;
    }
    std::int64_t bytes = 0;
    for (const std::string* f : files)
        bytes += static_cast<std::int64_t>(f->size());
    for (auto _ : state)
        for (const std::string* f : files)
            work(*f);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(files.size()));
    state.SetBytesProcessed(state.iterations() * bytes);
}

std::vector<const std::string*> whole_corpus() {
    std::vector<const std::string*> files;
    for (const std::string& t : corpus())
        files.push_back(&t);
    return files;
}

// range(0): 0 = smallest file, 1 = median, 2 = largest, 3 = the 500-line editor buffer.
std::vector<const std::string*> one_file(benchmark::State& state) {
    const auto& texts = corpus();
    if (texts.empty())
        return {};
    const std::string* text = state.range(0) == 3   ? &editor_buffer()
                              : state.range(0) == 0 ? &texts.front()
                              : state.range(0) == 1 ? &texts[texts.size() / 2]
                                                    : &texts.back();
    state.SetLabel(std::to_string(text->size()) + " bytes, " +
                   std::to_string(std::count(text->begin(), text->end(), '\n')) + " lines");
    return {text};
}

void parse_work(const std::string& text) {
    drydock::Dockerfile file = drydock::parse(text);
    benchmark::DoNotOptimize(file);
}

void lint_work(const std::string& text) {
    static const drydock::Config config = bench_config();
    auto findings = drydock::lint(drydock::parse(text), config);
    benchmark::DoNotOptimize(findings);
}

void fix_work(const std::string& text) {
    static const drydock::Config config = bench_config();
    drydock::FixReport report = drydock::fix_text(text, config);
    benchmark::DoNotOptimize(report);
}

void BM_ParseWholeCorpus(benchmark::State& state) {
    run_files(state, whole_corpus(), parse_work);
}
void BM_LintWholeCorpus(benchmark::State& state) {
    run_files(state, whole_corpus(), lint_work);
}
void BM_FixWholeCorpus(benchmark::State& state) {
    run_files(state, whole_corpus(), fix_work);
}
void BM_ParseOneFile(benchmark::State& state) {
    run_files(state, one_file(state), parse_work);
}
void BM_LintOneFile(benchmark::State& state) {
    run_files(state, one_file(state), lint_work);
}
void BM_FixOneFile(benchmark::State& state) {
    run_files(state, one_file(state), fix_work);
}

void one_file_args(benchmark::internal::Benchmark* b) {
    b->Arg(0)->Arg(1)->Arg(2)->Arg(3)->ArgName("small_median_large_editor")->Unit(benchmark::kMicrosecond);
}

} // namespace

BENCHMARK(BM_ParseWholeCorpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintWholeCorpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixWholeCorpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOneFile)->Apply(one_file_args);
BENCHMARK(BM_LintOneFile)->Apply(one_file_args);
BENCHMARK(BM_FixOneFile)->Apply(one_file_args);
BENCHMARK_MAIN();
