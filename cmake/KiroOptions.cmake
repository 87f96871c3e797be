# SPDX-License-Identifier: MIT
# The one INTERFACE target every Kiro Tray target links: language level, warnings, Qt hygiene, sanitizers.
if(KIRO_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KIRO_FUZZ needs Clang (libFuzzer): configure with CC=clang-14 CXX=clang++-14")
endif()
add_library(kiro_options INTERFACE)
target_compile_features(kiro_options INTERFACE cxx_std_17)
set_target_properties(kiro_options PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)
target_compile_definitions(kiro_options INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    KIRO_VERSION_STRING="${PROJECT_VERSION}"
    KIRO_HOMEPAGE_URL="${PROJECT_HOMEPAGE_URL}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(kiro_options INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # Qt's qCDebug(category) << … expands to a variadic macro with no variadic argument, which Clang's
        # -Wpedantic reports in every file that logs.
        target_compile_options(kiro_options INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
    endif()
    if(KIRO_WERROR)
        target_compile_options(kiro_options INTERFACE -Werror)
    endif()
    # Release builds for size: most of the code runs once per request or less, and an idle kiro-proxyd's resident
    # memory is mostly code pages (-O3: 1.5 MB of its 16.5 MB; -Os with unused sections dropped: 0.5 MB less). The
    # code that runs per byte or per event is compiled for speed instead (kiro_hot_path below).
    target_compile_options(kiro_options INTERFACE $<$<CONFIG:Release>:-Os -ffunction-sections -fdata-sections>)
    if(NOT APPLE)
        target_link_options(kiro_options INTERFACE $<$<CONFIG:Release>:-Wl,--gc-sections>)
    endif()
    if(KIRO_FUZZ)
        # Coverage hooks, ASan and UBSan in every Kiro library; the fuzzers add libFuzzer's main at link time
        # (kiro_add_fuzzer). A UBSan report aborts, so libFuzzer counts it as a crash and keeps the input.
        target_compile_options(kiro_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                      -fno-sanitize-recover=all -fno-omit-frame-pointer)
        target_link_options(kiro_options INTERFACE -fsanitize=address,undefined)
    elseif(ENABLE_SANITIZERS)
        # float-cast-overflow: GCC leaves it out of "undefined" (fuzz_config found one).
        target_compile_options(kiro_options INTERFACE -fsanitize=address,undefined,float-cast-overflow
                                                      -fno-omit-frame-pointer)
        target_link_options(kiro_options INTERFACE -fsanitize=address,undefined,float-cast-overflow)
    endif()
elseif(MSVC)
    target_compile_options(kiro_options INTERFACE /W4 /permissive- /utf-8)
endif()

# The per-byte and per-event code (JSON, CRC-32, frame decoding, request parsing, token counting): -O2 in every build
# type that optimises, after the target's -Os (a source file's options come last on the command line).
function(kiro_hot_path)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        set_source_files_properties(${ARGN} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                                    PROPERTIES COMPILE_OPTIONS "$<$<CONFIG:Release>:-O2>")
    endif()
endfunction()
