#include "shelf/vector_store.h"

#include <algorithm>
#include <limits>

#include "shelf/error.h"
#include "shelf/kernels.h"

namespace shelf {

VectorStore::VectorStore(Embeddings embeddings) : embeddings_(std::move(embeddings)) {
  const std::size_t n = embeddings_.words.size();
  if (embeddings_.vectors.rows() != n) {
    throw Error(std::to_string(n) + " words but " + std::to_string(embeddings_.vectors.rows()) +
                " vectors");
  }
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw Error("too many words: " + std::to_string(n));
  }
  unit_ = embeddings_.vectors.normalized_rows();
  index_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view w = embeddings_.words[i];
    if (!index_.emplace(w, static_cast<std::int32_t>(i)).second) {
      throw Error("duplicate word '" + std::string(w) + "'");
    }
  }
}

const std::string& VectorStore::word(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= size()) {
    throw Error("no word with id " + std::to_string(id));
  }
  return embeddings_.words[static_cast<std::size_t>(id)];
}

std::int32_t VectorStore::find(std::string_view word) const {
  const auto it = index_.find(word);
  return it == index_.end() ? -1 : it->second;
}

std::int32_t VectorStore::id_of(std::string_view word) const {
  const std::int32_t id = find(word);
  if (id < 0) throw Error("unknown word '" + std::string(word) + "'");
  return id;
}

float VectorStore::similarity(std::string_view a, std::string_view b) const {
  const std::int32_t ia = id_of(a), ib = id_of(b);
  return kernels::dot(unit_vector(ia), unit_vector(ib), dim());
}

std::vector<Neighbor> VectorStore::nearest(std::string_view word, std::size_t k) const {
  const std::int32_t id = id_of(word);
  return top_k_inner_product(unit_, unit_vector(id), k, excluding_hidden({id}));
}

std::vector<Neighbor> VectorStore::nearest(const float* vector, std::size_t k,
                                           const std::vector<std::int32_t>& exclude) const {
  std::vector<float> query(vector, vector + dim());
  kernels::normalize(query.data(), query.size());
  return top_k_inner_product(unit_, query.data(), k, excluding_hidden(exclude));
}

void VectorStore::analogy_query(std::int32_t a, std::int32_t b, std::int32_t c, float* out) const {
  const std::size_t d = dim();
  std::fill(out, out + d, 0.0f);
  kernels::axpy(1.0f, unit_vector(b), out, d);
  kernels::axpy(1.0f, unit_vector(c), out, d);
  kernels::axpy(-1.0f, unit_vector(a), out, d);
  kernels::normalize(out, d);
}

void VectorStore::analogy_scores(std::int32_t a, std::int32_t b, std::int32_t c,
                                 AnalogyMethod method, std::size_t count, float* out) const {
  const std::size_t d = dim();
  count = std::min(count, size());
  if (method == AnalogyMethod::Add) {
    std::vector<float> query(d);
    analogy_query(a, b, c, query.data());
    kernels::dot_rows(unit_.data(), count, d, query.data(), out);
    return;
  }
  float cos_a[kScoreBlockRows], cos_b[kScoreBlockRows], cos_c[kScoreBlockRows];
  for (std::size_t start = 0; start < count; start += kScoreBlockRows) {
    const std::size_t n = std::min(kScoreBlockRows, count - start);
    const float* rows = unit_.row(start);
    kernels::dot_rows(rows, n, d, unit_vector(a), cos_a);
    kernels::dot_rows(rows, n, d, unit_vector(b), cos_b);
    kernels::dot_rows(rows, n, d, unit_vector(c), cos_c);
    for (std::size_t i = 0; i < n; ++i) {
      const float shifted_a = (1.0f + cos_a[i]) * 0.5f;
      const float shifted_b = (1.0f + cos_b[i]) * 0.5f;
      const float shifted_c = (1.0f + cos_c[i]) * 0.5f;
      out[start + i] = shifted_b * shifted_c / (shifted_a + kCosMulEpsilon);
    }
  }
}

std::vector<Neighbor> VectorStore::analogy(std::string_view a, std::string_view b,
                                           std::string_view c, std::size_t k,
                                           AnalogyMethod method, std::size_t restrict_to) const {
  const std::int32_t ia = id_of(a), ib = id_of(b), ic = id_of(c);
  const std::size_t count = restrict_to == 0 ? size() : std::min(restrict_to, size());
  std::vector<float> scores(count);
  analogy_scores(ia, ib, ic, method, count, scores.data());
  return top_k_of_scores(scores.data(), count, k, excluding_hidden({ia, ib, ic}));
}

std::size_t VectorStore::analogy_rank(std::string_view a, std::string_view b, std::string_view c,
                                      std::string_view answer, AnalogyMethod method,
                                      bool exclude_inputs) const {
  const std::int32_t ia = id_of(a), ib = id_of(b), ic = id_of(c);
  const std::int32_t target = find(answer);
  if (target < 0) return 0;
  std::vector<float> scores(size());
  analogy_scores(ia, ib, ic, method, size(), scores.data());
  const float own = scores[static_cast<std::size_t>(target)];
  std::size_t ahead = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto id = static_cast<std::int32_t>(i);
    if (id == target) continue;
    if (exclude_inputs && (id == ia || id == ib || id == ic)) continue;
    if (!hidden_.empty() && is_hidden(id)) continue;
    if (scores[i] > own || (scores[i] == own && id < target)) ++ahead;
  }
  return ahead + 1;
}

void VectorStore::hide(std::vector<std::int32_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const auto id : ids) word(id);  // throws for an id out of range
  hidden_ = std::move(ids);
}

bool VectorStore::is_hidden(std::int32_t id) const {
  return std::binary_search(hidden_.begin(), hidden_.end(), id);
}

std::vector<std::int32_t> VectorStore::visible_ids(std::size_t limit) const {
  std::vector<std::int32_t> ids;
  ids.reserve(std::min(limit, size()));
  auto next_hidden = hidden_.begin();
  for (std::size_t i = 0; i < size() && ids.size() < limit; ++i) {
    const auto id = static_cast<std::int32_t>(i);
    if (next_hidden != hidden_.end() && *next_hidden == id) {
      ++next_hidden;
      continue;
    }
    ids.push_back(id);
  }
  return ids;
}

std::vector<std::int32_t> VectorStore::excluding_hidden(std::vector<std::int32_t> ids) const {
  if (hidden_.empty()) return ids;
  ids.insert(ids.end(), hidden_.begin(), hidden_.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace shelf
