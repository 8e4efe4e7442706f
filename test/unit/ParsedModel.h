// Shared harness of the model unit tests: a small program parsed in memory
// with the shared per-TU model built over it, and lookup of its functions.
#pragma once
#include "model/ConcurrencyModel.h"
#include "model/QualifiedNames.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace concur::testing {

struct ParsedModel {
  std::unique_ptr<clang::ASTUnit> AST;
  std::unique_ptr<ConcurrencyModel> Model;
};

/// Parses \p Code as C++20 with threads; the test fails if it does not compile.
inline ParsedModel parseModel(const std::string &Code, ModelOptions Opts = {}) {
  ParsedModel P;
  P.AST = clang::tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++20", "-pthread", "-resource-dir=" CONCUR_CLANG_RESOURCE_DIR}, "input.cc");
  EXPECT_TRUE(P.AST);
  EXPECT_FALSE(P.AST->getDiagnostics().hasErrorOccurred());
  P.Model = std::make_unique<ConcurrencyModel>(P.AST->getASTContext(), Opts);
  return P;
}

/// The user function named \p Name (`f`, `S::touch`), or null.
inline const clang::FunctionDecl *findFunction(ConcurrencyModel &M, llvm::StringRef Name) {
  for (const clang::FunctionDecl *F : M.index().functions())
    if (genericName(F) == Name)
      return F;
  return nullptr;
}

} // namespace concur::testing
