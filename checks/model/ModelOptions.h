//===- ModelOptions.h - Configuration of the shared model ------*- C++ -*-===//
//
// What the model needs to know about the user's libraries: which calls start
// work on another thread (pool submit functions). These are *global*
// CheckOptions (keys without a check prefix, e.g. `PoolSubmitFunctions`),
// because one model serves every check in a TU. And where the TU's summary
// goes, which the caller decides, not the configuration.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_MODELOPTIONS_H
#define CONCUR_CHECKS_MODEL_MODELOPTIONS_H

#include <string>

namespace concur {

class SummarySink;

struct ModelOptions {
  /// Extra `Class::method` or `function` names that run their callable
  /// argument on another thread, separated by ';'. Added to the defaults
  /// (std::thread, std::jthread, std::async, pthread_create, the concur
  /// runtime's pools, BS::thread_pool, boost::asio::post).
  std::string PoolSubmitFunctions;
  /// Where the TU's summary goes when its last check is done (the CLI's
  /// cross-TU phase: SummaryExport.h); null in the clang-tidy plugin. Not
  /// a CheckOption: the caller attaches it to the TU's ClangTidyContext.
  SummarySink *Summaries = nullptr;
};

} // namespace concur

#endif
