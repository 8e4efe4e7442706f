// Check headers of the pools family, included by ConcurModule.cpp.
#pragma once
#include "AsyncLaunchPolicyCheck.h"
#include "DiscardedFutureCheck.h"
#include "PoolInLoopCheck.h"
#include "PoolSelfWaitCheck.h"
#include "SerializedSubmitCheck.h"
