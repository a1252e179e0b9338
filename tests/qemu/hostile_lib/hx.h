/*
 * The hostile suite's guest library (tests/qemu/hostile_*): run a few
 * bytes of arbitrary code with chosen registers and find out whether, and
 * how, it trapped. The partition's configuration must say `propagate` for
 * the traps it expects; every trap vector (64..95) goes to the library's
 * handler, which records the frame and resumes at a recovery point, so a
 * scan of thousands of instructions runs in one partition life.
 *
 * The library registers its own upcall entry (hx_entry.S), which clears
 * DF, TF, AC and NT before any C code runs: the code under test may leave
 * any flags behind, and the handler must not depend on what the kernel
 * does about that (which is what some of the tests check).
 */
#ifndef HX_H
#define HX_H

#include <bhtest.h>

/* General registers in and out of a snippet. */
struct hx_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
};

/* What a trapping snippet left: from its upcall frame. */
struct hx_trap {
	uint32_t vector; /* BH_VEC_TRAP(n) */
	uint32_t error, addr, eip, esp, eflags;
};

#define HX_CODE_MAX 240u

/*
 * The victim (guests/hostile_victim) measures this many of its windows,
 * one per major frame; attackers keep attacking at least as long
 * (hx_attacking()), then report. Tests run frames=HX_VICTIM_WINDOWS + 2.
 */
#define HX_VICTIM_WINDOWS 24u

static inline bool hx_attacking(void)
{
	return bh_vstate->window_seq <= HX_VICTIM_WINDOWS;
}

/* The partition's own code and data selectors, as the kernel gave them
 * (their layout in the GDT is the kernel's business, not the ABI's). */
static inline uint32_t hx_code_sel(void)
{
	uint32_t s;

	__asm__("movl %%cs, %0" : "=r"(s));
	return s;
}

static inline uint32_t hx_data_sel(void)
{
	uint32_t s;

	__asm__("movl %%ss, %0" : "=r"(s));
	return s;
}

/* bht_init(name), register the entry and stack, take every trap vector. */
void hx_init(const char *name);

/* How a snippet ended. */
enum hx_outcome {
	HX_RETURNED, /* its `ret`: *r holds its registers */
	HX_TRAPPED,  /* a trap: *t filled, *r holds the registers at the trap */
	HX_LANDED,   /* it went to hx_land (e.g. an iret or upcall return
			aimed there): *r holds the registers on arrival,
			t->esp and t->eflags the stack pointer and flags,
			t->vector HX_NO_TRAP */
};
#define HX_NO_TRAP 0xFFFFFFFFu

/*
 * Copy `len` bytes of code (followed by a `ret`) to the library's code
 * buffer and call it with *r loaded; segment registers and flags are reset
 * afterwards, whichever way it ended.
 */
enum hx_outcome hx_run_code(const void *code, uint32_t len, struct hx_regs *r, struct hx_trap *t);

/* The same for code already in memory that returns with `ret`. */
enum hx_outcome hx_call(void (*fn)(void), struct hx_regs *r, struct hx_trap *t);

/* Whether it trapped. */
static inline bool hx_exec(const void *code, uint32_t len, struct hx_regs *r, struct hx_trap *t)
{
	return hx_run_code(code, len, r, t) == HX_TRAPPED;
}

/* A landing point for forged returns: arriving there ends the snippet. */
extern char hx_land[];

/* Register the library's entry and stack again (after a test changed them). */
void hx_register(void);

/* Address of the code buffer (e.g. to check a trap's eip). */
uint32_t hx_code_addr(void);

/* Traps not taken inside hx_exec/hx_call (each stops the partition). */
uint32_t hx_stray_traps(void);

/* Handler for vector v besides the traps (e.g. the tick): as bh_set_handler. */
void hx_set_handler(uint32_t v, bh_handler_t h);

/* Error code of a #GP on IDT entry vec (e.g. `int vec` to a DPL-0 gate). */
static inline uint32_t hx_idt_error(uint32_t vec)
{
	return (vec << 3) | 2u;
}

/* The runner and entry (hx_entry.S), for hx.c. */
uint32_t hx_run(struct hx_regs *r, void (*code)(void));
void hx_entry(void);
extern char hx_recover[];
extern uint32_t hx_saved_esp;
extern uint32_t hx_landed[9]; /* eax ebx ecx edx esi edi ebp esp eflags */

#endif /* HX_H */
