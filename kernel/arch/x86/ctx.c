/*
 * Partition contexts on i386: what makes a partition's state live on the
 * processor (address space, FPU, I/O permissions, kernel entry stack; the
 * switch itself is switch.S), the idle frame, and the first entry. Pure
 * register-frame work is in regs.c.
 */
#include <arch/switch.h>
#include <arch/x86.h>
#include <bh/partition.h>
#include <bh/printk.h>

extern char x86_idle[], x86_kstack_top[];

/* switch.S keeps both: whose address space, fs/gs and TSS are loaded, and
 * whose FPU state is in the registers. */
struct arch_ctx *x86_live;
struct arch_ctx *x86_fpu_owner;

/* The kernel's full map for a partition's load, then back (bh/arch.h). */
void arch_phys_open(void)
{
	write_cr3(paging_kernel_pd());
}

void arch_phys_close(void)
{
	write_cr3(x86_live ? x86_live->cr3 : paging_kernel_pd());
}

/* p's memory at its own addresses: p's space is the loaded one. */
void *arch_user_ptr(const struct partition *p, uint32_t va, paddr_t pa)
{
	(void)pa;
	if (&p->ctx != x86_live)
		panic("partition %s: its memory accessed from another address space",
		      p->cfg->name);
	return (void *)(uintptr_t)va;
}

/* The offsets switch.S reads (arch/switch.h); it takes a partition for its
 * context. */
#define CTX_AT(field) __builtin_offsetof(struct arch_ctx, field)
_Static_assert(__builtin_offsetof(struct partition, ctx) == 0, "switch.S: partition = ctx");
_Static_assert(CTX_AT(regs) + sizeof(struct arch_regs) == CTX_REGS_END && CTX_AT(fs) == CTX_FS &&
		       CTX_AT(gs) == CTX_GS && CTX_AT(fs_tls) == CTX_FS_TLS &&
		       CTX_AT(gs_tls) == CTX_GS_TLS && CTX_AT(cr3) == CTX_CR3 &&
		       CTX_AT(tss_desc) == CTX_TSS_DESC && CTX_AT(fpu) == CTX_FPU,
	       "arch/switch.h: struct arch_ctx");

#define REGS_TO(field) (__builtin_offsetof(struct arch_ctx, field) - __builtin_offsetof(struct arch_ctx, regs))
_Static_assert(REGS_TO(virq) == ARCH_REGS_TO_VIRQ && REGS_TO(vcpu) == ARCH_REGS_TO_VCPU &&
		       REGS_TO(vstate) == ARCH_REGS_TO_VSTATE, "entry.h: arch_ctx pointers");
_Static_assert(__builtin_offsetof(struct virq, in_service[1]) == VIRQ_IN_SERVICE1 &&
		       __builtin_offsetof(struct virq, stack_lo) == VIRQ_STACK_LO &&
		       __builtin_offsetof(struct virq, bound_lines) == VIRQ_BOUND_LINES &&
		       __builtin_offsetof(struct virq, frame_room) == VIRQ_FRAME_ROOM &&
		       __builtin_offsetof(struct virq, stack_kbase) == VIRQ_STACK_KBASE &&
		       __builtin_offsetof(struct virq, entry) == VIRQ_ENTRY &&
		       __builtin_offsetof(struct virq, stack_size) == VIRQ_STACK_SIZE &&
		       __builtin_offsetof(struct virq, top_frame_va) == VIRQ_TOP_FRAME_VA &&
		       __builtin_offsetof(struct virq, top_frame) == VIRQ_TOP_FRAME &&
		       __builtin_offsetof(struct virq, upcalls) == VIRQ_UPCALLS &&
		       __builtin_offsetof(struct virq, arrivals) == VIRQ_ARRIVALS &&
		       __builtin_offsetof(struct virq, batch) == VIRQ_BATCH,
	       "entry.h: struct virq");
_Static_assert(__builtin_offsetof(struct arch_regs, vector) == ARCH_FRAME_VECTOR &&
		       __builtin_offsetof(struct bh_vcpu, summary) == VCPU_SUMMARY &&
		       __builtin_offsetof(struct bh_upcall_frame, count) == UPFRAME_COUNT &&
		       __builtin_offsetof(struct bh_upcall_frame, error_code) == UPFRAME_ERROR &&
		       __builtin_offsetof(struct bh_upcall_frame, fault_addr) == UPFRAME_FAULT,
	       "entry.h: more offsets");
_Static_assert(__builtin_offsetof(struct bh_vcpu, enabled) == VCPU_ENABLED &&
		       __builtin_offsetof(struct bh_vcpu, mask[0]) == VCPU_MASK0 &&
		       __builtin_offsetof(struct bh_vcpu, mask[1]) == VCPU_MASK1 &&
		       __builtin_offsetof(struct bh_vcpu_state, pending[0]) == VSTATE_PENDING0 &&
		       __builtin_offsetof(struct bh_vcpu_state, pending[1]) == VSTATE_PENDING1 &&
		       __builtin_offsetof(struct bh_vcpu_state, count) == VSTATE_COUNT,
	       "entry.h: vCPU pages");
_Static_assert(__builtin_offsetof(struct bh_upcall_frame, vector) == UPFRAME_VECTOR &&
		       __builtin_offsetof(struct bh_upcall_frame, enabled) == UPFRAME_ENABLED &&
		       __builtin_offsetof(struct bh_upcall_frame, edi) == UPFRAME_EDI &&
		       __builtin_offsetof(struct bh_upcall_frame, esi) == UPFRAME_ESI &&
		       __builtin_offsetof(struct bh_upcall_frame, ebp) == UPFRAME_EBP &&
		       __builtin_offsetof(struct bh_upcall_frame, ebx) == UPFRAME_EBX &&
		       __builtin_offsetof(struct bh_upcall_frame, edx) == UPFRAME_EDX &&
		       __builtin_offsetof(struct bh_upcall_frame, ecx) == UPFRAME_ECX &&
		       __builtin_offsetof(struct bh_upcall_frame, eax) == UPFRAME_EAX &&
		       __builtin_offsetof(struct bh_upcall_frame, eip) == UPFRAME_EIP &&
		       __builtin_offsetof(struct bh_upcall_frame, eflags) == UPFRAME_EFLAGS &&
		       __builtin_offsetof(struct bh_upcall_frame, esp) == UPFRAME_ESP,
	       "entry.h: upcall frame");
_Static_assert(__builtin_offsetof(struct bh_upcall_frame_batch, count) == UPFRAME_BCOUNT,
	       "entry.h: batch upcall frame");
_Static_assert(BH_HC_VIRQ_SYNC == 13 && BH_OK == 0, "entry.S: the sync fast path");
_Static_assert(BH_VEC_IRQ_BASE == 32 && BH_NR_IRQ_LINES == 16, "entry.S: line vectors");
_Static_assert(BH_HC_VERSION == 0, "entry.S: testl %eax tests for BH_HC_VERSION");

/* The partition's pointers for the upcall return's fast path (entry.S). */
static void x86_ctx_link(struct partition *p)
{
	p->ctx.virq = &p->virq;
	p->ctx.vcpu = p->vcpu;
	p->ctx.vstate = p->vstate;
}

/* Everything arch-specific a partition keeps: its address space and TSS. */
int arch_aspace_init(struct partition *p)
{
	p->ctx.tss_desc = tss_partition_init(p->id, (uint32_t)(&p->ctx.regs + 1), p->cfg->ioports,
					     p->cfg->nioports);
	p->ctx.cr3 = (uint32_t)p->cfg->page_dir;
	x86_ctx_link(p);
	return paging_aspace_init(p);
}

/*
 * arch_switch_to() is switch.S. Going idle changes nothing: no ring-3 code
 * runs, and if the same partition comes back, its address space and FPU
 * state are still loaded.
 */

struct arch_regs *arch_idle_regs(void)
{
	/* A ring-0 frame ends at eflags: esp/ss fall in the padding above. */
	uintptr_t top = (uintptr_t)x86_kstack_top;
	__asm__("" : "+r"(top)); /* a linker symbol, not a C object */
	struct arch_regs *r = (struct arch_regs *)(top - __builtin_offsetof(struct arch_regs, esp));

	r->es = r->ds = SEL_KDATA;
	r->cs = SEL_KCODE;
	r->eip = (uint32_t)x86_idle;
	r->eflags = EFLAGS_IF | EFLAGS_RSVD1;
	return r;
}

void arch_enter(struct arch_regs *r)
{
	__asm__ volatile("jmp x86_resume" : : "a"(r));
	__builtin_unreachable();
}

/*
 * A (re)start: c gets the clean x87/SSE state. If c's state is the one in
 * the registers (the partition restarts itself, or its fault restarted it),
 * the registers are cleaned now: x86_fpu_owner stays c, so the new state
 * is saved at the next switch like any other. (Dropping the ownership
 * instead left the old registers live for the restarted partition, pending
 * x87 exception included, and lost its new state at the next switch.)
 */
void arch_ctx_reload(struct arch_ctx *c)
{
	if (x86_fpu_owner == c) /* c->fpu is written by the next switch's save */
		fpu_restore_clean();
	else
		fpu_clean_state(c->fpu);
	if (x86_live == c)
		tls_load_segments(c);
}
