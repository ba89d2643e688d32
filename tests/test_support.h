// Paths for tests that run both natively and as wasm under Node (NODERAWFS: the real file system).
#pragma once
#include <cstdlib>
#include <fstream>
#include <string>

namespace shelf::test {

// A file in the repository, e.g. source_path("tests/data/tiny_analogies.txt"). ctest runs every
// suite from the repository's root, so paths are relative to it: no checkout path is compiled
// in, and a compiler cache serves clones in other folders.
inline std::string source_path(const std::string& relative) {
  return relative;
}

// The shared evaluation sets live beside the repository (../shared/data/eval).
inline std::string eval_path(const std::string& name) {
  return "../shared/data/eval/" + name;
}

// A scratch file private to this test run; ctest gives each suite its own folder.
inline std::string temp_path(const std::string& name) {
  const char* dir = std::getenv("SHELF_TEST_TMP");
  return std::string(dir && *dir ? dir : "/tmp") + "/" + name;
}

inline void write_file(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace shelf::test
