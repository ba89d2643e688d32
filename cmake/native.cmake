find_package(Threads REQUIRED)

set(SHELF_NATIVE_OPTIONS -O3)
if(SHELF_FUZZ)
  include(cmake/fuzz.cmake)
  return()
endif()
if(SHELF_SANITIZE)
  set(SHELF_NATIVE_OPTIONS -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# Portable x86-64 baseline for a shipped binary; SHELF_ARCH_FLAGS (e.g. -march=native) for local tuning.
set(SHELF_ARCH_FLAGS "" CACHE STRING "Extra instruction-set flags for the native build")
separate_arguments(SHELF_ARCH_LIST UNIX_COMMAND "${SHELF_ARCH_FLAGS}")

shelf_add_core(shelf_core OPTIONS ${SHELF_NATIVE_OPTIONS} ${SHELF_ARCH_LIST})
target_link_libraries(shelf_core PUBLIC Threads::Threads)

add_executable(shelf ${SHELF_CLI_SOURCES})
target_link_libraries(shelf PRIVATE shelf_core)
target_compile_options(shelf PRIVATE ${SHELF_WARNINGS})

if(SHELF_TESTS)
  add_executable(shelf_tests ${SHELF_TEST_SOURCES})
  target_link_libraries(shelf_tests PRIVATE shelf_core)
  add_test(NAME doctest_native COMMAND shelf_tests)
  shelf_test_environment(doctest_native)
endif()
