#include "workers.h"
int hits;
void count() { hits++; }
int main() { start_counting(); }
