// Check headers of the coroutines family, included by ConcurModule.cpp.
#pragma once
#include "BlockingCallInCoroutineCheck.h"
#include "LockAcrossSuspensionCheck.h"
#include "UnawaitedCoroutineCheck.h"
