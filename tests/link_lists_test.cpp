#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <set>
#include <vector>

#include "shelf/error.h"
#include "shelf/link_lists.h"
#include "shelf/packed_ints.h"
#include "shelf/random.h"

namespace {

using shelf::LinkLists;

constexpr std::int32_t kMaxId = std::numeric_limits<std::int32_t>::max();

struct Lists {
  std::vector<std::int32_t> ids;
  std::vector<std::size_t> ends;
  std::vector<std::int32_t> bases;
  void add(std::vector<std::int32_t> list, std::int32_t base) {
    ids.insert(ids.end(), list.begin(), list.end());
    ends.push_back(ids.size());
    bases.push_back(base);
  }
  std::vector<std::int32_t> list(std::size_t i) const {
    return {ids.begin() + static_cast<std::ptrdiff_t>(i ? ends[i - 1] : 0), ids.begin() + static_cast<std::ptrdiff_t>(ends[i])};
  }
};

// Every list decodes to what was stored; size() and longest() agree.
void check_round_trip(const Lists& lists) {
  const LinkLists coded(lists.ids, lists.ends, lists.bases);
  REQUIRE(coded.size() == lists.ends.size());
  std::size_t longest = 0;
  std::vector<std::int32_t> out(std::max<std::size_t>(1, coded.longest()));
  for (std::size_t i = 0; i < lists.ends.size(); ++i) {
    CAPTURE(i);
    const auto expected = lists.list(i);
    longest = std::max(longest, expected.size());
    const std::size_t count = coded.decode(i, lists.bases[i], out.data());
    REQUIRE(count == expected.size());
    CHECK(std::equal(expected.begin(), expected.end(), out.begin()));
  }
  CHECK(coded.longest() == longest);
}

// A sorted list of `count` distinct ids drawn below `limit`.
std::vector<std::int32_t> random_list(shelf::Random& random, std::size_t count, std::uint32_t limit) {
  std::set<std::int32_t> ids;
  while (ids.size() < count) ids.insert(static_cast<std::int32_t>(random.below(limit)));
  return {ids.begin(), ids.end()};
}

std::size_t varint_bytes(std::uint32_t v) {
  std::size_t bytes = 1;
  for (; v >= 0x80; v >>= 7) ++bytes;
  return bytes;
}

}  // namespace

TEST_CASE("link lists decode to what was stored: random lists, empty ones, extreme ids and gaps") {
  shelf::Random random(5);
  for (int trial = 0; trial < 40; ++trial) {
    CAPTURE(trial);
    Lists lists;
    const std::size_t n = random.below(300);
    // Some trials keep ids near their base (a good numbering), some spread them over all ids.
    // (41 ids at least: room for the longest list.)
    const std::uint32_t spread = trial % 3 == 0 ? static_cast<std::uint32_t>(kMaxId) : 41u + random.below(5000);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t count = random.below(5) == 0 ? 0 : random.below(41);
      const auto base = static_cast<std::int32_t>(random.below(static_cast<std::uint32_t>(kMaxId)));
      std::vector<std::int32_t> list = random_list(random, count, spread);
      if (spread != static_cast<std::uint32_t>(kMaxId)) {
        const std::int64_t shift = std::min<std::int64_t>(base, kMaxId - static_cast<std::int64_t>(spread));
        for (auto& id : list) id = static_cast<std::int32_t>(id + shift);
      }
      lists.add(list, base);
    }
    check_round_trip(lists);
  }

  Lists extremes;
  extremes.add({}, 0);
  extremes.add({0, kMaxId}, 0);            // the largest gap
  extremes.add({kMaxId}, 0);               // the largest difference from the base, up
  extremes.add({0}, kMaxId);               // and down
  extremes.add({0, 1, 2, 3, kMaxId - 1, kMaxId}, kMaxId / 2);
  extremes.add({}, kMaxId);
  extremes.add({7}, 7);                    // a zero difference
  check_round_trip(extremes);

  Lists none;
  check_round_trip(none);
  CHECK(LinkLists(none.ids, none.ends, none.bases).bytes() > 0);  // its starts, at least

  Lists all_empty;
  for (int i = 0; i < 100; ++i) all_empty.add({}, i);
  check_round_trip(all_empty);

  Lists one_length;  // every value 1 bit long: a code of one symbol
  for (int i = 0; i < 50; ++i) one_length.add({2 * i + 1, 2 * i + 3, 2 * i + 5}, 2 * i);
  check_round_trip(one_length);
}

TEST_CASE("link lists cap their code words and shrink their blocks when lists are long") {
  // Value lengths with Fibonacci counts give a Huffman code far deeper than kMaxCodeBits.
  Lists skewed;
  std::uint64_t a = 1, b = 1;
  std::int32_t node = 0;
  for (unsigned length = 2; length <= 26; ++length) {
    for (std::uint64_t k = 0; k < a; ++k) {
      const std::int32_t first = node + 1;
      skewed.add({first, first + (std::int32_t{1} << (length - 1))}, node);  // a gap of `length` bits
      ++node;
    }
    const std::uint64_t next = a + b;
    a = b;
    b = std::min<std::uint64_t>(next, 2000);
  }
  check_round_trip(skewed);

  // 64 lists of 2,000 far-apart ids take far more than 2^16 bits: blocks must be smaller.
  shelf::Random random(9);
  Lists long_lists;
  for (int i = 0; i < 200; ++i) long_lists.add(random_list(random, 2000, static_cast<std::uint32_t>(kMaxId)), i);
  check_round_trip(long_lists);
}

TEST_CASE("link lists with near links take fewer bytes than byte varints") {
  shelf::Random random(3);
  Lists lists;
  std::size_t varints = 0;
  for (std::int32_t node = 1000; node < 3000; ++node) {
    std::vector<std::int32_t> list = random_list(random, 20, 400);
    for (auto& id : list) id += node - 200;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::int32_t step = i ? list[i] - list[i - 1] : 2 * std::abs(list[0] - node);
      varints += varint_bytes(static_cast<std::uint32_t>(step));
    }
    lists.add(list, node);
  }
  check_round_trip(lists);
  CHECK(LinkLists(lists.ids, lists.ends, lists.bases).bytes() < varints);
}

TEST_CASE("link lists refuse lists that are not ascending, negative ids and mismatched bases") {
  Lists repeated;
  repeated.add({1, 1}, 0);
  CHECK_THROWS_WITH_AS(LinkLists(repeated.ids, repeated.ends, repeated.bases), "LinkLists: a list is not ascending",
                       shelf::Error);
  Lists descending;
  descending.add({5, 3}, 0);
  CHECK_THROWS_AS(LinkLists(descending.ids, descending.ends, descending.bases), shelf::Error);
  Lists negative;
  negative.add({-1, 3}, 0);
  CHECK_THROWS_AS(LinkLists(negative.ids, negative.ends, negative.bases), shelf::Error);
  Lists fine;
  fine.add({1, 2}, 0);
  fine.bases.push_back(1);
  CHECK_THROWS_WITH_AS(LinkLists(fine.ids, fine.ends, fine.bases), "LinkLists: lists and bases disagree",
                       shelf::Error);
}

TEST_CASE("packed ints keep every value in the bits the largest needs") {
  shelf::Random random(11);
  for (unsigned width = 0; width <= 32; ++width) {
    CAPTURE(width);
    const std::uint64_t limit = std::uint64_t{1} << width;
    std::vector<std::uint32_t> values(1 + random.below(500));
    for (auto& v : values) v = static_cast<std::uint32_t>(random.next() % limit);
    if (width > 0) values[random.below(static_cast<std::uint32_t>(values.size()))] = static_cast<std::uint32_t>(limit - 1);
    const shelf::PackedInts packed(values);
    CHECK(packed.width() == width);
    CHECK(packed.size() == values.size());
    CHECK(packed.bytes() == (values.size() * width + 7) / 8 + 8);
    for (std::size_t i = 0; i < values.size(); ++i) REQUIRE(packed[i] == values[i]);
  }
  const shelf::PackedInts empty(std::vector<std::uint32_t>{});
  CHECK(empty.size() == 0);
  CHECK(empty.width() == 0);
}
