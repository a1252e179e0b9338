/*
 * The GDT's layout, in one place: each descriptor's index, and the
 * selectors the kernel and partitions use. C and assembler include this,
 * so the values carry no C suffixes. To move or add a descriptor, change
 * its index here and its contents in desc.c (desc_init()); nothing else
 * spells a selector.
 *
 * Ring 3 can use exactly the descriptors with DPL 3: the user code and data
 * segments. No LDT is ever loaded (LDTR holds the null selector), so every
 * selector with the table bit set faults.
 */
#ifndef ARCH_X86_SELECTORS_H
#define ARCH_X86_SELECTORS_H

#define GDT_NULL 0
#define GDT_KCODE 1
#define GDT_KDATA 2
#define GDT_UCODE 3
#define GDT_UDATA 4
#define GDT_TSS 5
#define GDT_ENTRIES 6

#define SEL_RPL3 3
#define SEL_KCODE (GDT_KCODE << 3)
#define SEL_KDATA (GDT_KDATA << 3)
#define SEL_UCODE ((GDT_UCODE << 3) | SEL_RPL3)
#define SEL_UDATA ((GDT_UDATA << 3) | SEL_RPL3)
#define SEL_TSS (GDT_TSS << 3)

#endif /* ARCH_X86_SELECTORS_H */
