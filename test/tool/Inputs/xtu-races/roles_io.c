#include <pthread.h>
#include <stddef.h>
// The I/O thread parses only while the mode says READ; the parser (in
// this file) stops before running a command when not idle, and the
// command runs in another file.
enum { MODE_IDLE, MODE_READ };
int io_mode;
struct conn { int fd; int pending; };
static struct conn conns[2];
int run_command(struct conn *c);
int note_input(struct conn *c);
static int parse(struct conn *c) {
  note_input(c);
  if (io_mode != MODE_IDLE)
    return 0; // the main thread runs it later
  return run_command(c);
}
static void *io_thread(void *arg) {
  for (;;)
    if (io_mode == MODE_READ)
      parse(&conns[(long)arg]);
  return NULL;
}
int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, io_thread, (void *)i);
  return 0;
}
