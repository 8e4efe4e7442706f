// Check headers of the locks family, included by ConcurModule.cpp.
#pragma once
#include "BlockingCallUnderLockCheck.h"
#include "LockOrderInversionCheck.h"
#include "ManualLockUnlockCheck.h"
#include "RelockNonRecursiveCheck.h"
#include "WaitWithoutPredicateCheck.h"
