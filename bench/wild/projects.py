"""The wild benchmark's projects: one entry per Debian source package.

Fields:
  lang       "c++" or "c", the project's main language (each TU is told C or
             C++ by its compile command; C TUs keep the project's own -std)
  deps       Debian binary packages the configure step needs (installed
             with apt-get when missing)
  configure  "cmake" (configure only, -DCMAKE_EXPORT_COMPILE_COMMANDS=ON,
             plus cmake_args; build_targets builds generated headers only),
             "bear" (make-based: `bear -- <make>` around a real build, after
             the `pre` shell steps), or "generate" (header-only: a compile
             database over `sources` globs with `flags`; @src is the root)
  binary     fetch these binary packages instead of the source package
             (binary_fallback: only when `apt-get source` fails)
  slice      globs relative to the unpacked source root, in priority order;
             exclude: globs to leave out; max_tus: cap (default 100)
  cxx20      False keeps the project's own -std (default: C++ TUs get
             -std=c++20, or the project's own flags where that fails to parse)
"""

PROJECTS = {
    "leveldb": {
        "lang": "c++",
        "deps": ["libgtest-dev", "libgmock-dev", "libbenchmark-dev", "libsnappy-dev"],
        "configure": "cmake",
        "cmake_args": ["-DLEVELDB_BUILD_TESTS=ON", "-DLEVELDB_BUILD_BENCHMARKS=OFF",
                       "-DLEVELDB_INSTALL=OFF"],
        "slice": ["db/*.cc", "util/*.cc", "table/*.cc", "helpers/*.cc", "port/*.cc",
                  "benchmarks/*.cc"],
        "max_tus": 80,
    },
    "rocksdb": {
        "lang": "c++",
        "deps": ["libgtest-dev", "libgmock-dev"],
        "configure": "cmake",
        "cmake_args": ["-DWITH_TESTS=ON", "-DWITH_ALL_TESTS=ON", "-DFAIL_ON_WARNINGS=OFF",
                       "-DWITH_GFLAGS=OFF", "-DWITH_LIBURING=OFF", "-DWITH_BENCHMARK_TOOLS=OFF",
                       "-DWITH_TOOLS=OFF", "-DWITH_CORE_TOOLS=OFF", "-DPORTABLE=ON",
                       "-DUSE_RTTI=ON"],
        "slice": ["util/threadpool_imp*.cc", "db/write_thread.cc", "db/db_impl/*.cc",
                  "cache/*.cc", "db/write_thread_test.cc", "db/db_write_test.cc",
                  "monitoring/*.cc", "env/*.cc", "util/*.cc", "db/*.cc"],
        "exclude": ["cache/cache_bench*.cc", "*_bench.cc"],
        "max_tus": 80,
    },
    "abseil": {
        "lang": "c++",
        "deps": ["libgtest-dev", "libgmock-dev"],
        "configure": "cmake",
        "cmake_args": ["-DABSL_BUILD_TESTING=ON", "-DBUILD_TESTING=ON",
                       "-DABSL_USE_EXTERNAL_GOOGLETEST=ON", "-DABSL_FIND_GOOGLETEST=ON",
                       "-DCMAKE_CXX_STANDARD=17"],
        "slice": ["absl/synchronization/*.cc", "absl/base/*.cc"],
        "max_tus": 60,
    },
    "asio": {
        # Header-only. The source package's files are 404 on this archive
        # mirror; libasio-dev (headers) and libasio-doc (upstream examples) of
        # the same version 1:1.22.1-1 are used instead. The upstream tests are
        # not in any binary package, so the slice is the examples: io_context
        # run from several threads (http/server3, executors), strands,
        # C++20 coroutines (cpp17/coroutines_ts builds with -std=c++20).
        "lang": "c++",
        "binary_fallback": ["libasio-dev", "libasio-doc"],
        "configure": "generate",
        "flags": ["-std=c++20", "-pthread", "-I@src/usr/include", "-DASIO_NO_DEPRECATED"],
        "sources": ["usr/share/doc/libasio-dev/examples/cpp11/**/*.cpp",
                    "usr/share/doc/libasio-dev/examples/cpp14/**/*.cpp",
                    "usr/share/doc/libasio-dev/examples/cpp17/**/*.cpp"],
        "slice": ["*/cpp17/coroutines_ts/*.cpp", "*/cpp11/http/server*/*.cpp",
                  "*/cpp14/executors/*.cpp", "*/cpp11/executors/*.cpp",
                  "*/cpp14/parallel_group/*.cpp", "*/cpp11/timeouts/*.cpp",
                  "*/cpp11/chat/*.cpp", "*/cpp14/operations/*.cpp", "*/cpp14/deferred/*.cpp",
                  "*/cpp11/*/*.cpp", "*/cpp14/*/*.cpp"],
        "exclude": ["*/ssl/*", "*/windows/*", "*/porthopper/*", "*/serialization/*"],
        "max_tus": 40,
    },
    "onetbb": {
        "lang": "c++",
        "deps": ["libhwloc-dev"],
        "configure": "cmake",
        "cmake_args": ["-DTBB_TEST=ON", "-DTBB_STRICT=OFF", "-DTBB_EXAMPLES=OFF",
                       "-DTBB_ENABLE_IPO=OFF", "-DTBBMALLOC_BUILD=OFF"],
        "slice": ["src/tbb/arena*.cpp", "src/tbb/market*.cpp", "src/tbb/task_dispatcher*.cpp",
                  "src/tbb/*.cpp", "test/tbb/test_concurrent_*.cpp", "test/tbb/test_task_arena.cpp",
                  "test/tbb/test_task_group.cpp", "test/tbb/test_mutex.cpp",
                  "test/tbb/test_arena_*.cpp", "test/conformance/conformance_concurrent_*.cpp",
                  "test/conformance/conformance_mutex.cpp", "test/tbb/*.cpp"],
        "max_tus": 50,
    },
    "poco": {
        "lang": "c++",
        "deps": ["libpcre3-dev", "libpcre2-dev", "zlib1g-dev", "libexpat1-dev", "libutf8proc-dev"],
        "configure": "cmake",
        "cmake_args": ["-DENABLE_TESTS=ON", "-DPOCO_UNBUNDLED=ON",
                       "-DENABLE_ENCODINGS=OFF", "-DENABLE_MONGODB=OFF", "-DENABLE_DATA_SQLITE=OFF",
                       "-DENABLE_REDIS=OFF", "-DENABLE_UTIL=OFF", "-DENABLE_NET=OFF",
                       "-DENABLE_ZIP=OFF", "-DENABLE_PAGECOMPILER=OFF",
                       "-DENABLE_PAGECOMPILER_FILE2PAGE=OFF", "-DENABLE_ACTIVERECORD=OFF",
                       "-DENABLE_ACTIVERECORD_COMPILER=OFF", "-DENABLE_NETSSL=OFF",
                       "-DENABLE_CRYPTO=OFF", "-DENABLE_JWT=OFF", "-DENABLE_DATA=OFF"],
        "slice": [f"Foundation/src/{n}.cpp" for n in (
                      "Thread", "Thread_POSIX", "ThreadPool", "ThreadLocal", "ThreadTarget",
                      "Runnable", "Mutex", "Mutex_POSIX", "Event", "Event_POSIX", "Semaphore",
                      "Semaphore_POSIX", "RWLock", "RWLock_POSIX", "Condition",
                      "SynchronizedObject", "ActiveDispatcher", "Timer", "Notification",
                      "NotificationCenter", "NotificationQueue", "PriorityNotificationQueue",
                      "TimedNotificationQueue", "Task", "TaskManager", "TaskNotification",
                      "AsyncChannel", "NamedEvent", "NamedMutex", "ErrorHandler")]
                 + [f"Foundation/testsuite/src/{n}.cpp" for n in (
                      "ThreadTest", "ThreadPoolTest", "ThreadLocalTest", "ThreadingTestSuite",
                      "SemaphoreTest", "ConditionTest", "RWLockTest", "ActiveMethodTest",
                      "ActiveDispatcherTest", "TimerTest", "NotificationQueueTest",
                      "PriorityNotificationQueueTest", "TimedNotificationQueueTest",
                      "NotificationCenterTest", "NotificationsTestSuite", "TaskTest",
                      "TaskManagerTest", "TaskTestSuite", "BasicEventTest", "FIFOEventTest",
                      "PriorityEventTest", "EventTestSuite", "NamedEventTest", "NamedMutexTest")],
        "max_tus": 80,
    },
    "zeromq3": {
        "lang": "c++",
        "deps": ["libsodium-dev", "libbsd-dev"],
        "configure": "cmake",
        "cmake_args": ["-DBUILD_TESTS=ON", "-DWITH_LIBSODIUM=OFF", "-DWITH_DOCS=OFF",
                       "-DENABLE_CURVE=OFF", "-DENABLE_DRAFTS=OFF", "-DWITH_PERF_TOOL=OFF",
                       "-DBUILD_STATIC=OFF"],
        "slice": [f"src/{n}.cpp" for n in (
                      "ctx", "mailbox", "mailbox_safe", "signaler", "thread", "io_thread",
                      "reaper", "epoll", "poller_base", "socket_base", "pipe", "object", "own",
                      "session_base", "clock", "proxy", "zmq", "msg", "socket_poller",
                      "radio", "dish", "server", "client", "scatter", "gather", "timers")]
                 + ["src/*.cpp", "tests/test_ctx_*.cpp", "tests/test_thread_safe*.cpp",
                    "tests/*.cpp"],
        "max_tus": 60,
    },
    "concurrentqueue": {
        # Header-only. The source package's files are 404 on this archive
        # mirror; libconcurrentqueue-dev of the same version 1.0.3+ds-1 ships
        # the headers and Debian's three autopkgtest programs, which are the
        # slice (upstream's own test suite is not in any binary package).
        "lang": "c++",
        "binary_fallback": ["libconcurrentqueue-dev"],
        "configure": "generate",
        "flags": ["-std=c++20", "-pthread", "-I@src/usr/include"],
        "sources": ["usr/share/doc/libconcurrentqueue-dev/examples/*.cpp"],
        "slice": ["*.cpp"],
    },
    "redis": {
        "lang": "c",
        "deps": ["libjemalloc-dev", "liblua5.1-0-dev", "lua-cjson-dev", "libhiredis-dev",
                 "liblzf-dev", "libssl-dev", "libsystemd-dev", "pkg-config"],
        "configure": "bear",
        # Debian's redis links the system Lua, hiredis, jemalloc (see
        # debian/rules); -O0 keeps the recorded build short.
        "make": "make -j2 -C src redis-server V=1 CC=clang-22 OPTIMIZATION=-O0 "
                "USE_SYSTEM_JEMALLOC=yes USE_SYSTEM_LUA=yes USE_SYSTEM_HIREDIS=yes "
                "USE_JEMALLOC=yes BUILD_TLS=no",
        "slice": ["src/*.c"],
        "exclude": ["src/redis-benchmark.c", "src/redis-cli.c", "src/modules/*"],
        "max_tus": 80,
    },
    "memcached": {
        "lang": "c",
        "deps": ["libevent-dev", "libsasl2-dev", "libseccomp-dev"],
        "configure": "bear",
        "pre": ["./configure CC=clang-22 CFLAGS='-O0 -g' > /dev/null"],
        "make": "make -j2 memcached",
        "slice": ["*.c"],
        "max_tus": 80,
    },
    "libzstd": {
        # zstd's worker pool (pool.c), multi-threaded compression (zstdmt)
        # and the dictionary builders that fan out over the pool.
        "lang": "c",
        "deps": [],
        "configure": "bear",
        "make": "make -j2 -C lib libzstd.a CC=clang-22 ZSTD_LEGACY_SUPPORT=0 "
                "MOREFLAGS='-O0 -DZSTD_MULTITHREAD -pthread'",
        "slice": ["lib/common/pool.c", "lib/common/threading.c",
                  "lib/compress/zstdmt_compress.c", "lib/dictBuilder/*.c", "lib/**/*.c"],
        "max_tus": 40,
    },
    "pbzip2": {
        # Parallel bzip2: producer/consumer queues over pthreads, in C++.
        "lang": "c++",
        "deps": ["libbz2-dev"],
        "configure": "bear",
        # pbzip2.cpp is C++98 ("%"PRIuMAX" is a literal suffix in C++11).
        "make": "make -j2 pbzip2 CXX=clang++-22 CXXFLAGS='-O0 -std=gnu++98'",
        "cxx20": False,
        "slice": ["*.cpp"],
        "max_tus": 20,
    },
    "xz-utils": {
        # liblzma's multi-threaded encoder and decoder (worker threads with
        # their own mutex and condition variable, an output queue) and the
        # xz command line.
        "lang": "c",
        "deps": [],
        "configure": "bear",
        "pre": ["./configure CC=clang-22 CFLAGS='-O0 -g' --disable-shared --disable-nls "
                "> /dev/null"],
        "make": "make -j2",
        "slice": ["src/liblzma/common/stream_encoder_mt.c", "src/liblzma/common/stream_decoder_mt.c",
                  "src/liblzma/common/outqueue.c", "src/liblzma/common/*.c", "src/xz/*.c"],
        "max_tus": 60,
    },
    "libuv1": {
        "lang": "c",
        "deps": [],
        "configure": "cmake",
        "cmake_args": ["-DLIBUV_BUILD_TESTS=ON", "-DLIBUV_BUILD_BENCH=OFF"],
        "slice": ["src/*.c", "src/unix/*.c", "test/test-thread*.c", "test/test-mutexes.c",
                  "test/test-condvar.c", "test/test-barrier.c", "test/test-semaphore.c",
                  "test/test-async*.c", "test/test-threadpool*.c", "test/test-work*.c",
                  "test/test-queue*.c", "test/test-signal*.c", "test/test-fs-event.c",
                  "test/test-loop-*.c", "test/test-once.c", "test/test-*.c"],
        "max_tus": 80,
    },
}
