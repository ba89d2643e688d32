#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "shelf/error.h"
#include "shelf/work_queue.h"

TEST_CASE("a work queue hands each thread its own contiguous part first") {
  shelf::WorkQueue work(10, 3);
  std::uint32_t index = 0;
  REQUIRE(work.take(0, index));
  CHECK(index == 0);
  REQUIRE(work.take(1, index));
  CHECK(index == 3);
  REQUIRE(work.take(2, index));
  CHECK(index == 6);
  REQUIRE(work.take(1, index));
  CHECK(index == 4);
}

TEST_CASE("a thread whose part is done takes the end of the busiest other part") {
  shelf::WorkQueue work(10, 2);  // thread 0: 0..4, thread 1: 5..9
  std::uint32_t index = 0;
  for (std::uint32_t expected = 0; expected < 5; ++expected) {
    REQUIRE(work.take(0, index));
    CHECK(index == expected);
  }
  REQUIRE(work.take(0, index));
  CHECK(index == 9);
  REQUIRE(work.take(1, index));
  CHECK(index == 5);
}

TEST_CASE("every index is handed out exactly once, on one thread") {
  for (std::size_t threads : {1u, 2u, 5u, 16u}) {
    for (std::uint64_t count : {0u, 1u, 3u, 17u, 1000u}) {
      shelf::WorkQueue work(count, threads);
      std::vector<int> seen(count, 0);
      std::uint32_t index = 0;
      std::size_t taker = 0;
      while (work.take(taker % threads, index)) {
        REQUIRE(index < count);
        ++seen[index];
        taker += 3;
      }
      CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
      CHECK_FALSE(work.take(0, index));
    }
  }
}

#if !defined(__EMSCRIPTEN__)
TEST_CASE("every index is handed out exactly once to threads taking at the same time") {
  constexpr std::uint64_t kCount = 200000;
  constexpr std::size_t kThreads = 4;
  shelf::WorkQueue work(kCount, kThreads);
  std::vector<std::atomic<int>> seen(kCount);
  std::vector<std::uint64_t> taken(kThreads, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::uint32_t index = 0;
      while (work.take(t, index)) {
        seen[index].fetch_add(1);
        ++taken[t];
        // Uneven costs, so that stealing happens.
        if (t == 0) std::this_thread::yield();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::uint64_t total = 0;
  for (auto n : taken) total += n;
  CHECK(total == kCount);
  CHECK(std::all_of(seen.begin(), seen.end(), [](const std::atomic<int>& n) { return n.load() == 1; }));
}
#endif

TEST_CASE("a work queue refuses no threads and more work than it can count") {
  CHECK_THROWS_AS(shelf::WorkQueue(10, 0), shelf::Error);
  CHECK_THROWS_WITH_AS(shelf::WorkQueue(std::uint64_t{1} << 33, 2), doctest::Contains("too much work"), shelf::Error);
}
