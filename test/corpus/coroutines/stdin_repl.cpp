// An interactive shell coroutine reads commands from std::cin on the loop
// thread; parsing the line from a string stream afterwards is fine.
#include "mini_task.h"
#include <iostream>
#include <sstream>
#include <string>

Task<int> repl() {
  int handled = 0;
  std::string line;
  while (std::getline(std::cin, line)) { // expect: concur-blocking-call-in-coroutine
    std::istringstream words(line);
    std::string command;
    words >> command;
    if (command == "quit")
      break;
    ++handled;
    std::cout << "ok\n";
    co_await loop::sleep(0);
  }
  co_return handled;
}
