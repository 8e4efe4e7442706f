#pragma once
#include <mutex>
struct Ledger { std::mutex mu; int entries = 0; };
extern std::mutex stock_mu; // ship.cpp
extern Ledger ledger;       // ship.cpp
