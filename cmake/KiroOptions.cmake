# SPDX-License-Identifier: MIT
# The one INTERFACE target every Kiro Tray target links: language level, warnings, Qt hygiene, sanitizers.
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
    KIRO_VERSION_STRING="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(kiro_options INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)
    if(KIRO_WERROR)
        target_compile_options(kiro_options INTERFACE -Werror)
    endif()
    if(ENABLE_SANITIZERS)
        target_compile_options(kiro_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(kiro_options INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(kiro_options INTERFACE /W4 /permissive- /utf-8)
endif()
