//===- ConcurModule.cpp - The concur clang-tidy module ------------------===//
//
// Registers every concur check under its user-facing name. The same object
// file is linked into the clang-tidy plugin (where the registry lives in the
// clang-tidy executable) and into the concur CLI.
//
//===----------------------------------------------------------------------===//
#include "coroutines/Checks.h"
#include "locks/Checks.h"
#include "pools/Checks.h"
#include "processes/Checks.h"
#include "races/Checks.h"
#include "threads/Checks.h"

#include "clang-tidy/ClangTidyModule.h"

namespace concur {
namespace {

class ConcurModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
#define CONCUR_CHECK(NAME, CLASS, SUMMARY) Factories.registerCheck<CLASS>(NAME);
#include "CheckList.def"
  }
};

} // namespace
} // namespace concur

static clang::tidy::ClangTidyModuleRegistry::Add<concur::ConcurModule>
    ConcurModuleRegistration("concur", "concur: concurrency hazards.");

// Referenced by the CLI so the linker keeps this object and its registration.
volatile int ConcurModuleAnchorSource = 0;
