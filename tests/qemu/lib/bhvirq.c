/* Upcall log and virtual-clock helpers for virq tests (see bhvirq.h). */
#include "bhvirq.h"

#include <fmt.h>

volatile uint32_t bhv_marker;
uint8_t bhv_stack[BHV_STACK_SIZE] __attribute__((aligned(16)));

static struct bhv_event events[BHV_LOG_MAX];
static volatile uint32_t nevents;

void bhv_log_reset(void)
{
	nevents = 0;
}

void bhv_log_add(const struct bh_upcall_frame *f)
{
	uint32_t i = nevents;

	if (i < BHV_LOG_MAX)
		events[i] = (struct bhv_event){
			.vector = f->vector,
			.count = f->count,
			.marker = bhv_marker,
			.frame = BH_PTR(f),
			.eip = f->eip,
			.esp = f->esp,
			.enabled = f->enabled,
			.vcpu_enabled = bh_vcpu->enabled,
			.time_ns = bh_vstate->time_ns,
		};
	nevents = i + 1;
}

uint32_t bhv_log_len(void)
{
	return nevents;
}

const struct bhv_event *bhv_log_get(uint32_t i)
{
	static const struct bhv_event none = { .vector = UINT32_MAX };

	return i < nevents && i < BHV_LOG_MAX ? &events[i] : &none;
}

void bhv_log_handler(uint32_t vector, uint32_t count, struct bh_upcall_frame *f)
{
	(void)vector;
	(void)count;
	bhv_log_add(f);
}

void bhv_expect_vectors(const char *what, const uint32_t *want, uint32_t n)
{
	uint32_t got = bhv_log_len();

	BHT_CHECK(got == n, "%s: %u upcalls, expected %u", what, got, n);
	for (uint32_t i = 0; i < n && i < got; i++)
		BHT_CHECK(bhv_log_get(i)->vector == want[i], "%s: upcall %u is vector %u, expected %u",
			  what, i, bhv_log_get(i)->vector, want[i]);
}

void bhv_snapshot(uint32_t v, uint64_t *time_ns, uint32_t *count)
{
	uint64_t t;

	do {
		t = bh_vstate->time_ns;
		*count = bh_vstate->count[v];
		BH_BARRIER();
	} while (t != bh_vstate->time_ns);
	*time_ns = t;
}

uint64_t bhv_ticks_due(uint64_t time_ns, uint32_t period_ns)
{
	return period_ns ? time_ns / period_ns : 0;
}

void bhv_wait_ticks(uint32_t n)
{
	uint64_t t = bh_vstate->time_ns;

	while (n) {
		while (bh_vstate->time_ns == t)
			;
		t = bh_vstate->time_ns;
		n--;
	}
}

void bhv_register(void)
{
	int32_t r = bh_virq_register(bh_upcall_entry, bhv_stack, sizeof(bhv_stack));

	if (r != BH_OK)
		bht_error("bh_virq_register: %d", r);
}

void bhv_log_dump(const char *what)
{
	for (uint32_t i = 0; i < bhv_log_len() && i < BHV_LOG_MAX; i++) {
		const struct bhv_event *e = &events[i];
		bh_printf("%s: upcall %u: vector %u count %u marker %u eip %#x enabled %u t=%llu\n",
			  what, i, e->vector, e->count, e->marker, e->eip, e->enabled, e->time_ns);
	}
}

void bhv_log_print(const char *what)
{
	char line[160];
	uint32_t n = 0;

	for (uint32_t i = 0; i < bhv_log_len() && i < BHV_LOG_MAX && n < sizeof(line) - 24; i++)
		n += (uint32_t)bh_snprintf(line + n, sizeof(line) - n, " %u(x%u)", events[i].vector,
					   events[i].count);
	line[n] = '\0';
	bh_printf("%s: upcalls%s\n", what, n ? line : " none");
}
