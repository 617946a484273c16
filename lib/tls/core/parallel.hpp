// A dynamic parallel loop over independent items on std::threads. Results are independent of the
// thread count as long as each item uses only its own random stream (tls::Rng(seed, stage, item))
// and writes only its own slot.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tls {

/// Calls fn(i) for i in [0, n) on up to `threads` threads (0 = hardware concurrency), handing out
/// items one at a time. If items throw, the exception of the lowest-numbered failing item is
/// rethrown after all threads stop (so the error reported does not depend on timing).
template <class Fn>
void parallel_for(std::size_t n, int threads, Fn&& fn) {
  std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads)
                                    : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, n);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::size_t failed_item = n;
  std::exception_ptr error;
  auto work = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n || failed.load()) return;
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (i < failed_item) {
          failed_item = i;
          error = std::current_exception();
        }
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace tls
