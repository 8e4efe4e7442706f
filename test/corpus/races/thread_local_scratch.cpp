// Look-alike: thread_local state is per thread.
#include <thread>
thread_local int scratch = 0;
void work() { for (int i = 0; i < 10; ++i) scratch += i; }
int main() { std::thread a(work), b(work); a.join(); b.join(); }
