#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"

using namespace clang;

namespace concur {

/// `typedef struct { ... } name;` (common in C) is known by its typedef;
/// two such structs must not share the empty name.
static std::string recordName(const RecordDecl *RD) {
  if (RD->getIdentifier())
    return RD->getNameAsString();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getNameAsString();
  return "(anonymous struct at line " +
         std::to_string(
             RD->getASTContext().getSourceManager().getPresumedLineNumber(RD->getLocation())) +
         ")";
}

static void appendContext(const DeclContext *DC, std::string &Out) {
  if (!DC || DC->isTranslationUnit())
    return;
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
    appendContext(NS->getParent(), Out);
    // Inline namespaces (std::__cxx11, std::__1) are invisible to users.
    if (NS->isInline())
      return;
    Out += NS->isAnonymousNamespace() ? std::string("(anonymous)")
                                      : NS->getNameAsString();
    Out += "::";
    return;
  }
  if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
    appendContext(RD->getParent(), Out);
    Out += recordName(RD);
    Out += "::";
    return;
  }
  if (isa<LinkageSpecDecl>(DC) || isa<ExportDecl>(DC)) {
    appendContext(DC->getParent(), Out);
    return;
  }
  // Functions, blocks: local entities keep just their enclosing scope name.
  appendContext(DC->getParent(), Out);
}

std::string genericName(const NamedDecl *D) {
  if (!D)
    return {};
  std::string Out;
  appendContext(D->getDeclContext(), Out);
  const auto *RD = dyn_cast<RecordDecl>(D);
  Out += RD ? recordName(RD) : D->getNameAsString();
  return Out;
}

const CXXRecordDecl *classOfType(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->getAsCXXRecordDecl();
}

bool isCFunction(const FunctionDecl *F, llvm::StringRef Name) {
  return F && F->getDeclName().isIdentifier() && F->getName() == Name &&
         (F->isExternC() || F->getDeclContext()->isTranslationUnit());
}

std::string displayName(const FunctionDecl *F) {
  if (!F)
    return "<unknown>";
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    if (M->getParent()->isLambda())
      return "lambda";
  }
  std::string Name = genericName(F);
  return Name.empty() ? std::string("<anonymous>") : Name;
}

std::string findingFunction(const FunctionDecl *F) {
  while (F) {
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
      F = Pattern;
    const auto *Around = dyn_cast_or_null<FunctionDecl>(F->getParentFunctionOrMethod());
    if (!Around)
      return F->getQualifiedNameAsString();
    F = Around;
  }
  return {};
}

} // namespace concur
