// Parser throughput on the real-world corpus: the whole corpus per iteration, and the smallest, median and
// largest files alone. Items are files, bytes are the files' sizes, so the report reads as files/s and MB/s.

#include "support/corpus.hpp"

#include <drydock/parser/parse.hpp>

#include <algorithm>
#include <benchmark/benchmark.h>

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

void parse_files(benchmark::State& state, const std::vector<const std::string*>& files) {
    if (files.empty()) {
        state.SkipWithError("shared corpus not found (lay ../shared beside the checkout)");
        return;
    }
    std::int64_t bytes = 0;
    for (const std::string* f : files)
        bytes += static_cast<std::int64_t>(f->size());
    for (auto _ : state) {
        for (const std::string* f : files) {
            drydock::Dockerfile file = drydock::parse(*f);
            benchmark::DoNotOptimize(file);
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(files.size()));
    state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_ParseWholeCorpus(benchmark::State& state) {
    std::vector<const std::string*> files;
    for (const std::string& t : corpus())
        files.push_back(&t);
    parse_files(state, files);
}

void BM_ParseOneFile(benchmark::State& state) {
    const auto& texts = corpus();
    std::vector<const std::string*> files;
    if (!texts.empty()) {
        const std::size_t index = state.range(0) == 0   ? 0
                                  : state.range(0) == 1 ? texts.size() / 2
                                                        : texts.size() - 1;
        files.push_back(&texts[index]);
        state.SetLabel(std::to_string(texts[index].size()) + " bytes");
    }
    parse_files(state, files);
}

} // namespace

BENCHMARK(BM_ParseWholeCorpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOneFile)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("small_median_large")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
