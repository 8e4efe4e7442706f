// A job board in POSIX named shared memory; producers in other processes
// post jobs by bumping the tail index without any lock.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

struct Board {
  int tail;
  int jobs[64];
};

Board *open_board() {
  int fd = shm_open("/jobs", O_CREAT | O_RDWR, 0600);
  ftruncate(fd, sizeof(Board));
  return static_cast<Board *>(mmap(nullptr, sizeof(Board), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
}

void post(int job) {
  Board *board = open_board();
  board->jobs[board->tail % 64] = job; // expect: concur-unsynchronized-shared-memory
  board->tail += 1; // expect: concur-unsynchronized-shared-memory
}
