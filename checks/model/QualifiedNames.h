//===- QualifiedNames.h - Stable names for catalog matching ----*- C++ -*-===//
//
// Catalogs (blocking calls, lock types, pool types) name library entities the
// way a user writes them: `std::future::get`, `std::mutex`, `sleep`. Clang's
// own qualified names carry template arguments and library-private inline
// namespaces (`std::__cxx11::`, `std::__1::`), and member functions are often
// declared in a private base (`std::__basic_future::wait`). These helpers
// produce the user-facing spelling so one catalog entry matches every
// specialization and both standard libraries.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_QUALIFIEDNAMES_H
#define CONCUR_CHECKS_MODEL_QUALIFIEDNAMES_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class NamedDecl;
class CXXRecordDecl;
class FunctionDecl;
class QualType;
} // namespace clang

namespace concur {

/// `ns::Class::member` without template arguments or inline namespaces.
std::string genericName(const clang::NamedDecl *D);

/// The class a type names, looking through references, pointers, typedefs
/// and template specializations; null if the type is not a class.
const clang::CXXRecordDecl *classOfType(clang::QualType T);

/// Whether \p F is the C library's (or the program's own) global function
/// \p Name: extern "C" or at file scope, not a member or a namespace's.
bool isCFunction(const clang::FunctionDecl *F, llvm::StringRef Name);

/// Human-readable name of a function for diagnostics: `Class::method`,
/// `free_function`, or `lambda at file:line` style names are left to Clang.
std::string displayName(const clang::FunctionDecl *F);

/// The function a finding in \p F's body is filed under (report::Finding::
/// Function), in the per-TU report and the cross-TU join alike: the
/// qualified name of the function as written (a template's, not an
/// instantiation's), or, for a lambda or a local class's method, of the
/// function around it.
std::string findingFunction(const clang::FunctionDecl *F);

} // namespace concur

#endif
