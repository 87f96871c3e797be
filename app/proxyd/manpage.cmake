# SPDX-License-Identifier: MIT
# Writes kiro-proxyd.1 from `kiro-proxyd --man` (the command-line tables the help uses) and kiro-proxyd.1.gz
# (gzip -9n: no name or time stamp, as Debian wants). -DPROGRAM=<kiro-proxyd> -DOUTPUT=<dir>/kiro-proxyd.1
execute_process(COMMAND "${PROGRAM}" --man OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "kiro-proxyd --man failed (${_rc})")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
find_program(GZIP_EXECUTABLE gzip REQUIRED)
execute_process(COMMAND "${GZIP_EXECUTABLE}" -9nc "${OUTPUT}" OUTPUT_FILE "${OUTPUT}.gz" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gzip of ${OUTPUT} failed (${_rc})")
endif()
