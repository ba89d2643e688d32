// Command-line options: each command declares its flags; anything else is a usage error.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "shelf/error.h"

namespace shelf::cli {

// A mistake in how the command was called (unknown flag, bad value): exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Flag {
  std::string name;          // "--dim" (or "-k")
  bool takes_value = true;   // false for switches such as --json
  std::string fallback;      // value when absent ("" = none)
  std::string help;
};

class Args {
 public:
  // Parses argv[first..]: "--flag value", "--flag=value", switches, and positional words.
  Args(const std::vector<Flag>& flags, int argc, char** argv, int first);

  bool has(const std::string& name) const;
  std::string text(const std::string& name) const;      // UsageError if missing and no fallback
  long long integer(const std::string& name, long long min, long long max) const;
  double number(const std::string& name, double min, double max) const;
  bool on(const std::string& name) const { return has(name); }
  const std::vector<std::string>& positional() const { return positional_; }
  // The positional words must number between min and max.
  void expect_positional(std::size_t min, std::size_t max, const std::string& what) const;

 private:
  const Flag& flag(const std::string& name) const;
  std::vector<Flag> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// A flag naming one of the engine's choices, parsed by its wire name (shelf/wire_names.h), e.g.
// choice(args, "--model", model_from_name); an unknown name is a usage error.
template <class Parse>
auto choice(const Args& args, const std::string& name, Parse parse) {
  const std::string value = args.text(name);
  try {
    return parse(value);
  } catch (const shelf::Error& e) {
    throw UsageError("invalid value for " + name + ": " + e.what());
  }
}

std::string usage_of(const std::string& command, const std::string& synopsis, const std::vector<Flag>& flags);

}  // namespace shelf::cli
