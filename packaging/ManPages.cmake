# SPDX-License-Identifier: MIT
# kiro_install_man_page(<page.N> [DEPENDS <file or target>...])
# Compresses a manual page at build time as Debian policy wants it (gzip -9n: no name, no timestamp, so the package
# is reproducible) and installs it to share/man/man<N>. <page.N> may be generated at build time: name what makes it
# in DEPENDS. scripts/package fails when a program in bin/ has no page or groff warns about one.
# Also checks packaging/debian/changelog against the project version and sets KIRO_MAN_DATE ("24 Nov 2026") for .TH.
find_program(KIRO_GZIP gzip REQUIRED)

# packaging/debian/changelog is the release history in Debian's format; its top entry must name this version, so
# a version bump without a changelog entry fails at configure time instead of shipping a stale changelog.
file(STRINGS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" _kiro_changelog_top LIMIT_COUNT 1)
if(NOT _kiro_changelog_top MATCHES "^kiro-tray \\(([^)]+)\\) ")
    message(FATAL_ERROR "packaging/debian/changelog: the first line is not a Debian changelog entry")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(FATAL_ERROR "packaging/debian/changelog: the top entry is ${CMAKE_MATCH_1}, the project is "
                        "${PROJECT_VERSION}: add an entry for ${PROJECT_VERSION}")
endif()
# KIRO_MAN_DATE: the manual pages carry the date of that entry (reproducible: not the build date).
file(STRINGS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" _kiro_changelog_trailers REGEX "^ -- ")
list(GET _kiro_changelog_trailers 0 _kiro_changelog_trailer)
if(NOT _kiro_changelog_trailer MATCHES ", ([0-9]+) ([A-Z][a-z][a-z]) ([0-9][0-9][0-9][0-9]) ")
    message(FATAL_ERROR "packaging/debian/changelog: no RFC 5322 date in '${_kiro_changelog_trailer}'")
endif()
set(KIRO_MAN_DATE "${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3}")

function(kiro_install_man_page page)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS")
    get_filename_component(name "${page}" NAME)
    if(NOT name MATCHES "\\.([1-9])$")
        message(FATAL_ERROR "kiro_install_man_page: ${page} does not end in a section number")
    endif()
    set(section "${CMAKE_MATCH_1}")
    set(out "${CMAKE_BINARY_DIR}/man/${name}.gz")
    string(MAKE_C_IDENTIFIER "kiro_man_${name}" target)
    add_custom_command(
        OUTPUT "${out}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/man"
        COMMAND "${KIRO_GZIP}" -9nc "${page}" > "${out}"
        DEPENDS "${page}" ${arg_DEPENDS}
        COMMENT "Compressing the manual page ${name}" VERBATIM)
    add_custom_target(${target} ALL DEPENDS "${out}")
    install(FILES "${out}" DESTINATION "share/man/man${section}")
endfunction()
