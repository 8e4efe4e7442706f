long budget = 0;
void top_up() { if (budget == 0) budget = 10; }
