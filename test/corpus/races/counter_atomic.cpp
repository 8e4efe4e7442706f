// Look-alike: an atomic counter.
#include <atomic>
#include <thread>
std::atomic<int> counter{0};
void work() { counter += 1; }
int main() { std::thread a(work), b(work); a.join(); b.join(); return counter.load(); }
