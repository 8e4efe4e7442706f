# Finds LLVM and Clang 22 (Debian's llvm-22-dev / libclang-22-dev) and the
# test tools (llvm-22-tools: lit, FileCheck).
# LLVM's package accepts only an exact major.minor request, so find it
# unversioned at Debian's path and check the major version ourselves.
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-22/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 22)
  message(FATAL_ERROR "concur needs LLVM 22 (found ${LLVM_PACKAGE_VERSION} at ${LLVM_DIR}); run scripts/setup.sh")
endif()
find_package(Clang REQUIRED CONFIG HINTS /usr/lib/llvm-22/lib/cmake/clang
             PATHS ${LLVM_DIR}/../clang NO_DEFAULT_PATH)
message(STATUS "concur: LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_INSTALL_PREFIX}")
find_package(nlohmann_json 3 REQUIRED)

set(CONCUR_LLVM_BIN ${LLVM_TOOLS_BINARY_DIR})
find_program(CONCUR_CLANG_TIDY NAMES clang-tidy-22 clang-tidy
             HINTS ${CONCUR_LLVM_BIN} NO_DEFAULT_PATH REQUIRED)
find_program(CONCUR_LIT NAMES lit llvm-lit HINTS ${CONCUR_LLVM_BIN} NO_DEFAULT_PATH REQUIRED)
find_program(CONCUR_FILECHECK NAMES FileCheck HINTS ${CONCUR_LLVM_BIN} NO_DEFAULT_PATH REQUIRED)

separate_arguments(LLVM_DEFINITIONS_LIST NATIVE_COMMAND ${LLVM_DEFINITIONS})
# Everything that derives from LLVM/Clang classes must match LLVM's ABI:
# no RTTI. Exceptions stay on: the tool's own code uses them at its edges.
add_library(concur_llvm_flags INTERFACE)
target_include_directories(concur_llvm_flags SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_compile_definitions(concur_llvm_flags INTERFACE ${LLVM_DEFINITIONS_LIST})
target_compile_options(concur_llvm_flags INTERFACE -fno-rtti)

# Clang's builtin headers (<stddef.h>, <arm_neon.h>, ...) for the CLI, which
# would otherwise look for them next to its own executable.
execute_process(COMMAND ${CONCUR_LLVM_BIN}/clang -print-resource-dir
                OUTPUT_VARIABLE CONCUR_CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
