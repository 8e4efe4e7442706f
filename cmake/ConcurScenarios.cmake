# Writes build/scenarios/compile_commands.json for the bundled scenario
# programs (test/scenarios/*/{broken,fixed}.cpp), the input of the main job.
file(GLOB CONCUR_SCENARIO_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/test/scenarios/*/broken.cpp
     ${CMAKE_SOURCE_DIR}/test/scenarios/*/fixed.cpp)
list(SORT CONCUR_SCENARIO_SOURCES)
set(_entries "")
foreach(src IN LISTS CONCUR_SCENARIO_SOURCES)
  get_filename_component(dir ${src} DIRECTORY)
  string(APPEND _entries
    "  {\"directory\": \"${dir}\", \"file\": \"${src}\", \"arguments\": [\"${CMAKE_CXX_COMPILER}\", \"-std=c++20\", \"-pthread\", \"-I${CMAKE_SOURCE_DIR}/runtime/include\", \"-c\", \"${src}\"]},\n")
endforeach()
string(REGEX REPLACE ",\n$" "\n" _entries "${_entries}")
file(WRITE ${CMAKE_BINARY_DIR}/scenarios/compile_commands.json.tmp "[\n${_entries}]\n")
# Rewrite only on change, so the file's timestamp means something.
configure_file(${CMAKE_BINARY_DIR}/scenarios/compile_commands.json.tmp
               ${CMAKE_BINARY_DIR}/scenarios/compile_commands.json COPYONLY)
