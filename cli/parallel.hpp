#pragma once
// Runs work(i) for i in [0, count) on up to `jobs` threads (the calling thread is one of them). Each index
// is taken exactly once; callers keep results in per-index slots, so output order never depends on timing.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace drydock::cli {

// Threads to use when the user did not say: one per core.
inline unsigned default_jobs() {
    return std::max(1u, std::thread::hardware_concurrency());
}

template <typename Work>
void parallel_for(std::size_t count, unsigned jobs, Work&& work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            work(i);
    };
    const std::size_t threads_wanted = std::min<std::size_t>(std::max(1u, jobs), count);
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < threads_wanted; ++t)
        threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads)
        t.join();
}

} // namespace drydock::cli
