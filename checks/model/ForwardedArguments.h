//===- ForwardedArguments.h - Where a forwarding wrapper passes its arguments -*- C++ -*-===//
//
// `std::make_unique<Iter>(input, snapshots_, &ts_)`, `v.emplace_back(cfg_)`
// and every other perfect-forwarding wrapper take their arguments as
// `Args&&...`: an lvalue binds as a non-const reference, which on its face
// lets the wrapper change it. What the wrapper does is hand it on with
// std::forward to the constructor or function it wraps, a few calls deep
// (make_unique: `new T(std::forward<Args>(args)...)`; emplace_back:
// allocator_traits::construct, construct_at, placement new). The parameter
// at the end of that chain says how the argument is used: a const
// reference or a value is only read.
//
// This file follows a forwarding-reference parameter through the wrapper's
// instantiated body: every use of it must be a std::forward (or a cast to
// its own reference type) that is an argument of a call, a construction or
// a new-expression, whose parameter is in turn either a forwarding
// reference (followed again) or the end of the chain. Any other use (the
// wrapper reads or changes it itself) gives up, and the caller keeps what
// the parameter's type alone says.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_FORWARDEDARGUMENTS_H
#define CONCUR_CHECKS_MODEL_FORWARDEDARGUMENTS_H

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <utility>

namespace clang {
class FunctionDecl;
class ParmVarDecl;
} // namespace clang

namespace concur {

/// A parameter at the end of a forwarding chain, and its function.
using ForwardTarget = std::pair<clang::QualType, const clang::FunctionDecl *>;

class ForwardedArguments {
public:
  /// Whether parameter \p Index of \p Callee (an instantiation) is a
  /// forwarding reference of its function template (`T&&`, `Args&&...`).
  static bool isForwardingReference(const clang::FunctionDecl *Callee, unsigned Index);

  /// The parameters that the argument \p Callee takes as parameter \p Index
  /// ends up bound to, through forwarding wrappers; none when the
  /// parameter is not a forwarding reference or when some use of it is not
  /// a forward (see above). Memoised.
  std::optional<llvm::SmallVector<ForwardTarget, 2>> targets(const clang::FunctionDecl *Callee,
                                                             unsigned Index) const;

private:
  std::optional<llvm::SmallVector<ForwardTarget, 2>>
  follow(const clang::FunctionDecl *Callee, unsigned Index, unsigned Depth) const;

  mutable llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                         std::optional<llvm::SmallVector<ForwardTarget, 2>>>
      Memo;
};

} // namespace concur

#endif
