# SPDX-License-Identifier: MIT
# Packages: scripts/package builds the .deb (`cpack -G DEB` in build-package/) and checks it (lintian, validators,
# a clean Debian 12 root). The install rules here ship what Debian policy asks of a binary package besides the
# programs: copyright, changelog, manual pages, the systemd user unit.

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
# The manual pages carry the date of that entry (reproducible: not the build date).
file(STRINGS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" _kiro_changelog_trailers REGEX "^ -- ")
list(GET _kiro_changelog_trailers 0 _kiro_changelog_trailer)
if(NOT _kiro_changelog_trailer MATCHES ", ([0-9]+) ([A-Z][a-z][a-z]) ([0-9][0-9][0-9][0-9]) ")
    message(FATAL_ERROR "packaging/debian/changelog: no RFC 5322 date in '${_kiro_changelog_trailer}'")
endif()
set(KIRO_MAN_DATE "${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3}")

# Compressed documentation, as policy wants it: gzip -9n (no name, no timestamp: reproducible).
find_program(KIRO_GZIP gzip REQUIRED)
set(_kiro_doc_dir "${PROJECT_BINARY_DIR}/packaging")
set(_kiro_gzipped "${_kiro_doc_dir}/changelog.gz")
add_custom_command(
    OUTPUT "${_kiro_doc_dir}/changelog.gz"
    COMMAND "${KIRO_GZIP}" -9nc "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" > "${_kiro_doc_dir}/changelog.gz"
    DEPENDS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog"
    COMMENT "Compressing the changelog" VERBATIM)
if(KIRO_BUILD_UI)
    configure_file("${PROJECT_SOURCE_DIR}/packaging/man/kiro-tray.1.in" "${_kiro_doc_dir}/kiro-tray.1" @ONLY)
    add_custom_command(
        OUTPUT "${_kiro_doc_dir}/kiro-tray.1.gz"
        COMMAND "${KIRO_GZIP}" -9nc "${_kiro_doc_dir}/kiro-tray.1" > "${_kiro_doc_dir}/kiro-tray.1.gz"
        DEPENDS "${_kiro_doc_dir}/kiro-tray.1"
        COMMENT "Compressing kiro-tray.1" VERBATIM)
    list(APPEND _kiro_gzipped "${_kiro_doc_dir}/kiro-tray.1.gz")
    install(FILES "${_kiro_doc_dir}/kiro-tray.1.gz" DESTINATION share/man/man1)
endif()
add_custom_target(kiro_package_docs ALL DEPENDS ${_kiro_gzipped})

install(FILES "${PROJECT_SOURCE_DIR}/packaging/debian/copyright" "${_kiro_doc_dir}/changelog.gz"
        DESTINATION share/doc/kiro-tray)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/debian/lintian-overrides" DESTINATION share/lintian/overrides
        RENAME kiro-tray)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/systemd/kiro-proxyd.service" DESTINATION lib/systemd/user)

set(CPACK_PACKAGE_NAME "kiro-tray")
set(CPACK_PACKAGE_VENDOR "Kiro Tray authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "kiro-tray maintainers <maintainers@kiro-tray.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)

# Debian: the dependencies are what dpkg-shlibdeps finds in the binaries, never a hand-kept list (scripts/package
# checks that the control file has no other Depends). Section, priority and the long description are policy's.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long part ("." is an empty line).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Kiro Tray serves the Anthropic Messages API on 127.0.0.1 and forwards each
request to Kiro's API through a pool of your Kiro accounts, so Claude Code,
the Anthropic SDKs and other Anthropic API clients can use the Claude models
a Kiro plan includes. Failover between accounts, quota and health tracking,
and a request log are built in; refresh tokens stay in the Secret Service
keychain when one is available.
.
This package contains kiro-tray, the desktop application with its tray icon,
and kiro-proxyd, the same proxy without a user interface, with a hardened
systemd user unit (systemctl --user enable --now kiro-proxyd).")

set(CPACK_RPM_PACKAGE_LICENSE "MIT")
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_GENERATOR "DEB;TGZ")
include(CPack)
