// Command-line options: each command declares its flags; anything else is a usage error.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

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

std::string usage_of(const std::string& command, const std::string& synopsis, const std::vector<Flag>& flags);

}  // namespace shelf::cli
