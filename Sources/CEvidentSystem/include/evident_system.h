// Constants and calls of glibc that Swift's Glibc module does not export: they are declared only
// with _GNU_SOURCE (O_NOATIME, F_SETPIPE_SZ). Taken from the system headers here, so that no
// number is copied into Swift.
#ifndef EVIDENT_SYSTEM_H
#define EVIDENT_SYSTEM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>

/// `open` flag: do not update the file's access time (allowed on one's own files only).
static inline int evident_o_noatime(void) { return O_NOATIME; }

/// `fcntl` command: set a pipe's capacity.
static inline int evident_f_setpipe_sz(void) { return F_SETPIPE_SZ; }

#endif
