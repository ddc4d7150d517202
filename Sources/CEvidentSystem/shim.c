// The constants are in include/evident_system.h; the build IDs of the loaded objects are read here,
// interrupts are caught here, two folders exchanged, and free memory given back.
#include "evident_system.h"

#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t evident_interrupt_fd = -1;

/// Async-signal-safe: one write(2) to the pipe a thread of the program reads.
static void evident_on_interrupt(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    if (evident_interrupt_fd >= 0) {
        ssize_t written = write(evident_interrupt_fd, &byte, 1);
        (void)written;
    }
    errno = saved;
}

int evident_catch_interrupts(int fd) {
    evident_interrupt_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = evident_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) != 0) return -1;
        if (old.sa_handler == SIG_IGN) continue;
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}

int evident_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

#if defined(__linux__)
#include <link.h>
#include <string.h>

struct evident_build_id_walk {
    evident_build_id_visitor visit;
    void *context;
    int programHasOne;
    int index;
};

/// `n` rounded up to `alignment`, a power of two: a note's name and description are padded to
/// the alignment of the segment that holds them (4, or 8 for an 8-aligned segment).
static size_t evident_align(size_t n, size_t alignment) { return (n + alignment - 1) & ~(alignment - 1); }

static int evident_visit_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct evident_build_id_walk *walk = data;
    int isProgram = walk->index++ == 0;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + header->p_vaddr);
        size_t left = header->p_memsz, alignment = header->p_align == 8 ? 8 : 4;
        while (left >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *nhdr = (const ElfW(Nhdr) *)note;
            size_t nameSize = evident_align(nhdr->n_namesz, alignment), descSize = evident_align(nhdr->n_descsz, alignment);
            size_t whole = sizeof(ElfW(Nhdr)) + nameSize + descSize;
            if (whole > left || nameSize < nhdr->n_namesz || descSize < nhdr->n_descsz) break;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            if (nhdr->n_type == NT_GNU_BUILD_ID && nhdr->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 && nhdr->n_descsz > 0) {
                walk->visit(name + nameSize, nhdr->n_descsz, walk->context);
                if (isProgram) walk->programHasOne = 1;
            }
            note += whole;
            left -= whole;
        }
    }
    return 0;
}

int evident_build_ids(evident_build_id_visitor visit, void *context) {
    struct evident_build_id_walk walk = {visit, context, 0, 0};
    dl_iterate_phdr(evident_visit_object, &walk);
    return walk.programHasOne;
}
#else
int evident_build_ids(evident_build_id_visitor visit, void *context) {
    (void)visit;
    (void)context;
    return 0;
}
#endif

int evident_return_free_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}
