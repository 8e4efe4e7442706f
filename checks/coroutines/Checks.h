// Check headers of the coroutines family, included by ConcurModule.cpp.
#pragma once
#include "BlockingCallInCoroutineCheck.h"
#include "UnawaitedCoroutineCheck.h"
