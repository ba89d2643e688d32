# xsimd and doctest are header-only Debian packages (libxsimd-dev, doctest-dev). Emscripten must
# never see /usr/include (glibc headers break em++), so each is exposed through a folder in the
# build tree that holds nothing but a symlink to the package's own header directory.
find_path(SHELF_XSIMD_DIR xsimd/xsimd.hpp PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
find_path(SHELF_DOCTEST_DIR doctest/doctest.h PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(NOT SHELF_XSIMD_DIR)
  message(FATAL_ERROR "xsimd not found: apt-get install libxsimd-dev (scripts/setup.sh does this)")
endif()
if(NOT SHELF_DOCTEST_DIR)
  message(FATAL_ERROR "doctest not found: apt-get install doctest-dev (scripts/setup.sh does this)")
endif()
set(SHELF_SHIM_DIR ${CMAKE_BINARY_DIR}/third_party/include)
file(MAKE_DIRECTORY ${SHELF_SHIM_DIR})
file(CREATE_LINK ${SHELF_XSIMD_DIR}/xsimd ${SHELF_SHIM_DIR}/xsimd SYMBOLIC)
file(CREATE_LINK ${SHELF_DOCTEST_DIR}/doctest ${SHELF_SHIM_DIR}/doctest SYMBOLIC)
add_library(shelf_third_party INTERFACE)
target_include_directories(shelf_third_party SYSTEM INTERFACE ${SHELF_SHIM_DIR})
