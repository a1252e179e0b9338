/*
 * Physical interrupt lines as a source of virtual interrupts: which
 * partition owns each line (from the configuration), binding, and when a
 * line may be unmasked at the interrupt controller again. The arrival
 * itself enters through core_irq() (entry.c).
 *
 * A line is masked at the controller from its arrival until its owner has
 * nothing pending or in service for it and has it unmasked: a storm costs
 * other partitions at most one interrupt per line.
 */
#include <bh/arch.h>
#include <bh/partition.h>
#include <bh/sched.h>
#include <bh/trace.h>
#include <bh/virq.h>

_Static_assert(BH_VEC_IRQ_BASE == 32 && BH_NR_IRQ_LINES <= 32, "line vectors in word 1");

struct partition *virq_line_owner[BH_NR_IRQ_LINES];

void virq_init(void)
{
	for (uint32_t l = 0; l < BH_NR_IRQ_LINES; l++) {
		uint32_t id = 0;
		while (id < bh_cfg.npartitions && !(bh_cfg.partitions[id].irq_lines & (1u << l)))
			id++;
		virq_line_owner[l] = part_get(id);
	}
}

void virq_line_maybe_unmask(struct partition *p, uint32_t line)
{
	struct virq *q = &p->virq;
	uint32_t v = BH_VEC_IRQ(line);

	if (!(q->bound_lines & (1u << line)) || (p->vstate->pending[1] >> line & 1u) ||
	    bh_bit_test(q->in_service, v) || bh_bit_test(p->vcpu->mask, v))
		return;
	arch_irq_unmask(line);
}

int32_t virq_bind(struct partition *p, uint32_t line)
{
	if (line >= BH_NR_IRQ_LINES)
		return BH_EINVAL;
	if (!(p->cfg->irq_lines & (1u << line)))
		return BH_EPERM;
	if (p->virq.bound_lines & (1u << line))
		return BH_EBUSY;
	p->virq.bound_lines |= 1u << line;
	virq_line_maybe_unmask(p, line);
	return (int32_t)BH_VEC_IRQ(line);
}

int32_t virq_unbind(struct partition *p, uint32_t line)
{
	struct virq *q = &p->virq;
	uint32_t v = BH_VEC_IRQ(line);

	if (line >= BH_NR_IRQ_LINES)
		return BH_EINVAL;
	if (!(q->bound_lines & (1u << line)))
		return BH_ENOENT;
	arch_irq_mask(line);
	trace_virq_discard(p, v);
	q->bound_lines &= ~(1u << line);
	p->vstate->pending[1] &= ~(1u << line);
	bh_bit_clear(q->in_service, v);
	p->vstate->count[v] = 0;
	return BH_OK;
}

int32_t virq_unmask(struct partition *p, uint32_t vector)
{
	if (vector >= BH_NR_VECTORS)
		return BH_EINVAL;
	if (virq_is_line_vector(vector))
		virq_line_maybe_unmask(p, vector - BH_VEC_IRQ_BASE);
	virq_summary_refresh(p);
	sched_kick();
	return BH_OK;
}
