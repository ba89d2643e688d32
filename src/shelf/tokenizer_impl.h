// Template bodies of Tokenizer (kept out of tokenizer.h so the interface reads at a glance).
#pragma once

namespace shelf {

template <class Sink>
void Tokenizer::flush(Sink& sink) {
  pending_joiner_ = 0;
  token_full_ = false;
  if (token_.empty()) return;
  sink.token(std::string_view(token_));
  sentence_has_tokens_ = true;
  token_.clear();
}

template <class Sink>
void Tokenizer::on_code_point(char32_t cp, Sink& sink) {
  switch (classify(cp)) {
    case CharClass::Word:
      if (pending_joiner_) {
        // A joiner is kept only with a character after it; no room for both cuts the token here.
        if (token_.size() + 1 + 4 > kMaxTokenBytes) token_full_ = true;
        if (!token_full_) token_.push_back(pending_joiner_);
        pending_joiner_ = 0;
      }
      append(to_lower(cp));
      return;
    case CharClass::Apostrophe:
    case CharClass::Hyphen:
      if (!token_.empty() && !pending_joiner_) {
        pending_joiner_ = classify(cp) == CharClass::Apostrophe ? '\'' : '-';
      } else {
        flush(sink);  // "--", or a joiner with no word before it
      }
      return;
    case CharClass::Newline:
      flush(sink);
      if (sentence_has_tokens_) sink.sentence_end();
      sentence_has_tokens_ = false;
      return;
    case CharClass::Ignore:
      return;
    case CharClass::Space:
    case CharClass::Punct:
      flush(sink);
      return;
  }
}

template <class Sink>
void Tokenizer::feed(std::string_view bytes, Sink& sink) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    const unsigned char byte = *p;
    if (partial_remaining_ > 0) {
      if ((byte & 0xC0) == 0x80) {
        partial_ = (partial_ << 6) | (byte & 0x3F);
        ++p;
        if (--partial_remaining_ == 0) {
          // Overlong forms, surrogates and values past U+10FFFF are invalid too.
          const bool valid = partial_ >= partial_min_ && partial_ <= 0x10FFFF &&
                             !(partial_ >= 0xD800 && partial_ <= 0xDFFF);
          on_code_point(valid ? partial_ : U'\uFFFD', sink);
        }
        continue;
      }
      // A truncated sequence: replace it and read this byte afresh.
      partial_remaining_ = 0;
      on_code_point(U'\uFFFD', sink);
      continue;
    }
    ++p;
    if (byte < 0x80) {
      on_code_point(byte, sink);
    } else if ((byte & 0xE0) == 0xC0) {
      partial_ = byte & 0x1F, partial_remaining_ = 1, partial_min_ = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      partial_ = byte & 0x0F, partial_remaining_ = 2, partial_min_ = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      partial_ = byte & 0x07, partial_remaining_ = 3, partial_min_ = 0x10000;
    } else {
      on_code_point(U'\uFFFD', sink);  // a stray continuation byte or 0xF8..0xFF
    }
  }
}

template <class Sink>
void Tokenizer::finish(Sink& sink) {
  if (partial_remaining_ > 0) {
    partial_remaining_ = 0;
    on_code_point(U'\uFFFD', sink);
  }
  on_code_point(U'\n', sink);
}

}  // namespace shelf
