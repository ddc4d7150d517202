#ifndef EVIDENT_CZLIBDEFLATE_SHIM_H
#define EVIDENT_CZLIBDEFLATE_SHIM_H

#include <zlib.h>

#endif
