/*
 * hc_api, virtual interrupt calls: registration (every argument class),
 * line binding and unbinding, unmask and sync range checks, and upcall
 * return used as a jump: registers restored exactly, eflags sanitised, the
 * virtual flag taken from the frame, from frames anywhere in memory and
 * from frames inside the registered interrupt stack (read in place).
 */
#include "hc_api.h"

#define ENTRY BH_PTR(bh_upcall_entry)

static uint8_t land_stack[256] __attribute__((aligned(16)));

static int32_t reg(uint32_t entry, uint32_t stack, uint32_t size)
{
	return bh_hypercall3(BH_HC_VIRQ_REGISTER, entry, stack, size);
}

static void register_tests(void)
{
	EXPECT(reg(ENTRY, D2_BASE, 511), BH_EINVAL);
	EXPECT(reg(ENTRY, D2_BASE, 496), BH_EINVAL);
	EXPECT(reg(ENTRY, D2_BASE, 520), BH_EINVAL);
	EXPECT(reg(ENTRY, D2_BASE, 0), BH_EINVAL);
	EXPECT(reg(ENTRY, D2_BASE + 8, 512), BH_EINVAL);
	EXPECT(reg(KERNEL_PTR, D2_BASE, 8), BH_EINVAL); /* sizes are checked first */
	/* The entry must be in an executable region of the caller. */
	EXPECT(reg(0, D2_BASE, 512), BH_EFAULT);
	EXPECT(reg(KERNEL_PTR, D2_BASE, 512), BH_EFAULT);
	EXPECT(reg(RO_BASE, D2_BASE, 512), BH_EFAULT);
	EXPECT(reg(D1_BASE, D2_BASE, 512), BH_EFAULT);
	EXPECT(reg(PEER_ONLY, D2_BASE, 512), BH_EFAULT);
	EXPECT(reg(BH_VCPU_VADDR, D2_BASE, 512), BH_EFAULT);
	/* The stack must be writable and inside one region. */
	EXPECT(reg(ENTRY, RO_BASE, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, KERNEL_PTR, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, PEER_ONLY, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, HOLE, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, D1_END - 496, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, D3_BASE - 256, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, BH_VCPU_VADDR, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, 0xFFFFFF00u, 512), BH_EFAULT);
	EXPECT(reg(ENTRY, D2_BASE, 0xFFFFFFF0u), BH_EFAULT);
	EXPECT(reg(ENTRY, D1_END - 512, 512), BH_OK); /* exactly the region's end */
	CHECK_BAD();
}

static void line_tests(void)
{
	const int32_t vec = (int32_t)BH_VEC_IRQ(OWN_LINE);

	EXPECT(bh_irq_bind(BH_NR_IRQ_LINES), BH_EINVAL);
	EXPECT(bh_irq_bind(0xFFFFFFFFu), BH_EINVAL);
	EXPECT(bh_irq_bind(PEER_LINE), BH_EPERM);
	EXPECT(bh_irq_bind(0), BH_EPERM); /* the kernel's timer */
	EXPECT(bh_irq_bind(4), BH_EPERM); /* the kernel's console */
	EXPECT(bh_irq_bind(OWN_LINE), vec);
	EXPECT(bh_irq_bind(OWN_LINE), BH_EBUSY);
	EXPECT(bh_irq_unbind(PEER_LINE), BH_ENOENT);
	EXPECT(bh_irq_unbind(BH_NR_IRQ_LINES), BH_EINVAL);
	EXPECT(bh_irq_unbind(OWN_LINE), BH_OK);
	EXPECT(bh_irq_unbind(OWN_LINE), BH_ENOENT);
	EXPECT(bh_irq_bind(OWN_LINE), vec);
	EXPECT(bh_hypercall1(BH_HC_VIRQ_UNMASK, BH_NR_VECTORS), BH_EINVAL);
	EXPECT(bh_hypercall1(BH_HC_VIRQ_UNMASK, 0xFFFFFFFFu), BH_EINVAL);
	EXPECT(bh_hypercall1(BH_HC_VIRQ_UNMASK, BH_NR_VECTORS - 1), BH_OK);
	EXPECT(bh_hypercall1(BH_HC_VIRQ_UNMASK, (uint32_t)vec), BH_OK);
	EXPECT(bh_virq_sync(), BH_OK);
	EXPECT(bh_irq_unbind(OWN_LINE), BH_OK);
	CHECK_BAD();
}

static void make_frame(struct bh_upcall_frame *f, uint32_t eflags, uint32_t enabled)
{
	*f = (struct bh_upcall_frame){ 0 };
	f->vector = 200;
	f->eax = 0xA0A0A0A0u, f->ebx = 0xB0B0B0B0u, f->ecx = 0xC0C0C0C0u;
	f->edx = 0xD0D0D0D0u, f->esi = 0x51515151u, f->edi = 0xD1D1D1D1u;
	f->ebp = 0xEBEBEBEBu;
	f->eip = BH_PTR(hcl_land);
	f->esp = BH_PTR(land_stack + sizeof(land_stack) - 16);
	f->eflags = eflags;
	f->enabled = enabled;
}

/* Upcall return to hcl_land: the frame's registers, sanitised flags. */
static void jump(const struct bh_upcall_frame *f, uint32_t want_flags)
{
	struct hcl_regs l;

	EXPECT(hcl_upcall_jump(f, &l), 1);
	BHT_CHECK(l.eax == f->eax && l.ebx == f->ebx && l.ecx == f->ecx && l.edx == f->edx &&
			  l.esi == f->esi && l.edi == f->edi && l.ebp == f->ebp,
		  "landed with other registers (eax %#x ebp %#x)", l.eax, l.ebp);
	BHT_EQ(l.esp, f->esp);
	BHT_EQ(l.eflags, want_flags);
	BHT_EQ(bh_vcpu->enabled, f->enabled);
}

/*
 * The same returns from frames inside the registered interrupt stack, which
 * the kernel reads in place (its fast path, entry.S): at the top, at the
 * stack's first byte, ending at its last byte, unaligned; a flag of 7 comes
 * back as 1. Then one just past the stack's end, which takes the general
 * path (the memory there is the caller's: it is accepted all the same).
 */
static uint8_t fast_stack[1024 + 64] __attribute__((aligned(16)));
static volatile uint32_t chained, chained_count, chained_first_count, chained_pending;

static void chain_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)f;
	if (!chained++) {
		chained_first_count = count;
		chained_pending = bh_vstate->pending[0]; /* what is still pending */
	}
	chained_count = count;
}

/*
 * A return from the top frame with the flag set and a vector pending and
 * unmasked delivers that vector at once in the same frame (the kernel's
 * fast path does it in place): its handler runs with the frame's
 * registers kept, the flags in the frame sanitised as a return gives them,
 * and its own return lands where the first frame said.
 */
static void chain_test(uint32_t size, uint32_t options)
{
	const uint32_t all = 0xFFFFFFFFu & ~HCL_EFLAGS_TF, vec = 5, vec2 = 9;
	const bool batch = options & BH_VIRQ_OPT_BATCH;
	/* The top frame's place: the batch frame is bigger (abi.h). */
	const uint32_t fsize = batch ? sizeof(struct bh_upcall_frame_batch)
				     : sizeof(struct bh_upcall_frame);
	struct bh_upcall_frame *top = (struct bh_upcall_frame *)(fast_stack + ((size - fsize) & ~15u));

	EXPECT(bh_virq_options(options), BH_OK);
	BHT_EQ(bh_vstate->virq_options, options);
	bh_set_handler(vec, chain_handler);
	bh_set_handler(vec2, chain_handler);
	bh_irq_unmask(vec);
	bh_irq_unmask(vec2);
	bh_irq_disable();
	EXPECT(bh_irq_raise(vec), BH_OK);
	EXPECT(bh_irq_raise(vec), BH_OK);
	EXPECT(bh_irq_raise(vec2), BH_OK);
	chained = 0;
	make_frame(top, all, 1);
	jump(top, (all & HCL_EFLAGS_USER) | HCL_EFLAGS_FIXED);
	/* Without batch the first chained upcall runs vec (x2); its return
	 * chains again for vec2, in the same frame. With it, one upcall runs
	 * both: the frame names the first, vec (the plain entry passes vec2
	 * as arguments only). */
	BHT_EQ(chained, 2);
	BHT_EQ(chained_first_count, 2);
	BHT_EQ(chained_count, 1);
	/* Batch: vec2 was handed over with vec, not left pending. */
	BHT_EQ(chained_pending, batch ? 0u : 1u << vec2);
	BHT_EQ(top->vector, batch ? vec : vec2);
	BHT_EQ(top->eflags, (all & HCL_EFLAGS_USER) | HCL_EFLAGS_FIXED);
	BHT_EQ(bh_vstate->pending[0], 0);
	BHT_EQ(bh_vstate->count[vec], 0);
	BHT_EQ(bh_vstate->count[vec2], 0);
	bh_irq_mask(vec);
	bh_irq_mask(vec2);
	bh_set_handler(vec, NULL);
	bh_set_handler(vec2, NULL);
	bh_irq_disable();
}

static void in_stack_tests(void)
{
	const uint32_t size = 1024, all = HCL_EFLAGS_USER & ~HCL_EFLAGS_TF;
	const uint32_t at[] = { size - 64, 0, size - sizeof(struct bh_upcall_frame), 36,
				size - sizeof(struct bh_upcall_frame) + 4 };

	EXPECT(reg(ENTRY, BH_PTR(fast_stack), size), BH_OK);
	for (uint32_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct bh_upcall_frame *f = (struct bh_upcall_frame *)(fast_stack + at[i]);

		make_frame(f, 0xFFFFFFFFu & ~HCL_EFLAGS_TF, i & 1u);
		jump(f, all | HCL_EFLAGS_FIXED);
		make_frame(f, 0, 1u - (i & 1u));
		jump(f, HCL_EFLAGS_FIXED);
	}
	chain_test(size, 0);
	chain_test(size, BH_VIRQ_OPT_BATCH);
	EXPECT(bh_virq_options(BH_VIRQ_OPT_ALL + 1), BH_EINVAL);
	EXPECT(bh_virq_options(0), BH_OK);
	struct bh_upcall_frame *f = (struct bh_upcall_frame *)(fast_stack + 128);
	struct hcl_regs l;
	make_frame(f, 0, 7);
	EXPECT(hcl_upcall_jump(f, &l), 1);
	BHT_EQ(bh_vcpu->enabled, 1);
	BHT_EQ(l.eax, f->eax);
	bh_irq_disable();
	CHECK_BAD();
}

static void upcall_return_tests(void)
{
	struct bh_upcall_frame f;
	struct bh_upcall_frame *edge = (struct bh_upcall_frame *)(D1_END - sizeof(f));

	EXPECT(bh_virq_init(), BH_OK);
	/* IOPL, NT, VM, RF, ID...: all refused (TF would come back: it would
	 * single-step hcl_land; tests/qemu/upcall_flags tests it). */
	make_frame(&f, 0xFFFFFFFFu & ~HCL_EFLAGS_TF, 0);
	jump(&f, (0xFFFFFFFFu & HCL_EFLAGS_USER & ~HCL_EFLAGS_TF) | HCL_EFLAGS_FIXED);
	make_frame(&f, 0, 1); /* IF comes back even when the frame clears it */
	jump(&f, HCL_EFLAGS_FIXED);
	bh_irq_disable();
	make_frame(edge, HCL_EFLAGS_USER & ~HCL_EFLAGS_TF, 0); /* ending at the region's end */
	jump(edge, (HCL_EFLAGS_USER & ~HCL_EFLAGS_TF) | HCL_EFLAGS_FIXED);
	EXPECT(bh_hypercall1(BH_HC_UPCALL_RETURN, D1_END - sizeof(f) + 1), BH_EFAULT);
	CHECK_BAD();
	in_stack_tests();
	EXPECT(bh_virq_init(), BH_OK);
}

void api_virq_tests(void)
{
	/* Before any registration there is nothing to return from. */
	EXPECT(bh_hypercall1(BH_HC_UPCALL_RETURN, D1_BASE), BH_ESTATE);
	register_tests();
	line_tests();
	upcall_return_tests();
}
