// Check headers of the races family, included by ConcurModule.cpp.
#pragma once
#include "UnguardedSharedStateCheck.h"
#include "InconsistentLockingCheck.h"
#include "ThreadCapturesLocalCheck.h"
