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
 *
 * Entry 3 (selector 0x18) is the partition's thread-pointer segment, where
 * RTEMS's i386 context switch expects it. It stays null while ring 3 runs,
 * so every load of 0x18 traps (#GP) and the kernel serves it from the
 * partition's own descriptor (tls.c); the kernel fills it only for the
 * instant of loading fs or gs itself. The kernel and user segments follow
 * it as four in a row (kernel code, kernel data, user code, user data),
 * the order sysenter/sysexit derive their selectors in (the benchmark
 * images' experimental entry); entries 1 and 2 stay null.
 */
#ifndef ARCH_X86_SELECTORS_H
#define ARCH_X86_SELECTORS_H

#define GDT_NULL 0
#define GDT_TLS 3
#define GDT_KCODE 4
#define GDT_KDATA 5
#define GDT_UCODE 6
#define GDT_UDATA 7
#define GDT_TSS 8
#define GDT_ENTRIES 9

#define SEL_RPL3 3
#define SEL_KCODE (GDT_KCODE << 3)
#define SEL_KDATA (GDT_KDATA << 3)
#define SEL_UCODE ((GDT_UCODE << 3) | SEL_RPL3)
#define SEL_UDATA ((GDT_UDATA << 3) | SEL_RPL3)
#define SEL_TSS (GDT_TSS << 3)
#define SEL_TLS (GDT_TLS << 3) /* with any RPL */

#endif /* ARCH_X86_SELECTORS_H */
