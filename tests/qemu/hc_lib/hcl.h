/*
 * Helpers shared by the hypercall-system test partitions (tests/qemu/hc_*):
 * a hypercall with every register chosen and observed, an upcall return that
 * lands on a known label, a hypercall made on a bogus stack, and the
 * kernel's tick-to-nanosecond arithmetic for the 1 ms tick every hc_* system
 * uses. Built into libhctest.a by mk/hc_tests.mk.
 */
#ifndef HCL_H
#define HCL_H

#include <bulkhead/bh.h>

/* Every general register around one `int $0x80`. Field order is fixed: the
 * assembler in hcl_regs.S uses the offsets. */
struct hcl_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
	uint32_t esp;	 /* out: esp after the trap minus esp before (0 if kept) */
	uint32_t eflags; /* in: arithmetic flags to trap with; out: flags after */
};

/* Load r (eflags: only CF PF AF ZF SF DF OF are meaningful), trap, store
 * every register back into r. */
void hcl_call(struct hcl_regs *r);

/* Hypercall `nr` (no arguments) with esp set to `sp` for the trap. */
int32_t hcl_call_on_stack(uint32_t nr, uint32_t sp);

/* BH_HC_UPCALL_RETURN(f). If it succeeds and f->eip is hcl_land, the
 * registers found at hcl_land are stored in *landed and 1 is returned;
 * on an error the error is returned. f->esp must point at 8 writable bytes
 * above a free stack slot. Not reentrant. Reaching hcl_land other than
 * through this call faults (a write to address 0). */
int32_t hcl_upcall_jump(const struct bh_upcall_frame *f, struct hcl_regs *landed);
void hcl_land(void);
/* After a restart that interrupted hcl_upcall_jump (memory kept): make its
 * frame, if ever returned to, fault instead of resuming a dead call. */
void hcl_upcall_jump_reset(void);

/* The flags a partition may choose through an upcall return and the bits
 * every sanitised eflags has (IF and the reserved bit 1): abi.h. */
#define HCL_EFLAGS_USER BH_EFLAGS_RESTORED
#define HCL_EFLAGS_FIXED BH_EFLAGS_UPCALL_ENTRY
#define HCL_EFLAGS_TF 0x100u

/* Kernel time in ns at kernel tick `ticks`, exactly as the kernel computes
 * it for a 1 ms tick (PIT divisor 1193 of 1193182 Hz). */
uint64_t hcl_tick_ns(uint64_t ticks);

#endif /* HCL_H */
