// concur/annotations.h - Clang thread-safety attribute macros.
//
// What: short macros over Clang's thread-safety attributes
// (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html). Every concur sync
// type uses them, so code that includes <concur/sync.h> and compiles with
// `-Wthread-safety` gets compile-time checks such as "writing variable
// 'balance' requires holding mutex 'mu'".
//
// Why macros: the attributes are Clang-only; other compilers see nothing.
//
// Use them on your own data too:
//
//   concur::Mutex mu;
//   int balance CONCUR_GUARDED_BY(mu) = 0;
//   void deposit(int n) CONCUR_EXCLUDES(mu);
//
// Do not silence a warning with CONCUR_NO_THREAD_SAFETY_ANALYSIS unless you
// can say, in a comment next to it, which lock protects the data instead.
#pragma once

#if defined(__clang__)
#define CONCUR_TSA_(x) __attribute__((x))
#else
#define CONCUR_TSA_(x)
#endif

// Types.
#define CONCUR_CAPABILITY(name) CONCUR_TSA_(capability(name))
#define CONCUR_SCOPED_CAPABILITY CONCUR_TSA_(scoped_lockable)
#if defined(__clang__) && __clang_major__ >= 21
// Lets the analysis accept a second acquisition by the holding thread.
#define CONCUR_REENTRANT_CAPABILITY CONCUR_TSA_(reentrant_capability)
#else
#define CONCUR_REENTRANT_CAPABILITY
#endif

// Data.
#define CONCUR_GUARDED_BY(x) CONCUR_TSA_(guarded_by(x))
#define CONCUR_PT_GUARDED_BY(x) CONCUR_TSA_(pt_guarded_by(x))
#define CONCUR_ACQUIRED_BEFORE(...) CONCUR_TSA_(acquired_before(__VA_ARGS__))
#define CONCUR_ACQUIRED_AFTER(...) CONCUR_TSA_(acquired_after(__VA_ARGS__))

// Functions.
#define CONCUR_REQUIRES(...) CONCUR_TSA_(requires_capability(__VA_ARGS__))
#define CONCUR_REQUIRES_SHARED(...) CONCUR_TSA_(requires_shared_capability(__VA_ARGS__))
#define CONCUR_ACQUIRE(...) CONCUR_TSA_(acquire_capability(__VA_ARGS__))
#define CONCUR_ACQUIRE_SHARED(...) CONCUR_TSA_(acquire_shared_capability(__VA_ARGS__))
#define CONCUR_RELEASE(...) CONCUR_TSA_(release_capability(__VA_ARGS__))
#define CONCUR_RELEASE_SHARED(...) CONCUR_TSA_(release_shared_capability(__VA_ARGS__))
#define CONCUR_RELEASE_GENERIC(...) CONCUR_TSA_(release_generic_capability(__VA_ARGS__))
#define CONCUR_TRY_ACQUIRE(...) CONCUR_TSA_(try_acquire_capability(__VA_ARGS__))
#define CONCUR_TRY_ACQUIRE_SHARED(...) CONCUR_TSA_(try_acquire_shared_capability(__VA_ARGS__))
#define CONCUR_EXCLUDES(...) CONCUR_TSA_(locks_excluded(__VA_ARGS__))
#define CONCUR_ASSERT_CAPABILITY(x) CONCUR_TSA_(assert_capability(x))
#define CONCUR_RETURN_CAPABILITY(x) CONCUR_TSA_(lock_returned(x))
#define CONCUR_NO_THREAD_SAFETY_ANALYSIS CONCUR_TSA_(no_thread_safety_analysis)

// Marks a function as blocking for concur's static checks
// (concur-blocking-call-in-coroutine, concur-blocking-call-under-lock):
//
//   CONCUR_BLOCKING void wait_for_disk();
#if defined(__clang__)
#define CONCUR_BLOCKING [[clang::annotate("concur::blocking")]]
#else
#define CONCUR_BLOCKING
#endif
