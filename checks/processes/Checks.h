// Check headers of the processes family, included by ConcurModule.cpp.
#pragma once
#include "ForkInThreadedProgramCheck.h"
#include "UnsynchronizedSharedMemoryCheck.h"
