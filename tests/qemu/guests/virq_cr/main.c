/*
 * Exceptions with their context, and the privileged reads the kernel
 * serves: a page fault propagated as vector 64 + 14 carries the faulting
 * address, and reading %cr2 (in the handler and after it) gives the same
 * address; %cr4 reads OSFXSR | OSXMMEXCPT (what an SSE build checks);
 * neither read raises a health-monitor event. Any other control register
 * (%cr3, %cr0) is still a #GP propagated to the partition.
 */
#include <bhvirq.h>

#define KERNEL_ADDR 0x00100000u /* supervisor-only: a page fault from here */
#define CR4_OSFXSR_OSXMMEXCPT 0x600u

void cr_fault_probe(void);
void cr3_probe(void);
extern char cr_fault_insn[], cr_fault_after[], cr3_insn[];
__asm__(".text\n"
	".globl cr_fault_probe, cr_fault_insn, cr_fault_after, cr3_probe, cr3_insn\n"
	"cr_fault_probe:\n"
	"	movl $0x5a5a5a5a, %ebx\n"
	"cr_fault_insn:\n"
	"	movl 0x00100000, %eax\n"
	"cr_fault_after:\n"
	"	ret\n"
	"cr3_probe:\n"
	"cr3_insn:\n"
	"	movl %cr3, %eax\n"
	"	ret\n");

static volatile uint32_t pf_seen, pf_cr2, gp_seen, gp_eip;

static uint32_t read_cr2(void)
{
	uint32_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static uint32_t read_cr4(void)
{
	uint32_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void on_page_fault(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	pf_seen++;
	pf_cr2 = read_cr2();
	BHT_EQ(f->fault_addr, KERNEL_ADDR);
	BHT_EQ(f->eip, BH_PTR(cr_fault_insn));
	BHT_EQ(f->ebx, 0x5a5a5a5au); /* the faulting context */
	f->eip = BH_PTR(cr_fault_after);
}

static void on_gp(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	gp_seen++;
	gp_eip = f->eip;
	f->eip += 3; /* mov %cr3, %eax */
}

int main(uint32_t start_condition, uint32_t partition_id)
{
	struct bh_partition_status st;

	(void)start_condition;
	(void)partition_id;
	bht_init("virq_cr");
	bhv_register();
	bh_set_handler(BH_VEC_TRAP(14), on_page_fault);
	bh_set_handler(BH_VEC_TRAP(13), on_gp);
	bh_irq_enable();

	BHT_EQ(read_cr4(), CR4_OSFXSR_OSXMMEXCPT);
	BHT_EQ(read_cr2(), 0); /* no page fault yet */
	cr_fault_probe();
	BHT_EQ(pf_seen, 1);
	BHT_EQ(pf_cr2, KERNEL_ADDR);
	BHT_EQ(read_cr2(), KERNEL_ADDR);
	BHT_EQ(gp_seen, 0);

	cr3_probe();
	BHT_EQ(gp_seen, 1);
	BHT_EQ(gp_eip, BH_PTR(cr3_insn));

	BHT_EQ(bh_partition_status(BH_SELF, &st), BH_OK);
	BHT_EQ(st.hm_events, 2); /* the page fault and the %cr3 read */
	bht_finish(true);
	for (;;)
		bh_idle();
}
