#pragma once
extern int mode;      // settings.cpp
void load_settings(); // settings.cpp: writes mode, no lock
