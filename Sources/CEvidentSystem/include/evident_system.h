// Constants and calls of glibc that Swift's Glibc module does not export: they are declared only
// with _GNU_SOURCE (O_NOATIME, F_SETPIPE_SZ, renameat2). Taken from the system headers here, so
// that no number is copied into Swift. And the build IDs of the loaded objects (`shim.c`).
#ifndef EVIDENT_SYSTEM_H
#define EVIDENT_SYSTEM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stddef.h>

/// `open` flag: do not update the file's access time (allowed on one's own files only).
static inline int evident_o_noatime(void) { return O_NOATIME; }

/// `fcntl` command: set a pipe's capacity.
static inline int evident_f_setpipe_sz(void) { return F_SETPIPE_SZ; }

/// Called with one loaded object's GNU build ID: the linker's hash of the object's contents.
typedef void (*evident_build_id_visitor)(const unsigned char *id, size_t length, void *context);

/// Calls `visit` with the build ID of each object loaded in the process (the program and its shared
/// libraries) that has one. Returns whether the program itself has one; 0 where the system offers
/// no way to list loaded objects.
int evident_build_ids(evident_build_id_visitor visit, void *context);

/// Catches SIGINT, SIGTERM and SIGHUP (each unless it is ignored, as under `nohup`): the handler
/// writes the signal's number, one byte, to `fd` and returns. Returns 0, or -1 with errno set.
int evident_catch_interrupts(int fd);

/// Exchanges the entries at `a` and `b` (both must exist) in one step, as `renameat2` with
/// `RENAME_EXCHANGE` does: no moment sees either path empty. Returns 0, or -1 with errno set
/// (`EINVAL` or `ENOSYS` where the file system or the system cannot).
int evident_exchange(const char *a, const char *b);

/// Gives the pages that free memory leaves in malloc's arenas back to the system (`malloc_trim`),
/// where the C library can; returns whether any were given back.
int evident_return_free_memory(void);

#endif
