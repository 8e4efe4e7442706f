// Check headers of the pools family, included by ConcurModule.cpp.
#pragma once
