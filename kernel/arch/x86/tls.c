/*
 * The partition's thread-pointer segment: GDT entry 3, selector 0x18, where
 * RTEMS's i386 context switch expects its TLS descriptor (arch/selectors.h).
 *
 * Until the partition sets a thread pointer, fs and gs hold 0x1B with an
 * unusable segment (TLS_UNSET): expand-down with the largest limit, so no
 * offset is inside it and every access through it is a #GP; its base lies
 * in the middle of the kernel's supervisor-only half, so under QEMU's TCG,
 * which checks no segment limits, each access with an offset within
 * 512 MiB is a page fault there instead. Either way a fault, never a read
 * of the partition's memory (a flat gs made %gs:-4 the vCPU page's last
 * word).
 *
 * The entry is null whenever ring 3 runs, so a guest's own load of 0x18
 * into fs or gs always raises #GP(0x18); the kernel serves it here with the
 * partition's descriptor, or lets the fault stand if it has none (a
 * selector the guest has not set never aliases memory). The descriptor is
 * either the one BH_HC_TLS_SET built (a flat data segment at the thread
 * pointer), or, if the partition registered one with BH_HC_TLS_DESC, the
 * 8 bytes at that guest address, read at each load (RTEMS writes its
 * thread's descriptor into its own _Global_descriptor_table[3] and then
 * loads 0x18). A guest descriptor is installed only if it is a present
 * data segment, and always with DPL 3.
 *
 * Whenever the kernel loads fs or gs with 0x18 (here, and when a partition
 * becomes live again, switch.S), it fills the entry, loads the register and
 * clears the entry: the register keeps the segment in its hidden part,
 * which iret to ring 3 keeps (DPL 3), and the next load traps again. The
 * descriptor loaded is kept per register in the partition's context.
 */
#include <arch/x86.h>
#include <bh/partition.h>
#include <bh/uaccess.h>

#define DESC_ACCESSED (1ull << 40)
#define DESC_DOWN (1ull << 42) /* data: expand-down */
#define DESC_RW (1ull << 41)
#define DESC_CODE (1ull << 43)
#define DESC_S (1ull << 44) /* code or data, not a system descriptor */
#define DESC_DPL3 (3ull << 45)
#define DESC_P (1ull << 47)
#define DESC_L (1ull << 53)
#define DESC_DB (1ull << 54)
#define DESC_G (1ull << 55)
#define DESC_LIMIT_MAX (0xFFFFull | (0xFull << 48))

#define OP_SIZE 0x66u
#define OP_MOV_TO_SREG 0x8Eu
#define OP_0F 0x0Fu
#define OP_POP_FS 0xA1u
#define OP_POP_GS 0xA9u

enum { SREG_FS = 4, SREG_GS = 5 }; /* the ModRM reg field's numbering */

#define UNSET_BASE (BH_USER_BASE / 2u)

static uint64_t base_bits(uint32_t base)
{
	return (uint64_t)(base & 0xFFFFFFu) << 16 | (uint64_t)(base >> 24) << 56;
}

/* What fs and gs hold until the partition sets a thread pointer (top);
 * regs.c, which the host build shares, uses DESC_TLS_UNSET. */
_Static_assert((UNSET_BASE & 0xFFFFFFu) == 0, "UNSET_BASE in the top byte only");
_Static_assert((DESC_LIMIT_MAX | (uint64_t)(UNSET_BASE >> 24) << 56 | DESC_ACCESSED | DESC_RW |
		DESC_DOWN | DESC_S | DESC_DPL3 | DESC_P | DESC_DB | DESC_G) == DESC_TLS_UNSET,
	       "DESC_TLS_UNSET is the unusable segment");

static bool is_tls(uint32_t sel)
{
	return (sel & 0xFFFCu) == SEL_TLS;
}

/* A flat 4 GiB read-write data segment at base, DPL 3. */
static uint64_t flat_data(uint32_t base)
{
	return DESC_LIMIT_MAX | base_bits(base) | DESC_ACCESSED | DESC_RW | DESC_S | DESC_DPL3 | DESC_P | DESC_DB | DESC_G;
}

/* A guest's descriptor as it may be installed, or 0 if it is not a present
 * data segment. Accessed is preset so the processor never writes the GDT. */
static uint64_t sanitize(uint64_t d)
{
	if (!(d & DESC_P) || !(d & DESC_S) || (d & DESC_CODE))
		return 0;
	return (d & ~DESC_L) | DESC_DPL3 | DESC_ACCESSED;
}

static void load_sreg(unsigned sreg, uint32_t sel, uint64_t desc)
{
	desc_set_tls(desc);
	if (sreg == SREG_FS)
		__asm__ volatile("mov %0, %%fs" : : "r"(sel) : "memory");
	else
		__asm__ volatile("mov %0, %%gs" : : "r"(sel) : "memory");
	desc_set_tls(0);
}

/* Loads that read the slot: ordered after its write and before its clear. */
static inline void mov_fs(uint32_t sel)
{
	__asm__ volatile("mov %0, %%fs" : : "r"(sel), "m"(x86_gdt[GDT_TLS]));
}

static inline void mov_gs(uint32_t sel)
{
	__asm__ volatile("mov %0, %%gs" : : "r"(sel), "m"(x86_gdt[GDT_TLS]));
}

/*
 * c's fs and gs as c last had them (a restart of the live partition, its
 * segments made unusable; a switch does the same in switch.S): a register
 * that held 0x18 gets its own descriptor back (null if none), any other
 * selector is reloaded as it was. The slot is written once per distinct
 * descriptor and cleared once.
 */
void tls_load_segments(const struct arch_ctx *c)
{
	uint32_t fs = c->fs, gs = c->gs;
	const uint64_t *slot = NULL; /* the descriptor in the slot */

	if (is_tls(fs)) {
		if (c->fs_tls)
			desc_set_tls(*(slot = &c->fs_tls));
		else
			fs = 0;
	}
	mov_fs(fs);
	if (is_tls(gs)) {
		if (!c->gs_tls)
			gs = 0;
		else if (!slot || *slot != c->gs_tls)
			desc_set_tls(*(slot = &c->gs_tls));
	}
	mov_gs(gs);
	if (slot)
		desc_set_tls(0);
}

/* The running partition's fs and gs become unusable again (its thread
 * pointer and registered descriptor stay). */
void tls_unusable_segments(struct arch_ctx *c)
{
	c->fs = c->gs = SEL_TLS | SEL_RPL3;
	c->fs_tls = c->gs_tls = DESC_TLS_UNSET;
	tls_load_segments(c);
}


/* The descriptor a load of 0x18 gets now, 0 if none. */
static uint64_t guest_desc(const struct partition *p)
{
	uint64_t d;

	if (!p->ctx.tls_table)
		return p->ctx.tls_set;
	if (uaccess_copy_in(p, &d, gva(p->ctx.tls_table), sizeof(d)) != BH_OK)
		return 0;
	return sanitize(d);
}

struct sreg_load {
	unsigned sreg;
	uint32_t sel, len, pop; /* pop: bytes taken off the stack */
};

static bool insn_byte(const struct partition *p, uint32_t va, uint8_t *b)
{
	const uint8_t *q = uaccess_ptr(p, gva(va), 1, BH_PERM_R);

	if (q)
		*b = *q;
	return q != NULL;
}

/* `mov r16/r32, %fs|%gs` (register form only) or `pop %fs|%gs`. */
static bool decode(const struct partition *p, struct arch_regs *r, struct sreg_load *l)
{
	uint8_t b0, b1;
	uint32_t at = r->eip, opsize = 4;

	if (!insn_byte(p, at, &b0))
		return false;
	if (b0 == OP_SIZE) {
		opsize = 2;
		if (!insn_byte(p, ++at, &b0))
			return false;
	}
	if (!insn_byte(p, at + 1, &b1))
		return false;
	l->len = at + 2 - r->eip;
	if (b0 == OP_MOV_TO_SREG && (b1 >> 6) == 3 && ((b1 >> 3) & 7u) >= SREG_FS) {
		l->sreg = (b1 >> 3) & 7u;
		l->sel = *x86_gpr(r, b1 & 7u) & 0xFFFFu;
		l->pop = 0;
		return l->sreg <= SREG_GS;
	}
	if (b0 != OP_0F || (b1 != OP_POP_FS && b1 != OP_POP_GS))
		return false;
	l->sreg = b1 == OP_POP_FS ? SREG_FS : SREG_GS;
	l->sel = 0;
	l->pop = opsize;
	return uaccess_copy_in(p, &l->sel, gva(r->esp), 2) == BH_OK;
}

bool tls_emulate(struct partition *p, struct arch_regs *r)
{
	struct sreg_load l;
	uint64_t d;

	if (!decode(p, r, &l) || !is_tls(l.sel) || !(d = guest_desc(p)))
		return false;
	load_sreg(l.sreg, l.sel, d);
	*(l.sreg == SREG_FS ? &p->ctx.fs_tls : &p->ctx.gs_tls) = d;
	r->esp += l.pop;
	r->eip += l.len;
	return true;
}

int32_t arch_tls_set(struct partition *p, uint32_t base)
{
	p->ctx.tls_set = p->ctx.gs_tls = flat_data(base);
	load_sreg(SREG_GS, SEL_TLS | SEL_RPL3, p->ctx.tls_set);
	return BH_OK;
}

void arch_tls_register(struct partition *p, uint32_t va)
{
	p->ctx.tls_table = va;
}
