// Everything is in include/evident_system.h; SwiftPM needs one source file for a C target.
#include "evident_system.h"
