/*
 * Bulkhead public ABI: the one header shared by the kernel and every guest.
 *
 * It defines the hypercall trap and register convention, the hypercall
 * numbers, the error codes, the virtual vector space, the vCPU pages, the
 * upcall frame and the small structs that hypercalls copy out. Every layout
 * here is fixed by compile-time assertions at the bottom of the file; a change
 * to any of them is an ABI change and must bump BH_ABI_VERSION_MAJOR (breaking)
 * or BH_ABI_VERSION_MINOR (additions only).
 *
 * The ABI is i386 (ILP32). The kernel's host build also compiles this header,
 * so only fixed-width types are used.
 */
#ifndef BULKHEAD_ABI_H
#define BULKHEAD_ABI_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* ---------------------------------------------------------------- version */

#define BH_ABI_VERSION_MAJOR 2u
#define BH_ABI_VERSION_MINOR 1u
#define BH_ABI_VERSION ((BH_ABI_VERSION_MAJOR << 16) | BH_ABI_VERSION_MINOR)

/* Feature bits returned in edx by BH_HC_VERSION. */
#define BH_FEAT_VIRQ (1u << 0)	    /* virtual interrupt layer */
#define BH_FEAT_ONESHOT (1u << 1)   /* per-partition one-shot timer */
#define BH_FEAT_DEVICE_IRQ (1u << 2) /* physical lines can be bound */
#define BH_FEAT_IOPORTS (1u << 3)   /* configured I/O ports usable in ring 3 */
#define BH_FEAT_PORTS (1u << 4)     /* ARINC 653 sampling and queuing ports */
#define BH_FEAT_RAISE (1u << 5)     /* BH_HC_VIRQ_RAISE: raise one's own vectors */
#define BH_FEAT_TLS (1u << 6)	    /* BH_HC_TLS_SET/DESC: the thread-pointer segment */
#define BH_FEAT_BATCH (1u << 7)	    /* 2.1: BH_HC_VIRQ_OPTIONS, batch upcalls */

/* ------------------------------------------------------ address space */

/*
 * Every partition sees the same layout: the kernel owns [0, BH_USER_BASE)
 * (mapped supervisor-only), the partition's configured regions live in
 * [BH_USER_BASE, BH_USER_LIMIT), and its two vCPU pages sit at
 * BH_VCPU_VADDR (read-write) and BH_VSTATE_VADDR (read-only).
 */
#define BH_PAGE_SIZE 4096u
#define BH_USER_BASE 0x40000000u
#define BH_USER_LIMIT 0xFFC00000u
#define BH_VCPU_VADDR 0xFFFFF000u
#define BH_VSTATE_VADDR 0xFFFFE000u

/* -------------------------------------------------------- hypercalls */

/*
 * Trap: `int $0x80` from ring 3.
 *   eax = hypercall number
 *   ebx, ecx, edx, esi, edi = arguments 0..4
 * Result: eax (int32_t; negative values are enum bh_error). A call may change
 * only the registers its line below names (column "changes"): EAX, the result
 * only, or EAX_EDX, a second result in edx (BH_HC_TIME_GET returns 64 bits in
 * edx:eax, BH_HC_VERSION the feature bits in edx). Every other general
 * register, esp, the segment registers (but gs, which BH_HC_TLS_SET loads)
 * and eflags' arithmetic flags, DF, TF and AC are preserved. Calls that
 * resume another context instead of returning (BH_HC_UPCALL_RETURN, a restart of the caller) follow the same
 * rule when they fail and return an error.
 * (Why int $0x80 rather than sysenter, measured: docs/benchmarks.md.)
 */
#define BH_HYPERCALL_VECTOR 0x80
/*
 * BH_HC_UPCALL_RETURN is also `int $0x84` (2.1), with no number in eax:
 * ebx = the frame (and in batch mode ebp = the lines), the same call with
 * the same results, through a shorter entry. The guest library's upcall
 * entries return this way.
 */
#define BH_UPCALL_RETURN_VECTOR 0x84

/* Registers a hypercall may change, as a bit set (column "changes"). */
#define BH_HC_REG_EAX 0x1u
#define BH_HC_REG_EDX 0x2u
#define BH_HC_CHANGES_EAX BH_HC_REG_EAX
#define BH_HC_CHANGES_EAX_EDX (BH_HC_REG_EAX | BH_HC_REG_EDX)

/*
 * The hypercall list: the one source of truth. The number enum below, the
 * assembler constants, the kernel's dispatch table and handler declarations
 * (kernel/core/hypercall.c, bh/hypercall.h), the wrappers' register
 * contract (bh.h) and the tests all derive from it. One line per call:
 *
 *   X(nr, NAME, name, changes, who, checks of the arguments in order...)
 *
 *   NAME     BH_HC_<NAME>; the kernel's handler is hc_<name>()
 *   changes  EAX or EAX_EDX: the registers the call may change (above)
 *   who      ANYONE, or PRIVILEGED: only partitions configured `privileged`
 *   checks   how the dispatcher validates each argument the call takes
 *            (ebx, ecx, edx, esi, edi) before the handler runs:
 *              ANY          any value; the handler decides
 *              MAX(n)       at most n, else BH_EINVAL
 *              IN(k, max)   pointer to argument k's number of bytes (at most
 *                           max, else BH_E2BIG), copied into the kernel
 *              IN_FIXED(n)  pointer to exactly n bytes, copied in
 *              OUT(n)       pointer to n writable bytes, written back only
 *                           when the call succeeds
 *            A failed pointer check is BH_EFAULT: a pointer must lie in the
 *            caller's own memory with the needed rights.
 */
#define BH_HYPERCALLS(X)                                                                    \
	/* () -> BH_ABI_VERSION, edx = BH_FEAT_* */                                         \
	X(0, VERSION, version, EAX_EDX, ANYONE)                                             \
	/* (const char *buf, uint32_t len) -> len; len 0 accepts any pointer */           \
	X(1, CONSOLE_WRITE, console_write, EAX, ANYONE, IN(1, BH_CONSOLE_MAX), ANY)         \
	/* () -> int64 ns since boot in edx:eax */                                          \
	X(2, TIME_GET, time_get, EAX_EDX, ANYONE)                                           \
	/* (struct bh_window_info *out) -> 0 */                                             \
	X(3, WINDOW_INFO, window_info, EAX, ANYONE, OUT(sizeof(struct bh_window_info)))     \
	/* () -> 0 when the next window starts */                                           \
	X(4, YIELD, yield, EAX, ANYONE)                                                     \
	/* () -> 0 at the next deliverable virq or window */                                \
	X(5, IDLE, idle, EAX, ANYONE)                                                       \
	/* (uint32_t id, struct bh_partition_status *out): another id if privileged */     \
	X(6, PARTITION_STATUS, partition_status, EAX, ANYONE, ANY,                          \
	  OUT(sizeof(struct bh_partition_status)))                                          \
	/* (enum bh_partition_mode) of the caller; a restart does not return */            \
	X(7, SET_MODE, set_mode, EAX, ANYONE, MAX(BH_MODE_NORMAL))                          \
	/* (uint32_t id, enum bh_pctl op) */                                                \
	X(8, PARTITION_CONTROL, partition_control, EAX, PRIVILEGED, ANY,                    \
	  MAX(BH_PCTL_RESTART_WARM))                                                        \
	/* (uint32_t code, const char *msg, uint32_t len) */                                \
	X(9, HM_RAISE, hm_raise, EAX, ANYONE, ANY, IN(2, BH_CONSOLE_MAX), ANY)              \
	/* (entry, stack_base, stack_size) */                                               \
	X(10, VIRQ_REGISTER, virq_register, EAX, ANYONE, ANY, ANY, ANY)                     \
	/* (uint32_t line) -> vector */                                                     \
	X(11, VIRQ_BIND, virq_bind, EAX, ANYONE, MAX(BH_NR_IRQ_LINES - 1))                  \
	/* (uint32_t line) */                                                               \
	X(12, VIRQ_UNBIND, virq_unbind, EAX, ANYONE, MAX(BH_NR_IRQ_LINES - 1))              \
	/* () deliver whatever is deliverable now */                                        \
	X(13, VIRQ_SYNC, virq_sync, EAX, ANYONE)                                            \
	/* (uint32_t vector) after clearing the mask bit */                                 \
	X(14, VIRQ_UNMASK, virq_unmask, EAX, ANYONE, MAX(BH_NR_VECTORS - 1))                \
	/* (struct bh_upcall_frame *frame): resumes the frame, no return;    */         \
	/* batch mode: ebp = the lines to acknowledge (bh_upcall_frame_batch) */         \
	X(15, UPCALL_RETURN, upcall_return, EAX, ANYONE,                                    \
	  IN_FIXED(sizeof(struct bh_upcall_frame)))                                         \
	/* (uint32_t lo, uint32_t hi) absolute ns; 0 cancels */                             \
	X(16, TIMER_SET, timer_set, EAX, ANYONE, ANY, ANY)                                  \
	/* (uint32_t code): end the run */                                                  \
	X(17, MODULE_HALT, module_halt, EAX, PRIVILEGED, ANY)                               \
	/* Ports (docs/ports.md). Messages are checked and copied by the handlers:  */     \
	/* once, straight between the caller and the channel's buffer.              */     \
	/* (uint32_t index, struct bh_port_info *out) -> the caller's port count    */     \
	X(18, PORT_INFO, port_info, EAX, ANYONE, ANY, OUT(sizeof(struct bh_port_info)))     \
	/* (uint32_t id, const void *msg, uint32_t len) -> 0                         */    \
	X(19, PORT_WRITE, port_write, EAX, ANYONE, ANY, ANY, ANY)                           \
	/* (uint32_t id, void *buf, uint32_t size) -> len, edx = BH_PORT_READ_*      */    \
	X(20, PORT_READ, port_read, EAX_EDX, ANYONE, ANY, ANY, ANY)                         \
	/* (uint32_t id, struct bh_port_status *out) -> 0                            */    \
	X(21, PORT_STATUS, port_status, EAX, ANYONE, ANY, OUT(sizeof(struct bh_port_status))) \
	/* (uint32_t id): a queuing destination's FIFO emptied                      */    \
	X(22, PORT_CLEAR, port_clear, EAX, ANYONE, ANY)                                     \
	/* (uint32_t vector): an arrival of one of the caller's own vectors;    */         \
	/* physical lines' vectors (BH_VEC_IRQ) belong to their devices: EPERM  */         \
	X(23, VIRQ_RAISE, virq_raise, EAX, ANYONE, MAX(BH_NR_VECTORS - 1))                  \
	/* Thread pointer (BH_SEL_TLS, below). (uint32_t base): gs = 0x1B, a    */         \
	/* flat data segment at base; later loads of BH_SEL_TLS get it too      */         \
	X(24, TLS_SET, tls_set, EAX, ANYONE, ANY)                                           \
	/* (const void *desc): 8 bytes of the caller's holding the descriptor  */         \
	/* each later load of BH_SEL_TLS installs (RTEMS's GDT entry 3); 0: off */         \
	X(25, TLS_DESC, tls_desc, EAX, ANYONE, ANY)                                         \
	/* (uint32_t flags: BH_VIRQ_OPT_*): how the caller's upcalls are        */         \
	/* written, from its next upcall on; 0 at every (re)start (2.1).        */         \
	/* BH_ESTATE while a line's upcall has not returned (its return acks   */         \
	/* the line as that upcall was written)                                 */         \
	X(26, VIRQ_OPTIONS, virq_options, EAX, ANYONE, MAX(BH_VIRQ_OPT_ALL))

#ifdef __ASSEMBLER__
/* Assembler sources get the numbers as symbols: movl $BH_HC_YIELD, %eax */
#define BH_HC_ASM_EQU_(nr, NAME, ...) .equ BH_HC_##NAME, nr;
BH_HYPERCALLS(BH_HC_ASM_EQU_)
#else /* the rest of this header is C */

#define BH_HC_ENUM_(nr, NAME, ...) BH_HC_##NAME = nr,
enum bh_hypercall_nr { BH_HYPERCALLS(BH_HC_ENUM_) BH_HC_COUNT };

/* Errors: one negative enum for every hypercall. */
enum bh_error {
	BH_OK = 0,
	BH_ENOSYS = -1,	 /* unknown hypercall number */
	BH_EINVAL = -2,	 /* an argument is out of range */
	BH_EFAULT = -3,	 /* a pointer is not inside the caller's own memory */
	BH_EPERM = -4,	 /* the configuration does not allow it */
	BH_ENOENT = -5,	 /* no such partition, line or vector */
	BH_ESTATE = -6,	 /* not valid in the current state */
	BH_E2BIG = -7,	 /* a length is larger than the call accepts */
	BH_EBUSY = -8,	 /* already bound or in use */
	BH_EAGAIN = -9,	 /* not now: a queue is full or empty, a sampling port empty */
	BH_ERROR_MIN = -9
};

/*
 * Longest buffer BH_HC_CONSOLE_WRITE and BH_HC_HM_RAISE accept. A buffer of
 * length 0 is accepted with any pointer: nothing is read.
 * BH_HC_CONSOLE_WRITE returns the length it took: the text is buffered in
 * the partition's console ring, or, if it does not fit (bh_vcpu_state
 * console_room), dropped whole and counted (the kernel reports the loss).
 */
#define BH_CONSOLE_MAX 256u

/* Partition id meaning "the caller" for BH_HC_PARTITION_STATUS. */
#define BH_SELF 0xFFFFFFFFu

/* ARINC 653 operating modes. */
enum bh_partition_mode {
	BH_MODE_IDLE = 0,
	BH_MODE_COLD_START = 1,
	BH_MODE_WARM_START = 2,
	BH_MODE_NORMAL = 3
};

/* ARINC 653 start conditions, reported by BH_HC_PARTITION_STATUS. */
enum bh_start_condition {
	BH_START_NORMAL = 0,		/* first start at power-on */
	BH_START_PARTITION_RESTART = 1, /* the partition asked (SET_MODE) */
	BH_START_HM_MODULE_RESTART = 2, /* health monitor reset the module */
	BH_START_HM_PARTITION_RESTART = 3, /* health monitor restarted it */
	BH_START_OTHER_PARTITION = 4	/* a privileged partition restarted it */
};

/* Operations of BH_HC_PARTITION_CONTROL. */
enum bh_pctl {
	BH_PCTL_STOP = 0,
	BH_PCTL_RESTART_COLD = 1,
	BH_PCTL_RESTART_WARM = 2
};

/*
 * Health-monitor events (also reported in the partition status) and
 * actions. The lists are the one source of the enums here and of the names
 * the kernel logs and the configuration (bhcfg) accepts: X(nr, NAME, name).
 */
#define BH_HM_EVENTS(X)                                                      \
	X(0, NONE, none)                                                     \
	X(1, DIVIDE_ERROR, divide_error)                                     \
	X(2, INVALID_OPCODE, invalid_opcode)                                 \
	X(3, GENERAL_PROTECTION, general_protection)                         \
	X(4, PAGE_FAULT, page_fault)                                         \
	X(5, FPU_ERROR, fpu_error)                                           \
	X(6, OTHER_TRAP, other_trap) /* debug, breakpoint, overflow, ... */  \
	X(7, BAD_HYPERCALL, bad_hypercall) /* bad calls reached the limit */ \
	X(8, APPLICATION_ERROR, application_error) /* BH_HC_HM_RAISE */      \
	X(9, UPCALL_ERROR, upcall_error) /* an upcall could not be written */

/* Chosen per event by the configuration. */
#define BH_HM_ACTIONS(X)                                                        \
	X(0, IGNORE, ignore) /* log only (application/bad-hypercall only) */    \
	X(1, PROPAGATE, propagate) /* deliver as a synchronous virtual trap */ \
	X(2, RESTART_COLD, restart_cold)                                        \
	X(3, RESTART_WARM, restart_warm)                                        \
	X(4, STOP, stop)                                                        \
	X(5, RESET_MODULE, reset_module)                                        \
	X(6, HALT_MODULE, halt_module)

#define BH_HM_EVENT_ENUM_(nr, NAME, name) BH_HM_##NAME = nr,
#define BH_HM_ACTION_ENUM_(nr, NAME, name) BH_HM_ACT_##NAME = nr,
enum bh_hm_event { BH_HM_EVENTS(BH_HM_EVENT_ENUM_) BH_HM_EVENT_COUNT };
enum bh_hm_action { BH_HM_ACTIONS(BH_HM_ACTION_ENUM_) BH_HM_ACT_COUNT };

/* ------------------------------------------------------ virtual vectors */

/*
 * 64 virtual interrupt vectors, maskable and tracked as pending, plus 32
 * synchronous trap vectors that are never maskable and never pending.
 * Delivery priority: when several are deliverable, the lowest vector number
 * goes first.
 */
#define BH_NR_VECTORS 64u
#define BH_VEC_TICK 0u	     /* periodic virtual clock tick */
#define BH_VEC_TIMER 1u	     /* one-shot timer (BH_HC_TIMER_SET) */
#define BH_VEC_PORT_BASE 8u   /* 8..23: port vectors (configured per port) */
#define BH_NR_PORT_VECTORS 16u
#define BH_VEC_SOFT_BASE 48u  /* 48..63 (and 2..7, 24..31): no kernel source;
				 the partition raises them (BH_HC_VIRQ_RAISE) */
#define BH_VEC_IRQ_BASE 32u   /* 32..47: physical line n -> 32 + n */
#define BH_VEC_IRQ(line) (BH_VEC_IRQ_BASE + (line))
#define BH_NR_IRQ_LINES 16u
#define BH_VEC_TRAP_BASE 64u  /* 64..95: CPU exception n -> 64 + n */
#define BH_VEC_TRAP(exc) (BH_VEC_TRAP_BASE + (exc))
#define BH_NR_UPCALL_VECTORS 96u

/* Flags an upcall handler starts with, and those BH_HC_UPCALL_RETURN takes
 * from the frame (CF PF AF ZF SF TF DF OF AC). A partition never runs with
 * IOPL, NT or VM set: the kernel clears them whenever it resumes one. */
#define BH_EFLAGS_UPCALL_ENTRY 0x00000202u
#define BH_EFLAGS_RESTORED 0x00040DD5u

/* Smallest interrupt stack BH_HC_VIRQ_REGISTER accepts. */
#define BH_MIN_IRQ_STACK 512u

/* ------------------------------------------------- thread pointer (TLS) */

/*
 * Selector 0x18 (any RPL) is the partition's thread-pointer segment, where
 * RTEMS's i386 context switch puts it. A partition starts with fs and gs
 * holding 0x1B and an unusable segment: every access through them is a
 * fault (general_protection; under QEMU's TCG a page_fault in the kernel's
 * half), never an access to memory. Loading 0x18 into fs or gs:
 *   - before the partition set a thread pointer: a general_protection
 *     event, as for any selector that is not the partition's own;
 *   - after BH_HC_TLS_SET(base): a flat read-write data segment at base;
 *   - after BH_HC_TLS_DESC(desc): the 8-byte descriptor at desc as it is
 *     at that load, if it is a present data segment (its DPL becomes 3),
 *     else general_protection.
 * Only `mov reg, %fs|%gs` and `pop %fs|%gs` may load it (the kernel serves
 * each such load on the fault it raises: docs/internals.md). BH_HC_TLS_SET
 * loads gs itself: the cheap way to switch threads. The variables of
 * __thread are at negative offsets from the thread pointer, which holds its
 * own address (i386 TLS variant II); bh_tls_init() (bh.h) lays out a block.
 * Cleared at every (re)start.
 */
#define BH_SEL_TLS 0x18u

/* ----------------------------------------------------------- vCPU pages */

/*
 * The partition's clock, read without a trap (bh_clock_ns() in bh.h):
 *
 *   ns = base_ns + (((tsc - base_tsc) * mult) >> shift), but at most limit_ns
 *
 * where tsc is the processor's time-stamp counter (rdtsc). base_ns is the
 * last kernel tick's exact time and base_tsc the counter read as that tick
 * entered the kernel (so the clock runs behind kernel time by the tick's
 * entry delay, never ahead),
 * mult/shift the counter's period in ns from a calibration against the
 * timer at boot, limit_ns the next kernel tick's time. The kernel rewrites
 * it at every kernel tick while the partition owns the window, at each of
 * its window starts and at its (re)start; seq is odd while it does, and a
 * reader retries when seq was odd or changed. So a read is consistent,
 * never decreases (limit_ns is never past the next base_ns), continues
 * across partition switches and restarts (it is kernel time), and under
 * -icount, where the counter counts instructions as ns, the calibration
 * error is a few ns per ms of interpolation. mult == 0: no clock (use
 * BH_HC_TIME_GET). It sits in the read-only state page (struct
 * bh_vcpu_state): kernel -> guest, the kernel never reads it back.
 */
struct bh_vclock {
	volatile uint32_t seq;
	volatile uint32_t mult;
	volatile uint32_t shift;
	volatile uint32_t reserved;
	volatile uint64_t base_tsc;
	volatile uint64_t base_ns;
	volatile uint64_t limit_ns;
};

/*
 * Two pages per partition, mapped in its own address space only:
 *
 *   struct bh_vcpu at BH_VCPU_VADDR, read-write: what the guest writes
 *   without a trap. The kernel reads it afresh at each decision, as
 *   untrusted input: any value is legal and decides only whether *this*
 *   partition gets an upcall now or later.
 *
 *   struct bh_vcpu_state at BH_VSTATE_VADDR, read-only for the guest: the
 *   kernel's own state of the partition's virtual interrupts (not a copy:
 *   the kernel keeps its pending bits and counts right there) and time and
 *   window information. A guest cannot write it.
 *
 * mask and pending are arrays of 32-bit words so that a guest can change one
 * vector with a single read-modify-write instruction, which an interrupt
 * cannot split: vector v is bit (v % 32) of word (v / 32).
 *
 * summary (rule 2 without reading four words): non-zero whenever some vector
 * may be deliverable (pending and unmasked). The kernel sets it when an
 * unmasked vector arrives, clears it when it has delivered everything
 * deliverable, and recomputes it on BH_HC_VIRQ_SYNC and BH_HC_VIRQ_UNMASK; a
 * guest that clears a mask bit by a plain store sets it itself if the
 * vector is pending. Enabling is then
 *     enabled = 1; if (summary) BH_HC_VIRQ_SYNC;
 * (store first: an arrival after the store is delivered at once, one
 * before it has set summary). It is a hint: the kernel never trusts it, so a
 * stale 1 costs one hypercall and a scribbled 0 only delays this
 * partition's own vectors to its next kernel entry that delivers.
 */
struct bh_vcpu {
	volatile uint32_t enabled; /* guest: 0 = virtual interrupts disabled */
	volatile uint32_t summary; /* kernel and guest: see above */
	volatile uint32_t mask[2]; /* guest: bit set = vector masked */
};

struct bh_vcpu_state {
	volatile uint32_t pending[2];		/* bit set: arrivals waiting */
	volatile uint32_t count[BH_NR_VECTORS]; /* arrivals not yet delivered;
						   meaningful while pending */
	volatile uint64_t time_ns;	   /* kernel time at the last tick seen */
	volatile uint64_t window_start_ns; /* start of the current window */
	volatile uint64_t window_end_ns;   /* end of the current window */
	volatile uint32_t window_seq;	   /* windows started since (re)start */
	volatile uint32_t window_index;	   /* index in the major frame */
	volatile uint32_t frame_seq;	   /* major frames since boot */
	volatile uint32_t partition_id;
	volatile uint32_t abi_version;	   /* BH_ABI_VERSION */
	volatile uint32_t tick_period_ns;  /* virtual tick period, 0 if none */
	struct bh_vclock clock;		   /* the clock (above) */
	/* Bytes BH_HC_CONSOLE_WRITE can take at once: a write of n bytes is
	 * buffered whole if n + 2 <= console_room, else dropped and counted.
	 * A guest that must not lose output waits for room (the guest
	 * library's bh_printf does, yielding its window). */
	volatile uint32_t console_room;
	/* BH_VIRQ_OPT_* in effect (BH_HC_VIRQ_OPTIONS; 0 after a (re)start):
	 * what the upcall entry finds in each frame (2.1). */
	volatile uint32_t virq_options;
};

/* ---------------------------------------------------------- upcalls */

/*
 * Written by the kernel on the partition's registered interrupt stack when
 * it delivers a vector. On entry to the registered handler:
 *   esp = ecx = address of this frame, eax = vector, edx = count,
 *   virtual interrupts disabled (enabled == 0).
 * The handler starts with a defined flag state whatever the interrupted
 * code had: eflags = 0x202 (IF and the reserved bit set; DF, TF, AC, NT, RF
 * clear; IOPL 0; arithmetic flags clear).
 * The handler ends with BH_HC_UPCALL_RETURN(frame), which restores the
 * saved registers and the saved virtual flag in one step and then delivers
 * the next deliverable vector, if any. The guest may edit the saved context
 * (as a signal handler would). From the saved eflags the kernel takes back
 * the arithmetic flags, DF, TF and AC (mask BH_EFLAGS_RESTORED); IF is
 * always set, IOPL, NT, RF and VM always clear. A TF restored this way
 * single-steps the interrupted code: one debug trap after its next
 * instruction.
 * Segment, x87 and SSE registers are not saved: a handler that uses the FPU
 * must save it itself.
 */
struct bh_upcall_frame {
	uint32_t vector;     /* 0..63 interrupt, 64..95 trap */
	uint32_t count;	     /* coalesced arrivals (1 for a trap) */
	uint32_t error_code; /* trap: CPU error code, else 0 */
	uint32_t fault_addr; /* page fault: faulting address, else 0 */
	uint32_t enabled;    /* virtual flag at the interrupted point */
	uint32_t edi, esi, ebp, ebx, edx, ecx, eax;
	uint32_t eip, eflags, esp;
};

/*
 * Batch upcalls (ABI 2.1; BH_HC_VIRQ_OPTIONS with BH_VIRQ_OPT_BATCH, which
 * the guest library's bh_virq_init() sets). One upcall then hands the guest
 * every vector deliverable when it is written, not only the first:
 *   - the frame's vector and count are the first (lowest) of them, as
 *     without the option; the others are in esi (vectors 0-31) and edi
 *     (32-63) at entry, bit v % 32 for vector v, to be run lowest first,
 *     and the frame is followed by their counts (struct
 *     bh_upcall_frame_batch: count[v] for each v in esi/edi);
 *   - the kernel has taken them all off pending (their counts in the state
 *     page are 0), so arrivals during the upcall pend afresh (rule 4) and
 *     are delivered at the return, in a new batch;
 *   - a vector handed over is delivered: the guest's dispatcher runs every
 *     handler in order, even if one of them masks a later one meanwhile
 *     (as an interrupt controller's acknowledged interrupt still runs);
 *   - ebp at entry holds the physical lines handed over (bit n: line n,
 *     vector's included); BH_HC_UPCALL_RETURN takes them back in ebp
 *     (callee-saved: C handlers keep it) and acknowledges them, where
 *     without the option it acknowledges the frame's vector's line. A
 *     wrong ebp acknowledges only the caller's own lines early or late.
 *   - the return does not read vector and count: a dispatcher may reuse
 *     them (the guest library's BSP layer puts each ISR's own there).
 * A trap's upcall has esi, edi and ebp clear. The interrupt stack needs
 * room for the bigger frame (sizeof(struct bh_upcall_frame_batch)) per
 * nesting level. Without the option, esi, edi and ebp at entry are
 * undefined.
 */
#define BH_VIRQ_OPT_BATCH 1u
#define BH_VIRQ_OPT_ALL BH_VIRQ_OPT_BATCH

struct bh_upcall_frame_batch {
	struct bh_upcall_frame f;
	uint32_t count[BH_NR_VECTORS]; /* count[v] for each v handed over after f */
};

/* ------------------------------------------------- copied-out structs */

struct bh_window_info {
	uint64_t now_ns;
	uint64_t start_ns;	 /* start of the caller's current window */
	uint64_t end_ns;	 /* end of that window */
	uint64_t major_frame_ns;
	uint32_t window_index; /* index in the schedule */
	uint32_t window_seq;   /* windows the caller has started */
	uint32_t frame_seq;    /* major frames since boot */
	uint32_t partition_id;
};

#define BH_NAME_MAX 16u

struct bh_partition_status {
	uint32_t id;
	uint32_t mode;		  /* enum bh_partition_mode */
	uint32_t start_condition; /* enum bh_start_condition */
	uint32_t restart_count;
	uint32_t hm_events;	  /* health-monitor events since boot */
	uint32_t last_hm_event;	  /* enum bh_hm_event */
	uint32_t bad_hypercalls;  /* since the last (re)start */
	uint32_t window_seq;
	char name[BH_NAME_MAX];
};

/* ------------------------------------------------------------- ports */

/*
 * ARINC 653 ports (docs/ports.md). The configuration declares each
 * partition's ports and the channels joining them; a port is named in calls
 * by its id, which BH_HC_PORT_INFO reports. Ids are system-wide: a call on
 * another partition's port gets BH_EPERM, on no port BH_ENOENT.
 *
 *   PORT_WRITE  sampling source: replace the message; queuing source: append
 *               to the destination's FIFO (BH_EAGAIN when full). Raises the
 *               destination port's vector at every destination.
 *   PORT_READ   sampling destination: copy the latest message (stays);
 *               edx bit BH_PORT_READ_VALID if its age <= refresh period.
 *               queuing destination: take the oldest message (BH_EAGAIN
 *               when empty); if a send found the FIFO full since, raise the
 *               source port's vector ("space available").
 *               A buffer smaller than the message gets BH_E2BIG and the
 *               message stays.
 * Messages are 1..max_size bytes (BH_EINVAL for 0, BH_E2BIG above); the
 * configuration limits max_size to BH_PORT_MAX_MESSAGE.
 */
#define BH_PORT_MAX_MESSAGE 1024u
#define BH_PORT_SAMPLING 0u
#define BH_PORT_QUEUING 1u
#define BH_PORT_SOURCE 0u
#define BH_PORT_DESTINATION 1u
#define BH_PORT_NO_VECTOR 0u	     /* vector field: none configured */
#define BH_PORT_READ_VALID (1u << 0) /* PORT_READ edx: sampling message valid */

struct bh_port_info {
	uint32_t id;	     /* for the other port calls */
	uint32_t kind;	     /* BH_PORT_SAMPLING or BH_PORT_QUEUING */
	uint32_t direction;  /* BH_PORT_SOURCE or BH_PORT_DESTINATION */
	uint32_t max_size;   /* bytes */
	uint32_t depth;	     /* queuing: messages; sampling: 1 */
	uint32_t vector;     /* destination: arrival; queuing source: space
				available; BH_PORT_NO_VECTOR if none */
	uint64_t refresh_ns; /* sampling destination: validity limit as
				configured (refresh ticks x the configured
				tick), else 0 */
	char name[BH_NAME_MAX];
};

/* Kernel time is counted in ticks: a message written during tick k has
 * age n during tick k + n. */
struct bh_port_status {
	uint32_t id;
	uint32_t nb_messages; /* queuing: in the FIFO; sampling: 1 once written */
	uint32_t length;      /* sampling: current message's length, 0: none */
	uint32_t valid;	      /* sampling: current message age <= refresh */
	uint64_t written_ns;  /* sampling: time of the tick it was written in */
	uint32_t sent;	      /* source: messages accepted */
	uint32_t received;    /* destination: messages read or received */
	uint32_t invalid;     /* sampling destination: reads that were invalid */
	uint32_t overflows;   /* queuing source: sends refused, FIFO full */
	uint32_t discarded;   /* queuing destination: cleared or lost to its
				 cold restart */
	uint32_t reserved;
};

/* ----------------------------------------------- layout assertions */

#define BH_ABI_ASSERT(c, m) _Static_assert(c, "ABI layout: " m)
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu, enabled) == 0, "enabled");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu, summary) == 4, "summary");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu, mask) == 8, "mask");
BH_ABI_ASSERT(sizeof(struct bh_vcpu) == 16, "vcpu size");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, pending) == 0, "pending");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, count) == 8, "count");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, time_ns) == 264, "time_ns");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, window_seq) == 288, "window_seq");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, clock) == 312, "vcpu clock");
BH_ABI_ASSERT(sizeof(struct bh_vclock) == 40, "vclock size");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vclock, base_tsc) == 16, "vclock base_tsc");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, console_room) == 352, "console_room");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_vcpu_state, virq_options) == 356, "virq_options");
BH_ABI_ASSERT(sizeof(struct bh_vcpu_state) == 360, "vcpu state size");
BH_ABI_ASSERT(sizeof(struct bh_vcpu_state) <= BH_PAGE_SIZE, "vcpu state fits a page");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_upcall_frame_batch, count) == 60, "batch count");
BH_ABI_ASSERT(sizeof(struct bh_upcall_frame_batch) == 316, "batch frame size");
BH_ABI_ASSERT(sizeof(struct bh_upcall_frame) == 60, "upcall frame");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_upcall_frame, edi) == 20, "frame regs");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_upcall_frame, eip) == 48, "frame eip");
BH_ABI_ASSERT(sizeof(struct bh_window_info) == 48, "window info");
BH_ABI_ASSERT(sizeof(struct bh_partition_status) == 48, "partition status");
BH_ABI_ASSERT(sizeof(struct bh_port_info) == 48, "port info");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_port_info, refresh_ns) == 24, "port info time");
BH_ABI_ASSERT(sizeof(struct bh_port_status) == 48, "port status");
BH_ABI_ASSERT(__builtin_offsetof(struct bh_port_status, written_ns) == 16, "status time");
BH_ABI_ASSERT(BH_HC_COUNT == 27, "hypercall table");
/* The list is dense: its numbers are 0 .. BH_HC_COUNT - 1, each once. */
#define BH_HC_ONE_(...) +1
enum { BH_HC_LINES_ = 0 BH_HYPERCALLS(BH_HC_ONE_) };
BH_ABI_ASSERT((int)BH_HC_LINES_ == (int)BH_HC_COUNT, "hypercall numbers are 0..count-1");
enum { BH_HM_EVENT_LINES_ = 0 BH_HM_EVENTS(BH_HC_ONE_) };
enum { BH_HM_ACTION_LINES_ = 0 BH_HM_ACTIONS(BH_HC_ONE_) };
BH_ABI_ASSERT((int)BH_HM_EVENT_LINES_ == (int)BH_HM_EVENT_COUNT, "HM events are 0..count-1");
BH_ABI_ASSERT((int)BH_HM_ACTION_LINES_ == (int)BH_HM_ACT_COUNT, "HM actions are 0..count-1");

#endif /* !__ASSEMBLER__ */

#endif /* BULKHEAD_ABI_H */
