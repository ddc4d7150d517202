// The constants are in include/evident_system.h; the build IDs of the loaded objects are read here.
#include "evident_system.h"

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
