// A one-line JSON object writer for --json output.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

namespace shelf::cli {

class JsonObject {
 public:
  JsonObject& field(const std::string& key, const std::string& value) { return raw(key, quote(value)); }
  JsonObject& field(const std::string& key, const char* value) { return raw(key, quote(value)); }
  JsonObject& field(const std::string& key, bool value) { return raw(key, value ? "true" : "false"); }
  JsonObject& field(const std::string& key, double value) {
    if (!std::isfinite(value)) return raw(key, "null");
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return raw(key, buffer);
  }
  JsonObject& field(const std::string& key, long long value) { return raw(key, std::to_string(value)); }
  JsonObject& field(const std::string& key, unsigned long long value) { return raw(key, std::to_string(value)); }
  JsonObject& field(const std::string& key, std::size_t value) { return raw(key, std::to_string(value)); }
  JsonObject& field(const std::string& key, int value) { return raw(key, std::to_string(value)); }
  // `json` must already be valid JSON (a nested object or array).
  JsonObject& raw(const std::string& key, const std::string& json) {
    body_ += (body_.empty() ? "" : ",") + quote(key) + ":" + json;
    return *this;
  }
  std::string str() const { return "{" + body_ + "}"; }

  static std::string quote(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
          } else {
            out += c;
          }
      }
    }
    return out + "\"";
  }

 private:
  std::string body_;
};

}  // namespace shelf::cli
