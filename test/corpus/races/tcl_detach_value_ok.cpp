// Look-alike: a detached thread that owns copies of what it uses.
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
void notify(const std::string &who) {
  auto msg = std::make_shared<std::string>("hello " + who);
  int attempt = 1;
  std::thread([msg, attempt] { std::printf("%s #%d\n", msg->c_str(), attempt); }).detach();
}
int main() { notify("bob"); }
