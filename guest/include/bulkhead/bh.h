/*
 * The Bulkhead paravirtualization library, guest side: one inline wrapper
 * per hypercall, the vCPU page, and the virtual interrupt API. Partitions
 * use only this (and bulkhead/abi.h, which it includes).
 *
 * Virtual interrupt rules as the guest sees them:
 *   - bh_irq_disable() is one store; bh_irq_enable() is a store and a test
 *     of the summary hint, and traps (once) only if something may be
 *     deliverable (abi.h: struct bh_vcpu);
 *   - bh_irq_mask()/bh_irq_unmask() change one bit with one instruction; an
 *     unmask traps if the vector is pending or is a physical line (the
 *     kernel then unmasks the line at the interrupt controller);
 *   - handlers run with virtual interrupts disabled, on the interrupt stack.
 */
#ifndef BULKHEAD_BH_H
#define BULKHEAD_BH_H

#include <bulkhead/abi.h>
#include <stddef.h>
#include <stdint.h>

#define BH_BARRIER() __asm__ volatile("" ::: "memory")

/* ---------------------------------------------------------- raw traps */

/*
 * The register contract (abi.h): a hypercall changes eax, and edx only if
 * its line in BH_HYPERCALLS says EAX_EDX. bh_hc_changes() looks the line up;
 * with a constant call number the compiler folds it, and the wrappers then
 * tell the compiler exactly which registers change. With a number only known
 * at run time they assume the most any call may change (eax and edx).
 */
#define BH_HC_CHANGES_CASE_(nr, NAME, name, changes, ...) \
	case nr:                                          \
		return BH_HC_CHANGES_##changes;
static inline uint32_t bh_hc_changes(uint32_t nr)
{
	switch (nr) {
		BH_HYPERCALLS(BH_HC_CHANGES_CASE_)
	default:
		return BH_HC_CHANGES_EAX_EDX; /* unknown: fails, eax only, but be safe */
	}
}

/* No call may change more than eax and edx: the wrappers rely on it. */
#define BH_HC_ASSERT_CHANGES_(nr, NAME, name, changes, ...)                            \
	_Static_assert((BH_HC_CHANGES_##changes & ~(BH_HC_REG_EAX | BH_HC_REG_EDX)) == 0, \
		       "BH_HC_" #NAME " changes more than eax and edx");
BH_HYPERCALLS(BH_HC_ASSERT_CHANGES_)

/* True when the call is known at compile time to leave edx alone. */
#define BH_HC_KEEPS_EDX(nr) \
	(__builtin_constant_p(bh_hc_changes(nr)) && !(bh_hc_changes(nr) & BH_HC_REG_EDX))

/*
 * Hypercalls with 0..5 arguments (ebx, ecx, edx, esi, edi). Each has two
 * forms: the call leaves edx alone, or it may change it (then edx is an
 * output, or clobbered where it carries no argument).
 */
static inline int32_t bh_hypercall0(uint32_t nr)
{
	int32_t ret;

	if (BH_HC_KEEPS_EDX(nr))
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
	else
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "edx", "memory");
	return ret;
}

static inline int32_t bh_hypercall1(uint32_t nr, uint32_t a0)
{
	int32_t ret;

	if (BH_HC_KEEPS_EDX(nr))
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a0) : "memory");
	else
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a0) : "edx", "memory");
	return ret;
}

static inline int32_t bh_hypercall2(uint32_t nr, uint32_t a0, uint32_t a1)
{
	int32_t ret;

	if (BH_HC_KEEPS_EDX(nr))
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a0), "c"(a1) : "memory");
	else
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"(nr), "b"(a0), "c"(a1)
				 : "edx", "memory");
	return ret;
}

static inline int32_t bh_hypercall3(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2)
{
	int32_t ret;

	if (BH_HC_KEEPS_EDX(nr))
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"(nr), "b"(a0), "c"(a1), "d"(a2)
				 : "memory");
	else
		__asm__ volatile("int $0x80"
				 : "=a"(ret), "+d"(a2)
				 : "a"(nr), "b"(a0), "c"(a1)
				 : "memory");
	return ret;
}

static inline int32_t bh_hypercall5(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
				    uint32_t a3, uint32_t a4)
{
	int32_t ret;

	if (BH_HC_KEEPS_EDX(nr))
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"(nr), "b"(a0), "c"(a1), "d"(a2), "S"(a3), "D"(a4)
				 : "memory");
	else
		__asm__ volatile("int $0x80"
				 : "=a"(ret), "+d"(a2)
				 : "a"(nr), "b"(a0), "c"(a1), "S"(a3), "D"(a4)
				 : "memory");
	return ret;
}

#define BH_PTR(p) ((uint32_t)(uintptr_t)(p))

/* ----------------------------------------------------------- hypercalls */

static inline int32_t bh_version(uint32_t *features)
{
	int32_t ret;
	uint32_t f;

	__asm__ volatile("int $0x80" : "=a"(ret), "=d"(f) : "a"(BH_HC_VERSION) : "memory");
	if (features)
		*features = f;
	return ret;
}

static inline int32_t bh_console_write(const char *buf, uint32_t len)
{
	return bh_hypercall2(BH_HC_CONSOLE_WRITE, BH_PTR(buf), len);
}

static inline uint64_t bh_time_ns(void)
{
	uint32_t lo, hi;

	__asm__ volatile("int $0x80" : "=a"(lo), "=d"(hi) : "a"(BH_HC_TIME_GET) : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline int32_t bh_window_info(struct bh_window_info *out)
{
	return bh_hypercall1(BH_HC_WINDOW_INFO, BH_PTR(out));
}

static inline int32_t bh_yield(void)
{
	return bh_hypercall0(BH_HC_YIELD);
}

static inline int32_t bh_idle(void)
{
	return bh_hypercall0(BH_HC_IDLE);
}

static inline int32_t bh_partition_status(uint32_t id, struct bh_partition_status *out)
{
	return bh_hypercall2(BH_HC_PARTITION_STATUS, id, BH_PTR(out));
}

static inline int32_t bh_set_mode(uint32_t mode)
{
	return bh_hypercall1(BH_HC_SET_MODE, mode);
}

static inline int32_t bh_partition_control(uint32_t id, uint32_t op)
{
	return bh_hypercall2(BH_HC_PARTITION_CONTROL, id, op);
}

static inline int32_t bh_hm_raise(uint32_t code, const char *msg, uint32_t len)
{
	return bh_hypercall3(BH_HC_HM_RAISE, code, BH_PTR(msg), len);
}

static inline int32_t bh_virq_register(void (*entry)(void), void *stack, uint32_t size)
{
	return bh_hypercall3(BH_HC_VIRQ_REGISTER, BH_PTR(entry), BH_PTR(stack), size);
}

/* BH_VIRQ_OPT_* (abi.h); bh_virq_init() sets BH_VIRQ_OPT_BATCH. */
static inline int32_t bh_virq_options(uint32_t flags)
{
	return bh_hypercall1(BH_HC_VIRQ_OPTIONS, flags);
}

static inline int32_t bh_irq_bind(uint32_t line)
{
	return bh_hypercall1(BH_HC_VIRQ_BIND, line);
}

static inline int32_t bh_irq_unbind(uint32_t line)
{
	return bh_hypercall1(BH_HC_VIRQ_UNBIND, line);
}

static inline int32_t bh_virq_sync(void)
{
	return bh_hypercall0(BH_HC_VIRQ_SYNC);
}

static inline int32_t bh_timer_set(uint64_t deadline_ns)
{
	return bh_hypercall2(BH_HC_TIMER_SET, (uint32_t)deadline_ns, (uint32_t)(deadline_ns >> 32));
}

/*
 * Raise one of this partition's own vectors (not a physical line's): it
 * becomes pending and is delivered under the usual rules, before this
 * returns if it is deliverable now.
 */
static inline int32_t bh_irq_raise(uint32_t vector)
{
	return bh_hypercall1(BH_HC_VIRQ_RAISE, vector);
}

/* ------------------------------------------------------ thread pointer */

/*
 * Make gs address the thread pointer tp (abi.h, BH_SEL_TLS): %gs:0 reads tp
 * itself and the thread's __thread variables lie just below it. One fast
 * call per thread switch; the kernel keeps gs across partition switches.
 */
static inline int32_t bh_tls_set(void *tp)
{
	return bh_hypercall1(BH_HC_TLS_SET, BH_PTR(tp));
}

/*
 * Let the guest's own loads of BH_SEL_TLS take their descriptor from the
 * 8 bytes at desc (an RTEMS-style GDT entry the guest rewrites before each
 * load); NULL: they use bh_tls_set()'s again.
 */
static inline int32_t bh_tls_desc(const void *desc)
{
	return bh_hypercall1(BH_HC_TLS_DESC, BH_PTR(desc));
}

/*
 * A thread's TLS block in [area, area + size), made from the image's
 * __thread template (guest/lib/tls.c): the thread pointer to give
 * bh_tls_set(), or NULL if size is below bh_tls_area_size(). The area must
 * stay allocated while the thread lives. bh_tls_area_size() is 0 when the
 * image has no __thread variable.
 */
uint32_t bh_tls_area_size(void);
void *bh_tls_init(void *area, uint32_t size);

static inline int32_t bh_module_halt(uint32_t code)
{
	return bh_hypercall1(BH_HC_MODULE_HALT, code);
}

/* ---------------------------------------------------------------- ports */
/* Raw port calls (docs/ports.md); applications use bulkhead/apex.h. */

static inline int32_t bh_port_info(uint32_t index, struct bh_port_info *out)
{
	return bh_hypercall2(BH_HC_PORT_INFO, index, BH_PTR(out));
}

static inline int32_t bh_port_write(uint32_t id, const void *msg, uint32_t len)
{
	return bh_hypercall3(BH_HC_PORT_WRITE, id, BH_PTR(msg), len);
}

/* The message's length or an error; *flags gets BH_PORT_READ_* (edx). */
static inline int32_t bh_port_read(uint32_t id, void *buf, uint32_t size, uint32_t *flags)
{
	int32_t ret;
	uint32_t f;

	__asm__ volatile("int $0x80"
			 : "=a"(ret), "=d"(f)
			 : "a"(BH_HC_PORT_READ), "b"(id), "c"(BH_PTR(buf)), "d"(size)
			 : "memory");
	if (flags)
		*flags = ret >= 0 ? f : 0;
	return ret;
}

static inline int32_t bh_port_status(uint32_t id, struct bh_port_status *out)
{
	return bh_hypercall2(BH_HC_PORT_STATUS, id, BH_PTR(out));
}

static inline int32_t bh_port_clear(uint32_t id)
{
	return bh_hypercall1(BH_HC_PORT_CLEAR, id);
}

/* ----------------------------------------------------------- vCPU pages */

/* What the guest writes (read-write), and the kernel's state (read-only). */
#define bh_vcpu ((volatile struct bh_vcpu *)BH_VCPU_VADDR)
#define bh_vstate ((const volatile struct bh_vcpu_state *)BH_VSTATE_VADDR)

/* Pending and unmasked, from the kernel's own bits: the truth behind summary. */
static inline int bh_irq_pending_unmasked(void)
{
	return ((bh_vstate->pending[0] & ~bh_vcpu->mask[0]) |
		(bh_vstate->pending[1] & ~bh_vcpu->mask[1])) != 0;
}

/* One store. */
static inline void bh_irq_disable(void)
{
	bh_vcpu->enabled = 0;
	BH_BARRIER();
}

/* Disable, and say whether virtual interrupts were enabled (for a restore). */
static inline uint32_t bh_irq_save(void)
{
	uint32_t was = bh_vcpu->enabled;

	bh_vcpu->enabled = 0;
	BH_BARRIER();
	return was;
}

/*
 * A store, a compare and a branch (written out: a compiler would load the
 * hint into a register first): the store comes first, so an arrival after
 * it is delivered at once, and one before it has set summary (abi.h). The
 * hypercall, when made, changes eax only.
 */
static inline void bh_irq_enable(void)
{
	uint32_t eax;

	__asm__ volatile("movl $1, %[en]\n\t"
			 "cmpl $0, %[sum]\n\t"
			 "je 1f\n\t"
			 "movl %[nr], %%eax\n\t"
			 "int $0x80\n"
			 "1:"
			 : [en] "=m"(bh_vcpu->enabled), "=a"(eax)
			 : [sum] "m"(bh_vcpu->summary), [nr] "i"(BH_HC_VIRQ_SYNC)
			 : "memory", "cc");
	(void)eax;
}

static inline int bh_irq_enabled(void)
{
	return bh_vcpu->enabled != 0;
}

static inline void bh_irq_mask(uint32_t v)
{
	__asm__ volatile("orl %1, %0"
			 : "+m"(bh_vcpu->mask[v >> 5])
			 : "ir"(1u << (v & 31u))
			 : "memory");
}

static inline void bh_irq_unmask(uint32_t v)
{
	uint32_t bit = 1u << (v & 31u);

	__asm__ volatile("andl %1, %0" : "+m"(bh_vcpu->mask[v >> 5]) : "ir"(~bit) : "memory");
	if ((v >= BH_VEC_IRQ_BASE && v < BH_VEC_IRQ_BASE + BH_NR_IRQ_LINES) ||
	    (bh_vstate->pending[v >> 5] & bit))
		bh_hypercall1(BH_HC_VIRQ_UNMASK, v);
}

/*
 * The partition's clock in ns since boot, read from the vCPU state page without
 * a trap (ABI struct bh_vclock): consistent, monotonic, kernel time. Falls
 * back to BH_HC_TIME_GET where the kernel publishes no clock.
 */
static inline uint64_t bh_clock_ns(void)
{
	const volatile struct bh_vclock *c = &bh_vstate->clock;
	uint32_t seq, mult, shift, lo, hi;
	uint64_t base_tsc, base_ns, limit_ns, d, ns;

	do {
		seq = c->seq;
		mult = c->mult;
		shift = c->shift;
		base_tsc = c->base_tsc;
		base_ns = c->base_ns;
		limit_ns = c->limit_ns;
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	} while ((seq & 1u) || seq != c->seq);
	if (!mult)
		return bh_time_ns();
	d = (((uint64_t)hi << 32) | lo) - base_tsc;
	if (d >> 32) /* more than a tick's worth: the limit applies anyway */
		return limit_ns;
	ns = base_ns + ((d * mult) >> shift);
	return ns < limit_ns ? ns : limit_ns;
}

/* ------------------------------------------------- library (guest/lib) */

/* A handler gets the vector, its coalesced count and the upcall frame. In
 * a batch (abi.h) the frame's own vector and count are the first vector's:
 * use the arguments. */
typedef void (*bh_handler_t)(uint32_t vector, uint32_t count, struct bh_upcall_frame *f);

/*
 * Register the upcall entry and the library's interrupt stack, in batch
 * mode (abi.h: one upcall runs the handlers of every vector deliverable at
 * once, lowest first).
 */
int32_t bh_virq_init(void);
/* Calls around each upcall, whatever the number of vectors it runs. */
struct bh_upcall_hooks {
	void (*enter)(uint32_t first_vector);
	void (*exit)(struct bh_upcall_frame *f);
};
/* bh_virq_init() with hooks (both set, else BH_EINVAL); the BSP's. */
int32_t bh_virq_init_hooked(const struct bh_upcall_hooks *hooks);
/* Install (or with NULL remove) the handler for vector v (0..95). */
int32_t bh_set_handler(uint32_t v, bh_handler_t h);
/* Exported for tests' own entries: run the frame's vector's handler. */
void bh_upcall_dispatch(struct bh_upcall_frame *f);
/* What the upcall entry calls when it cannot call a handler itself: v
 * (count) first, then, lowest first, the vectors of a batch left in
 * left0/left1 (abi.h: struct bh_upcall_frame_batch) with their counts. */
void bh_upcall_dispatch_at(uint32_t v, uint32_t count, struct bh_upcall_frame *f,
			   uint32_t left0, uint32_t left1);
/* The handler table bh_set_handler() fills (upcall.S reads it). */
extern bh_handler_t bh_upcall_handlers[BH_NR_UPCALL_VECTORS];
/* The interrupt stack bh_virq_init() and bh_virq_init_hooked() register. */
#define BH_VIRQ_STACK_SIZE 8192u
extern uint8_t bh_virq_stack[BH_VIRQ_STACK_SIZE];
extern struct bh_upcall_hooks bh_upcall_hooks;
void bh_upcall_entry(void);
void bh_upcall_entry_batch(void);
void bh_upcall_entry_hooked(void);

/* Console. These wait for room in the kernel's buffer (yielding the window)
 * rather than lose output; bh_console_write() does not wait. */
void bh_console_write_all(const char *s, uint32_t n);
int bh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bh_puts(const char *s);

/* Stop this partition (mode idle); never returns. */
__attribute__((noreturn)) void bh_exit(void);

/* The partition's main, called by crt0 with the start condition. */
int main(uint32_t start_condition, uint32_t partition_id);

#endif /* BULKHEAD_BH_H */
