// Look-alike: one-time initialisation through std::call_once.
#include <mutex>
#include <thread>
int config = 0;
std::once_flag once;
void use() { std::call_once(once, [] { config = 7; }); }
int main() { std::thread a(use), b(use); a.join(); b.join(); return config; }
