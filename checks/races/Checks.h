// Check headers of the races family, included by ConcurModule.cpp.
#pragma once
#include "UnguardedSharedStateCheck.h"
