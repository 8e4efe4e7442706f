// The job board guarded by a process-shared mutex stored in the board.
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

struct Board {
  pthread_mutex_t lock;
  int tail;
  int jobs[64];
};

Board *create_board() {
  int fd = shm_open("/jobs", O_CREAT | O_RDWR, 0600);
  ftruncate(fd, sizeof(Board));
  auto *board = static_cast<Board *>(
      mmap(nullptr, sizeof(Board), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&board->lock, &attr);
  return board;
}

void post(Board *board, int job) {
  pthread_mutex_lock(&board->lock);
  board->jobs[board->tail % 64] = job;
  board->tail += 1;
  pthread_mutex_unlock(&board->lock);
}
