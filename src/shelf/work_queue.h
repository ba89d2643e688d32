// Work for a fixed set of threads: the indices [0, count) are split into one contiguous range
// per thread. A thread takes from the front of its own range and, once that is empty, from the
// back of the busiest other range, so all threads finish together even when their pieces cost
// different amounts (subsampling keeps fewer words of some texts; a shared machine slows one
// core) while each still works mostly on its own part of the data.
//
// Lock-free: each range is one 64-bit atomic (begin, end) changed by compare-and-swap, so every
// index is handed out exactly once.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>

namespace shelf {

class WorkQueue {
 public:
  // Throws shelf::Error when there are no threads or more indices than 32 bits can count.
  WorkQueue(std::uint64_t count, std::size_t threads);

  // The next index for `thread` (its own range first, then stolen); false when all are taken.
  bool take(std::size_t thread, std::uint32_t& index) noexcept;

  std::size_t threads() const noexcept { return threads_; }

 private:
  // One range on a cache line of its own, so threads taking from their own ranges do not slow
  // each other down.
  struct alignas(64) Range {
    std::atomic<std::uint64_t> bounds{0};  // begin in the low 32 bits, end in the high 32
  };
  bool take_front(Range& range, std::uint32_t& index) noexcept;
  bool take_back(Range& range, std::uint32_t& index) noexcept;

  std::size_t threads_;
  std::unique_ptr<Range[]> ranges_;
};

}  // namespace shelf
