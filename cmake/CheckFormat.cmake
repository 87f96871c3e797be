# SPDX-License-Identifier: MIT
# Fails when a C++ file of the repository differs from what .clang-format asks for (clang-format --dry-run --Werror).
# Fix with: clang-format -i <file>
file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/proxy/*.cpp" "${SOURCE_DIR}/proxy/*.h" "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h")
list(FILTER files EXCLUDE REGEX "node_modules/")
list(LENGTH files count)
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${files}
                WORKING_DIRECTORY "${SOURCE_DIR}"
                RESULT_VARIABLE rc ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    string(REGEX MATCHALL "[^\n:]+:[0-9]+:[0-9]+: error: code should be clang-formatted" hits "${out}")
    set(bad)
    foreach(hit IN LISTS hits)
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error.*" "" name "${hit}")
        list(APPEND bad "${name}")
    endforeach()
    list(REMOVE_DUPLICATES bad)
    list(JOIN bad "\n  " bad)
    message(FATAL_ERROR "not formatted (clang-format -i them):\n  ${bad}")
endif()
message(STATUS "${count} files are formatted")
