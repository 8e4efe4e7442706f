//===- TranslationUnitIndex.h - One walk over the user's code --*- C++ -*-===//
//
// The single AST walk of the shared model: it visits every function defined
// in user code (not system headers), including lambda call operators and
// template instantiations, once per TU, and records what the checks need to
// start from: all user functions and the coroutines among them.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_TRANSLATIONUNITINDEX_H
#define CONCUR_CHECKS_MODEL_TRANSLATIONUNITINDEX_H

#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace clang {
class ASTContext;
class Decl;
class FunctionDecl;
} // namespace clang

namespace concur {

class TranslationUnitIndex {
public:
  explicit TranslationUnitIndex(clang::ASTContext &Ctx);

  /// Function definitions in user code, in source order of discovery.
  const std::vector<const clang::FunctionDecl *> &functions() const {
    return Functions;
  }
  /// The coroutines among them: bodies with co_await, co_yield or co_return.
  const std::vector<const clang::FunctionDecl *> &coroutines() const {
    return Coroutines;
  }
  bool isCoroutine(const clang::FunctionDecl *F) const;
  /// Whether \p F is referred to other than as the callee of a direct call
  /// (address taken, bound to a std::function, passed as a callback).
  bool hasUnseenCallers(const clang::FunctionDecl *F) const;

private:
  llvm::DenseSet<const clang::FunctionDecl *> Escaping;
  std::vector<const clang::FunctionDecl *> Functions;
  std::vector<const clang::FunctionDecl *> Coroutines;
  llvm::DenseSet<const clang::FunctionDecl *> CoroutineSet;
};

/// Whether \p F's definition is a coroutine (independent of any index).
bool isCoroutineDefinition(const clang::FunctionDecl *F);

/// Whether \p D is written in the TU's main file (where its macro is
/// expanded, for a declaration a macro makes).
bool inMainFile(const clang::Decl *D);
/// Whether \p F is defined here, out of line, in the main file: this file
/// is its implementation, and what it shows of F's class and callers
/// stands for the rest.
bool definedOutOfLineHere(const clang::FunctionDecl *F);

} // namespace concur

#endif
