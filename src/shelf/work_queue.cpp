#include "shelf/work_queue.h"

#include <string>

#include "shelf/error.h"

namespace shelf {

namespace {
constexpr std::uint64_t pack(std::uint32_t begin, std::uint32_t end) noexcept {
  return static_cast<std::uint64_t>(begin) | (static_cast<std::uint64_t>(end) << 32);
}
constexpr std::uint32_t begin_of(std::uint64_t bounds) noexcept { return static_cast<std::uint32_t>(bounds); }
constexpr std::uint32_t end_of(std::uint64_t bounds) noexcept { return static_cast<std::uint32_t>(bounds >> 32); }
}  // namespace

WorkQueue::WorkQueue(std::uint64_t count, std::size_t threads) : threads_(threads) {
  if (threads == 0) throw Error("a work queue needs at least one thread");
  if (count > UINT32_MAX) {
    throw Error("too much work to split: " + std::to_string(count) + " pieces (at most " +
                std::to_string(UINT32_MAX) + ")");
  }
  ranges_ = std::make_unique<Range[]>(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    const auto begin = static_cast<std::uint32_t>(count * t / threads);
    const auto end = static_cast<std::uint32_t>(count * (t + 1) / threads);
    ranges_[t].bounds.store(pack(begin, end), std::memory_order_relaxed);
  }
}

bool WorkQueue::take_front(Range& range, std::uint32_t& index) noexcept {
  std::uint64_t bounds = range.bounds.load(std::memory_order_relaxed);
  while (begin_of(bounds) < end_of(bounds)) {
    if (range.bounds.compare_exchange_weak(bounds, pack(begin_of(bounds) + 1, end_of(bounds)),
                                           std::memory_order_relaxed)) {
      index = begin_of(bounds);
      return true;
    }
  }
  return false;
}

bool WorkQueue::take_back(Range& range, std::uint32_t& index) noexcept {
  std::uint64_t bounds = range.bounds.load(std::memory_order_relaxed);
  while (begin_of(bounds) < end_of(bounds)) {
    if (range.bounds.compare_exchange_weak(bounds, pack(begin_of(bounds), end_of(bounds) - 1),
                                           std::memory_order_relaxed)) {
      index = end_of(bounds) - 1;
      return true;
    }
  }
  return false;
}

bool WorkQueue::take(std::size_t thread, std::uint32_t& index) noexcept {
  if (thread < threads_ && take_front(ranges_[thread], index)) return true;
  for (;;) {
    std::size_t busiest = threads_;
    std::uint32_t most = 0;
    for (std::size_t t = 0; t < threads_; ++t) {
      const std::uint64_t bounds = ranges_[t].bounds.load(std::memory_order_relaxed);
      const std::uint32_t left = end_of(bounds) - begin_of(bounds);
      if (begin_of(bounds) < end_of(bounds) && left > most) {
        most = left;
        busiest = t;
      }
    }
    if (busiest == threads_) return false;
    if (take_back(ranges_[busiest], index)) return true;
  }
}

}  // namespace shelf
