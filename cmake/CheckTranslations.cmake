# SPDX-License-Identifier: MIT
# Fails when a user-visible string (tr()) has no zh_CN translation: runs lupdate on a copy of the committed .ts.
file(COPY_FILE "${TS_FILE}" "${WORK_DIR}/check_zh_CN.ts")
execute_process(COMMAND "${LUPDATE}" -silent -no-obsolete -locations none "${SOURCE_DIR}/ui" "${SOURCE_DIR}/app" "${SOURCE_DIR}/proxy"
                        -ts "${WORK_DIR}/check_zh_CN.ts"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc})")
endif()
file(READ "${WORK_DIR}/check_zh_CN.ts" ts)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*<translation type=\"unfinished\"" unfinished "${ts}")
list(LENGTH unfinished count)
if(count GREATER 0)
    message(FATAL_ERROR "${count} string(s) lack a zh_CN translation — run the update_translations target and translate:\n${unfinished}")
endif()
string(REGEX MATCHALL "<message" all "${ts}")
list(LENGTH all total)
message(STATUS "all ${total} user-visible strings are translated to zh_CN")
