/*
 * Demo partition without the executive: a privileged supervisor that, every
 * tenth window, reads the other partitions' status through the hypercall
 * API and reports changes, and in every window collects the status reports
 * nav and control send it over their queuing ports. Between reports it
 * spins without yielding; the kernel still ends its window on time, so it
 * cannot take anyone's time.
 */
#include <bulkhead/apex.h>
#include <bulkhead/bh.h>
#include <demo_msgs.h>

#define PARTITIONS 2u /* control, nav */

static const char *const mode_names[] = { "idle", "cold_start", "warm_start", "normal" };
static QUEUING_PORT_ID_TYPE nav_port, control_port;

static void report(uint32_t window)
{
	for (uint32_t id = 0; id < PARTITIONS; id++) {
		struct bh_partition_status st;
		if (bh_partition_status(id, &st) != BH_OK) {
			bh_printf("window %u: no status for partition %u\n", window, id);
			continue;
		}
		bh_printf("window %u: %s is %s, %u windows, %u health events, %u restarts\n",
			  window, st.name, st.mode < 4 ? mode_names[st.mode] : "?", st.window_seq,
			  st.hm_events, st.restart_count);
	}
}

/* Whatever nav and control reported since the last window. */
static void collect(void)
{
	struct demo_status s;
	MESSAGE_SIZE_TYPE len;
	RETURN_CODE_TYPE rc;

	for (RECEIVE_QUEUING_MESSAGE(nav_port, 0, (MESSAGE_ADDR_TYPE)&s, &len, &rc); rc == NO_ERROR;
	     RECEIVE_QUEUING_MESSAGE(nav_port, 0, (MESSAGE_ADDR_TYPE)&s, &len, &rc))
		bh_printf("nav reports at %u ms: %u readings, %u filtered, gain %u/16 after %u "
			  "commands\n",
			  s.t_ms, s.counters[0], s.counters[1], s.counters[4], s.counters[3]);
	for (RECEIVE_QUEUING_MESSAGE(control_port, 0, (MESSAGE_ADDR_TYPE)&s, &len, &rc);
	     rc == NO_ERROR;
	     RECEIVE_QUEUING_MESSAGE(control_port, 0, (MESSAGE_ADDR_TYPE)&s, &len, &rc))
		bh_printf("control reports at %u ms: %u control cycles, estimate %u valid / %u "
			  "stale, %u commands sent\n",
			  s.t_ms, s.counters[1], s.counters[2], s.counters[3], s.counters[4]);
}

int main(uint32_t cond, uint32_t id)
{
	RETURN_CODE_TYPE rc;

	(void)cond;
	bh_printf("partition %u: supervisor up, reporting every 10th window\n", id);
	CREATE_QUEUING_PORT("nav_status", sizeof(struct demo_status), 2, DESTINATION, FIFO,
			    &nav_port, &rc);
	CREATE_QUEUING_PORT("control_status", sizeof(struct demo_status), 2, DESTINATION, FIFO,
			    &control_port, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	for (uint32_t last = 0;;) {
		uint32_t s = bh_vstate->window_seq;
		if (s != last) {
			collect();
			if (s % 10 == 0)
				report(s);
		}
		last = s;
	}
}
