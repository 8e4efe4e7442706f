// Check headers of the threads family, included by ConcurModule.cpp.
#pragma once
#include "DetachedThreadCheck.h"
#include "UnjoinedThreadCheck.h"
