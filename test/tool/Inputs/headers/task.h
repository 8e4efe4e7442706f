// A coroutine type and a blocking helper, shared by the headers below.
#pragma once
#include <coroutine>
#include <unistd.h>
struct T { struct promise_type { T get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
inline void wait_a_bit() { usleep(10); }
