# Build speed: the LLVM/Clang headers dominate compile time, so the clang-based
# sources share one precompiled header, and ccache (when present) makes
# rebuilds of a clean clone on a warm machine nearly free.
find_program(CONCUR_CCACHE ccache)
if(CONCUR_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # PCH-aware sloppiness: the PCH is rebuilt per tree, so its mtime and
  # __DATE__/__TIME__ must not defeat the cache.
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}" ${CONCUR_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # Lets ccache hash a PCH by content rather than by timestamp.
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Xclang$<SEMICOLON>-fno-pch-timestamp>)
endif()
