#pragma once
#include <mutex>
extern std::mutex accounts_mu; // bank.cpp
extern std::mutex audit_mu;    // audit.cpp
void audit_record(int amount); // audit.cpp
void audit_flush();            // audit.cpp
void post_to_account(int amount); // bank.cpp
