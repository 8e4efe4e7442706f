// A coroutine hands thumbnail rendering to std::async and immediately waits
// for the result, which parks the loop thread for the whole render. The
// second version polls the future and yields to the loop in between.
#include "mini_task.h"
#include <chrono>
#include <future>
#include <vector>

using namespace std::chrono_literals;

static std::vector<char> render_thumbnail(int image) { return std::vector<char>(image % 7); }

Task<std::size_t> thumbnail_size(int image) {
  auto pending = std::async(std::launch::async, render_thumbnail, image);
  std::vector<char> pixels = pending.get(); // expect: concur-blocking-call-in-coroutine
  co_return pixels.size();
}

Task<std::size_t> thumbnail_size_polling(int image) {
  auto pending = std::async(std::launch::async, render_thumbnail, image);
  while (pending.wait_for(0s) != std::future_status::ready)
    co_await loop::sleep(2);
  co_return pending.get().size();
}
