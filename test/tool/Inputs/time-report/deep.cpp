// A thread reaches a sleep through twelve calls while it holds a lock:
// deeper than call paths are followed (8 calls), so the analysis of the
// function the search starts from is cut short, and concur says so.
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex table_mutex;

void level12() { usleep(10); }
void level11() { level12(); }
void level10() { level11(); }
void level9() { level10(); }
void level8() { level9(); }
void level7() { level8(); }
void level6() { level7(); }
void level5() { level6(); }
void level4() { level5(); }
void level3() { level4(); }
void level2() { level3(); }
void level1() { level2(); }

void handler() {
  std::lock_guard<std::mutex> lock(table_mutex);
  level1();
}

int main() {
  std::thread t(handler);
  t.join();
}
