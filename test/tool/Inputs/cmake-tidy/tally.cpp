// Two threads count words into one total with no lock: concur flags the
// update while the project builds.
#include <cstdio>
#include <thread>

long total_words = 0;

void count_words(int lines) {
  for (int i = 0; i < lines; ++i)
    total_words += 7;
}

int main() {
  std::thread first(count_words, 100);
  std::thread second(count_words, 200);
  first.join();
  second.join();
  std::printf("%ld words\n", total_words);
}
