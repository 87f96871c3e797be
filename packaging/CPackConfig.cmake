# SPDX-License-Identifier: MIT
# Packages: scripts/package builds the .deb (`cpack -G DEB` in build-package/) and checks it (lintian, validators,
# a clean Debian 12 root). The install rules here ship what Debian policy asks of a binary package besides the
# programs: copyright, changelog, manual pages, the systemd user unit.

# Compressed documentation, as policy wants it: gzip -9n (no name, no timestamp: reproducible). The manual pages go
# through kiro_install_man_page (packaging/ManPages.cmake, included before app/ so its pages can use it too).
set(_kiro_doc_dir "${PROJECT_BINARY_DIR}/packaging")
set(_kiro_gzipped "${_kiro_doc_dir}/changelog.gz")
add_custom_command(
    OUTPUT "${_kiro_doc_dir}/changelog.gz"
    COMMAND "${KIRO_GZIP}" -9nc "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" > "${_kiro_doc_dir}/changelog.gz"
    DEPENDS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog"
    COMMENT "Compressing the changelog" VERBATIM)
if(KIRO_BUILD_UI)
    configure_file("${PROJECT_SOURCE_DIR}/packaging/man/kiro-tray.1.in" "${_kiro_doc_dir}/kiro-tray.1" @ONLY)
    kiro_install_man_page("${_kiro_doc_dir}/kiro-tray.1")
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
