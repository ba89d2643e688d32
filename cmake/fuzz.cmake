# The libFuzzer targets (fuzz/*.cpp, one per parser), built by preset `fuzz`. The core is
# instrumented for coverage and checked by AddressSanitizer and UndefinedBehaviorSanitizer; each
# target links libFuzzer's main. scripts/fuzz.sh builds and runs them.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SHELF_FUZZ needs clang (libFuzzer): configure with preset fuzz, or -DCMAKE_CXX_COMPILER=clang++")
endif()

set(SHELF_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined)
set(SHELF_FUZZ_OPTIONS -O1 -g -fno-omit-frame-pointer ${SHELF_FUZZ_SANITIZERS})
shelf_add_core(shelf_core OPTIONS ${SHELF_FUZZ_OPTIONS} -fsanitize=fuzzer-no-link)
target_link_libraries(shelf_core PUBLIC Threads::Threads)

file(GLOB SHELF_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_*.cpp)
set(SHELF_FUZZ_TARGETS)
foreach(source IN LISTS SHELF_FUZZ_SOURCES)
  get_filename_component(target ${source} NAME_WE)
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE shelf_core)
  target_compile_options(${target} PRIVATE ${SHELF_WARNINGS} -fsanitize=fuzzer)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer ${SHELF_FUZZ_SANITIZERS})
  list(APPEND SHELF_FUZZ_TARGETS ${target})
endforeach()
# The list scripts/fuzz.sh runs.
string(REPLACE ";" "\n" SHELF_FUZZ_LIST "${SHELF_FUZZ_TARGETS}")
file(WRITE ${CMAKE_BINARY_DIR}/fuzz_targets.txt "${SHELF_FUZZ_LIST}\n")
