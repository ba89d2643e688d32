// `--help` for every command: prints the usage and tells the caller to stop.
#pragma once
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/args.h"

namespace shelf::cli {

inline bool print_help_if_asked(int argc, char** argv, const std::string& command, const std::string& synopsis,
                                const std::vector<Flag>& flags) {
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(usage_of(command, synopsis, flags).c_str(), stdout);
      return true;
    }
  }
  return false;
}

}  // namespace shelf::cli
