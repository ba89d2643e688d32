#include "cli/args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace shelf::cli {

Args::Args(const std::vector<Flag>& flags, int argc, char** argv, int first) : flags_(flags) {
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.size() < 2 || word[0] != '-' || (word[1] >= '0' && word[1] <= '9') || word[1] == '.') {
      positional_.push_back(word);
      continue;
    }
    if (word == "--") {
      for (++i; i < argc; ++i) positional_.emplace_back(argv[i]);
      break;
    }
    std::string value;
    bool has_inline_value = false;
    if (const auto eq = word.find('='); eq != std::string::npos) {
      value = word.substr(eq + 1);
      word = word.substr(0, eq);
      has_inline_value = true;
    }
    const Flag* spec = nullptr;
    for (const auto& f : flags_) {
      if (f.name == word) spec = &f;
    }
    if (!spec) throw UsageError("unknown option '" + word + "'");
    if (spec->takes_value && !has_inline_value) {
      if (i + 1 >= argc) throw UsageError("option " + word + " needs a value");
      value = argv[++i];
    } else if (!spec->takes_value && has_inline_value) {
      throw UsageError("option " + word + " takes no value");
    }
    values_[word] = value;
  }
}

const Flag& Args::flag(const std::string& name) const {
  for (const auto& f : flags_) {
    if (f.name == name) return f;
  }
  throw std::logic_error("undeclared flag " + name);
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::text(const std::string& name) const {
  if (const auto it = values_.find(name); it != values_.end()) return it->second;
  const Flag& f = flag(name);
  if (f.fallback.empty()) throw UsageError("missing required option " + name);
  return f.fallback;
}

long long Args::integer(const std::string& name, long long min, long long max) const {
  const std::string value = text(name);
  char* end = nullptr;
  errno = 0;
  const long long parsed = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || errno == ERANGE) {
    throw UsageError("invalid value for " + name + ": '" + value + "' (expected a whole number)");
  }
  if (parsed < min || parsed > max) {
    throw UsageError("invalid value for " + name + ": " + value + " (expected " + std::to_string(min) +
                     " to " + std::to_string(max) + ")");
  }
  return parsed;
}

double Args::number(const std::string& name, double min, double max) const {
  const std::string value = text(name);
  char* end = nullptr;
  const double parsed = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(parsed)) {
    throw UsageError("invalid value for " + name + ": '" + value + "' (expected a number)");
  }
  if (parsed < min || parsed > max) {
    throw UsageError("invalid value for " + name + ": " + value + " (expected " + std::to_string(min) +
                     " to " + std::to_string(max) + ")");
  }
  return parsed;
}

void Args::expect_positional(std::size_t min, std::size_t max, const std::string& what) const {
  if (positional_.size() < min || positional_.size() > max) {
    throw UsageError("expected " + what + ", got " + std::to_string(positional_.size()) + " argument(s)");
  }
}

std::string usage_of(const std::string& command, const std::string& synopsis, const std::vector<Flag>& flags) {
  std::string out = "usage: shelf " + command + " " + synopsis + "\n";
  for (const auto& f : flags) {
    std::string left = "  " + f.name + (f.takes_value ? " VALUE" : "");
    left.resize(std::max<std::size_t>(left.size() + 1, 24), ' ');
    out += left + f.help + (f.fallback.empty() ? "" : " (default " + f.fallback + ")") + "\n";
  }
  return out;
}

}  // namespace shelf::cli
