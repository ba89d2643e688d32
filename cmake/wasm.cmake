# Emscripten builds: the CLI and the test suite run under Node on the real file system; the
# engine module is an ES module for browsers (loaded by the worker), in a SIMD and a scalar flavour.

# Optimised links run Emscripten's JS optimiser, which needs Debian's acorn on NODE_PATH.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
# emcmake's default emulator passes a flag Node 20 rejects.
set(CMAKE_CROSSCOMPILING_EMULATOR node)

# shelf.js and the test runners are CommonJS; a "type": "module" package.json higher up (the
# web front-end's) must not make Node read them as ES modules.
file(WRITE ${CMAKE_BINARY_DIR}/package.json "{ \"type\": \"commonjs\" }\n")

set(SHELF_WASM_COMMON -O3 -fwasm-exceptions)
set(SHELF_WASM_SIMD -msimd128 -msse4.1)
# The most the engine may grow to: wasm32's whole address space. The bindings read the same
# number (SHELF_WASM_MAXIMUM_MEMORY) to refuse loads that would not fit (src/shelf/memory_estimate.h).
set(SHELF_WASM_MAXIMUM_MEMORY 4294967296)
set(SHELF_WASM_MEMORY -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=${SHELF_WASM_MAXIMUM_MEMORY})
set(SHELF_WASM_NODE_CLI -sNODERAWFS=1 -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1)

shelf_add_core(shelf_core OPTIONS ${SHELF_WASM_COMMON} ${SHELF_WASM_SIMD})
shelf_add_core(shelf_core_scalar OPTIONS ${SHELF_WASM_COMMON} DEFINITIONS SHELF_SCALAR_ONLY=1)

function(shelf_wasm_link target)
  target_link_options(${target} PRIVATE ${SHELF_WASM_COMMON} ${SHELF_WASM_MEMORY} ${ARGN})
endfunction()

add_executable(shelf ${SHELF_CLI_SOURCES})
target_link_libraries(shelf PRIVATE shelf_core)
target_compile_options(shelf PRIVATE ${SHELF_WARNINGS})
shelf_wasm_link(shelf ${SHELF_WASM_NODE_CLI})
set_target_properties(shelf PROPERTIES SUFFIX ".js")

if(SHELF_TESTS)
  # The tests call the core's functions and nothing flavour-specific, so they compile once and
  # link into both runners (em++ at -O3 is the slowest part of the suite's build).
  add_library(shelf_test_objects OBJECT ${SHELF_TEST_SOURCES})
  target_include_directories(shelf_test_objects PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(shelf_test_objects PRIVATE shelf_third_party)
  target_compile_options(shelf_test_objects PRIVATE ${SHELF_WARNINGS} ${SHELF_WASM_COMMON})
  foreach(flavour IN ITEMS "" "_scalar")
    add_executable(shelf_tests${flavour} $<TARGET_OBJECTS:shelf_test_objects>)
    target_link_libraries(shelf_tests${flavour} PRIVATE shelf_core${flavour})
    shelf_wasm_link(shelf_tests${flavour} ${SHELF_WASM_NODE_CLI})
    set_target_properties(shelf_tests${flavour} PROPERTIES SUFFIX ".js")
    add_test(NAME doctest_wasm${flavour} COMMAND node ${CMAKE_BINARY_DIR}/shelf_tests${flavour}.js)
    shelf_test_environment(doctest_wasm${flavour})
  endforeach()
endif()

# The browser engine: Embind bindings only; all logic is in the core.
file(GLOB SHELF_BINDING_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/wasm/*.cpp)
if(SHELF_BINDING_SOURCES)
  foreach(flavour IN ITEMS "" "_scalar")
    set(target shelf_engine${flavour})
    add_executable(${target} ${SHELF_BINDING_SOURCES})
    target_link_libraries(${target} PRIVATE shelf_core${flavour})
    target_compile_options(${target} PRIVATE ${SHELF_WARNINGS})
    # DYNAMIC_EXECUTION=0: Embind 3.1.6 otherwise builds its invokers with `new Function`, which
    # the site's Content-Security-Policy forbids (no 'unsafe-eval'; see docs/security.md). Its
    # generic invokers are slower per call, but calls cross once per request or training slice.
    target_compile_definitions(${target} PRIVATE SHELF_WASM_MAXIMUM_MEMORY=${SHELF_WASM_MAXIMUM_MEMORY}ull)
    shelf_wasm_link(${target} --bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createShelfEngine
      -sENVIRONMENT=web,worker -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0)
    string(REPLACE "_" "-" output_name "shelf-engine${flavour}")
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${output_name} SUFFIX ".mjs")
  endforeach()
  # The worker protocol, end to end under Node: both engines, the host, the client, the worker.
  if(SHELF_TESTS)
    add_test(NAME js_protocol COMMAND node --test --test-timeout=120000 ${CMAKE_CURRENT_SOURCE_DIR}/tests/js/)
    set_tests_properties(js_protocol PROPERTIES ENVIRONMENT "SHELF_WASM_DIR=${CMAKE_BINARY_DIR}")
  endif()
endif()
