struct conn { int fd; int pending; };
long commands_run; // the main thread's alone
long input_seen;   // every parser's: a race
int run_command(struct conn *c) { commands_run++; return c->fd; }
int note_input(struct conn *c) { input_seen++; return c->fd; }
