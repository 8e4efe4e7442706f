# Turns docs/checks/*.md into a C++ table that tool/report/Rules.cpp
# includes, so the SARIF rules' help is the documentation of the concur that
# wrote it, with no path of the build machine in the binary.
#   cmake -DDOCS_DIR=<docs/checks> -DOUTPUT=<file.inc> -P EmbedCheckDocs.cmake
if(NOT DOCS_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "EmbedCheckDocs: DOCS_DIR and OUTPUT are required")
endif()
file(GLOB pages LIST_DIRECTORIES false "${DOCS_DIR}/concur-*.md")
list(SORT pages)
set(delimiter "concur_doc")
set(text "// Generated from docs/checks/*.md by cmake/EmbedCheckDocs.cmake. Do not edit.\n")
foreach(page IN LISTS pages)
  get_filename_component(check "${page}" NAME_WE)
  file(READ "${page}" body)
  string(FIND "${body}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "EmbedCheckDocs: ${check}.md contains the raw-string delimiter")
  endif()
  string(APPEND text "{\"${check}\", R\"${delimiter}(${body})${delimiter}\"},\n")
endforeach()
# Rewrite only on change: Rules.cpp need not recompile when nothing changed.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
