#include "shelf/tokenizer.h"

namespace shelf {

namespace {

bool in(char32_t cp, char32_t first, char32_t last) noexcept { return cp >= first && cp <= last; }

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct CollectTokens {
  std::vector<std::string> tokens;
  void token(std::string_view t) { tokens.emplace_back(t); }
  void sentence_end() {}
};

struct CollectSentences {
  std::vector<std::vector<std::string>> sentences{1};
  void token(std::string_view t) { sentences.back().emplace_back(t); }
  void sentence_end() { sentences.emplace_back(); }
};

}  // namespace

Tokenizer::CharClass Tokenizer::classify(char32_t cp) noexcept {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return CharClass::Word;
    }
    if (cp == '\n') return CharClass::Newline;
    if (cp == '\'') return CharClass::Apostrophe;
    if (cp == '-') return CharClass::Hyphen;
    if (cp <= 0x20 || cp == 0x7F) return CharClass::Space;
    return CharClass::Punct;
  }
  if (cp == 0xFEFF) return CharClass::Ignore;                    // byte-order mark
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return CharClass::Newline;
  if (cp == 0x2019 || cp == 0x02BC) return CharClass::Apostrophe;  // typographic apostrophes
  if (cp == 0x2010 || cp == 0x2011) return CharClass::Hyphen;
  if (in(cp, 0x80, 0xA0) || in(cp, 0x2000, 0x200B) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000 || cp == 0x1680) {
    return CharClass::Space;
  }
  // Latin-1 symbols, except the letter-like ones (ª µ º) and the digits (² ³ ¹ ¼ ½ ¾).
  if (in(cp, 0xA1, 0xBF)) {
    const bool word_like = cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 ||
                           cp == 0xB9 || in(cp, 0xBC, 0xBE);
    return word_like ? CharClass::Word : CharClass::Punct;
  }
  if (cp == 0xD7 || cp == 0xF7) return CharClass::Punct;  // × ÷
  if (in(cp, 0x2012, 0x205E) || in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3001, 0x3003) ||
      in(cp, 0x3008, 0x3011) || in(cp, 0x3014, 0x301F) || in(cp, 0xFE10, 0xFE19) ||
      in(cp, 0xFE30, 0xFE4F) || in(cp, 0xFF01, 0xFF0F) || in(cp, 0xFF1A, 0xFF20) ||
      in(cp, 0xFF3B, 0xFF40) || in(cp, 0xFF5B, 0xFF65) || cp == 0x00BF || cp == 0x037E ||
      cp == 0x0387 || in(cp, 0x055A, 0x055F) || cp == 0x0589 || cp == 0x05BE ||
      in(cp, 0x060C, 0x060D) || cp == 0x061B || cp == 0x061F || cp == 0x06D4 ||
      in(cp, 0x0964, 0x0965)) {
    return CharClass::Punct;
  }
  return CharClass::Word;
}

char32_t Tokenizer::to_lower(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (in(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 32;  // Latin-1 capitals
  if ((in(cp, 0x100, 0x12F) || in(cp, 0x132, 0x137) || in(cp, 0x14A, 0x177))) return cp | 1;  // Latin Extended-A pairs
  if (in(cp, 0x139, 0x148) || in(cp, 0x179, 0x17E)) return (cp & 1) ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;                                     // Ÿ
  if (cp == 0x130) return 'i';                                      // dotted İ
  if (in(cp, 0x391, 0x3A9) && cp != 0x3A2) return cp + 32;          // Greek
  if (cp == 0x386) return 0x3AC;                                    // accented Greek capitals
  if (in(cp, 0x388, 0x38A)) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (in(cp, 0x38E, 0x38F)) return cp + 63;
  if (in(cp, 0x410, 0x42F)) return cp + 32;                         // Cyrillic
  if (in(cp, 0x400, 0x40F)) return cp + 80;
  return cp;
}

void Tokenizer::append(char32_t cp) {
  if (token_full_ || token_.size() + 4 > kMaxTokenBytes) {  // keep whole characters only
    token_full_ = true;
    return;
  }
  append_utf8(token_, cp);
}

std::vector<std::string> tokenize(std::string_view text) {
  Tokenizer tokenizer;
  CollectTokens sink;
  tokenizer.feed(text, sink);
  tokenizer.finish(sink);
  return std::move(sink.tokens);
}

std::vector<std::vector<std::string>> tokenize_sentences(std::string_view text) {
  Tokenizer tokenizer;
  CollectSentences sink;
  tokenizer.feed(text, sink);
  tokenizer.finish(sink);
  if (sink.sentences.back().empty()) sink.sentences.pop_back();
  return std::move(sink.sentences);
}

std::string lowercase(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const auto lead = static_cast<unsigned char>(word[i]);
    const int length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3
                     : (lead & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = length > 0 && i + length <= word.size();
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(word[i + k]);
      valid = (next & 0xC0) == 0x80;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (!valid) {  // not ours to repair here: keep the byte
      out.push_back(word[i++]);
      continue;
    }
    append_utf8(out, Tokenizer::to_lower(cp));
    i += length;
  }
  return out;
}

}  // namespace shelf
