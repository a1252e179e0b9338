/*
 * Partition contexts on i386: making a partition's state live on the
 * processor (address space, FPU, I/O permissions, kernel entry stack), the
 * idle frame, and the first entry. Pure register-frame work is in regs.c.
 */
#include <arch/x86.h>
#include <bh/partition.h>
#include <bh/printk.h>

extern char x86_idle[], x86_kstack_top[];

static struct partition *live; /* whose address space and ports are loaded */
struct arch_ctx *x86_fpu_owner; /* whose FPU state is in the registers */

static void load_space(struct partition *next)
{
	if (live)
		__asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1"
				 : "=r"(live->ctx.fs), "=r"(live->ctx.gs));
	tls_load_segments(&next->ctx);
	tss_load(next->id);
	write_cr3((uint32_t)next->cfg->page_dir);
	live = next;
}

/* The kernel's full map for a partition's load, then back (bh/arch.h). */
void arch_phys_open(void)
{
	write_cr3(paging_kernel_pd());
}

void arch_phys_close(void)
{
	write_cr3(live ? (uint32_t)live->cfg->page_dir : paging_kernel_pd());
}

/* p's memory at its own addresses: p's space is the loaded one. */
void *arch_user_ptr(const struct partition *p, uint32_t va, paddr_t pa)
{
	(void)pa;
	if (p != live)
		panic("partition %s: its memory accessed from another address space",
		      p->cfg->name);
	return (void *)(uintptr_t)va;
}

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
		       __builtin_offsetof(struct virq, arrivals) == VIRQ_ARRIVALS,
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
	tss_partition_init(p->id, (uint32_t)(&p->ctx.regs + 1), p->cfg->ioports,
			   p->cfg->nioports);
	x86_ctx_link(p);
	return paging_aspace_init(p);
}

/*
 * Going idle changes nothing: no ring-3 code runs, and if the same
 * partition comes back, its address space and FPU state are still loaded.
 */
void arch_switch_to(struct partition *next)
{
	if (!next)
		return;
	if (next != live)
		load_space(next);
	if (x86_fpu_owner != &next->ctx) {
		if (x86_fpu_owner)
			fpu_save(x86_fpu_owner->fpu);
		fpu_restore(next->ctx.fpu);
		x86_fpu_owner = &next->ctx;
	}
}

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
	if (live && &live->ctx == c)
		tls_load_segments(c);
}
