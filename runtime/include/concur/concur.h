// concur/concur.h - the whole concur runtime in one include.
//
//   concur/sync.h         Mutex, RecursiveMutex, SharedMutex, CondVar,
//                         Semaphore, BoundedSemaphore, Event, Guarded<T>
//   concur/future.h       Future<T>, Promise<T>, Outcome<T>, CancelledError,
//                         TimeoutError
//   concur/thread_pool.h  ThreadPool, as_completed
//   concur/event_loop.h   EventLoop, Task<T>, sleep, yield, gather,
//                         gather_settled, wait_for, run_in_executor, run
//   concur/process.h      ProcessPool, Queue<T>, Pipe, SharedValue<T>
//   concur/debug.h        debug-mode detectors and their JSON findings
//
// docs/runtime.md maps each Python name to its C++ counterpart.
#pragma once

#include "concur/annotations.h"
#include "concur/debug.h"
#include "concur/event_loop.h"
#include "concur/future.h"
#include "concur/process.h"
#include "concur/sync.h"
#include "concur/thread_pool.h"
