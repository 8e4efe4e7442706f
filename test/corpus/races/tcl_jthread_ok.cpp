// Look-alike: a std::jthread joins in its destructor, before the local dies.
#include <thread>
int main() {
  int progress = 0;
  {
    std::jthread worker([&progress] { for (int i = 0; i < 10; ++i) progress = i; });
  }
  return progress;
}
