#pragma once
#include <coroutine>
// A coroutine type, as small as the checks need (one line: the test is
// about the cache, not about coroutines).
struct Task { struct promise_type { Task get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
