# Installation and the Debian package.
#   cmake --install build --prefix /usr/local   # or: cpack -G DEB in build/
# puts the CLI in bin/, the clang-tidy plugin in lib/concur/, the runtime
# (headers, static library, CMake package; see runtime/CMakeLists.txt), the
# documentation in share/doc/concur/ and the man page in share/man/man1/.
# Nothing installed refers to the build or source tree: the check pages are
# compiled into the CLI, and the only paths built in are the system LLVM's.
include(GNUInstallDirs)

# The build tree's RUNPATH is LLVM's library directory, a system path that
# stays valid after installation (Debian's libllvm22 and libclang-cpp22 are
# also on the default search path, so this only pins the LLVM 22 copies).
set_target_properties(concur concur-tidy PROPERTIES INSTALL_RPATH "${LLVM_LIBRARY_DIR}")

install(TARGETS concur RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(TARGETS concur-tidy LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/concur COMPONENT cli)
install(FILES docs/man/concur.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json" PATTERN "man" EXCLUDE)

# The .deb: its dependencies are the Debian packages of what the binaries
# link (libclang-cpp22, libllvm22) and use at run time (clang's builtin
# headers from libclang-common-22-dev for the CLI; clang-tidy-22 to load
# the plugin). Checked with ldd and dpkg -S on Debian 12 (apt.llvm.org).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME concur)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "concur maintainers <concur@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "C++ concurrency-hazard detector (CLI, clang-tidy-22 plugin, runtime)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1, libclang-cpp22 (>= 1:22.1), libllvm22 (>= 1:22.1), libclang-common-22-dev (>= 1:22.1), clang-tidy-22 (>= 1:22.1)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-22")
include(CPack)
