/*
 * hc_api, information calls: console output (lengths, line assembly,
 * sanitising), time, window information against the vCPU page and the
 * schedule, and the partition's own status.
 */
#include "hc_api.h"

int strcmp(const char *a, const char *b);
int memcmp(const void *a, const void *b, size_t n);

/* Write s; the result must be its length. */
static void say(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	EXPECT(bh_console_write(s, n), (int32_t)n);
}

static void console_tests(void)
{
	static char big[BH_CONSOLE_MAX + 1];
	const char edge[] = "edge\n";

	say("hello from hc_api\n");
	EXPECT(bh_console_write("never printed", 0), 0);
	say("part-");
	say("line\n");
	/* Control characters must not let a partition forge other lines. */
	say("\x1b[2J\r[bh] forged kernel line\n");
	say("x\n[hm] fake health monitor line\n");
	say("high \x80\xff bytes\n");
	/* The longest write, and one byte more. */
	for (uint32_t i = 0; i < BH_CONSOLE_MAX; i++)
		big[i] = 'x';
	big[0] = 'L', big[1] = '2', big[2] = '5', big[3] = '6', big[4] = ':';
	big[BH_CONSOLE_MAX - 1] = '\n';
	EXPECT(bh_console_write(big, BH_CONSOLE_MAX), (int32_t)BH_CONSOLE_MAX);
	EXPECT(bh_console_write(big, BH_CONSOLE_MAX + 1), BH_E2BIG);
	EXPECT(bh_console_write(big, 0xFFFFFFFFu), BH_E2BIG);
	EXPECT(bh_console_write(big, 0x80000000u), BH_E2BIG);
	/* Readable is enough: a read-only region (zeros) and a region's last bytes. */
	say("ro:");
	EXPECT(bh_console_write((const char *)RO_BASE, 4), 4);
	say("\n");
	for (uint32_t i = 0; i < sizeof(edge) - 1; i++)
		((char *)D1_END)[(int)i - 5] = edge[i];
	EXPECT(bh_console_write((const char *)(D1_END - 5), 5), 5);
	CHECK_BAD();
}

static void time_tests(void)
{
	uint64_t prev = bh_time_ns();

	for (uint32_t i = 0; i < 2000; i++) {
		uint64_t tick = bh_vstate->time_ns, t = bh_time_ns();
		if (t < prev || t < tick) {
			bht_fail(__FILE__, __LINE__, "time %llu after %llu (tick %llu)", t, prev,
				 tick);
			break;
		}
		prev = t;
	}
}

/* Window info as the schedule says: window 0 of hc_api, ticks 0..3. */
static void check_window(const struct bh_window_info *wi, uint32_t seq, uint32_t frame)
{
	uint64_t first = (uint64_t)frame * MAJOR_TICKS;

	BHT_EQ(wi->window_seq, seq);
	BHT_EQ(wi->frame_seq, frame);
	BHT_EQ(wi->partition_id, API_ID);
	BHT_EQ(wi->window_index, 0);
	BHT_EQ(wi->major_frame_ns, hcl_tick_ns(MAJOR_TICKS));
	BHT_EQ(wi->start_ns, hcl_tick_ns(first));
	BHT_EQ(wi->end_ns, hcl_tick_ns(first + WIN_TICKS));
	BHT_CHECK(wi->now_ns >= wi->start_ns && wi->now_ns < wi->end_ns,
		  "now %llu outside [%llu, %llu)", wi->now_ns, wi->start_ns, wi->end_ns);
}

/* Window info and the vCPU state page, read inside one window (retried if
 * a window boundary falls in between). The state page is read-only: what
 * it says is the kernel's own (virq_scribble checks a write faults). */
static void window_tests(void)
{
	struct bh_window_info wi;

	for (uint32_t tries = 0; tries < 5; tries++) {
		uint32_t seq = bh_vstate->window_seq, frame = bh_vstate->frame_seq;
		uint64_t start = bh_vstate->window_start_ns, end = bh_vstate->window_end_ns;
		EXPECT(bh_window_info(&wi), BH_OK);
		if (wi.window_seq != seq)
			continue; /* a window boundary passed */
		check_window(&wi, seq, frame);
		BHT_EQ(wi.start_ns, start);
		BHT_EQ(wi.end_ns, end);
		return;
	}
	bht_fail(__FILE__, __LINE__, "no stable window to check in five tries");
}

static void status_tests(void)
{
	struct bh_partition_status st, st2;

	api_status(&st);
	BHT_CHECK(strcmp(st.name, "hc_api") == 0, "name '%s'", st.name);
	for (uint32_t i = 7; i < BH_NAME_MAX; i++)
		BHT_EQ(st.name[i], 0);
	BHT_EQ(st.mode, BH_MODE_COLD_START);
	BHT_EQ(st.last_hm_event, BH_HM_NONE);
	EXPECT(bh_partition_status(API_ID, &st2), BH_OK); /* own id, explicitly */
	BHT_EQ(st2.id, API_ID);
	BHT_CHECK(memcmp(st.name, st2.name, BH_NAME_MAX) == 0, "names differ");
	EXPECT(bh_partition_status(PEER_ID, &st2), BH_EPERM);
	/* not privileged: other ids are refused whether they exist or not */
	EXPECT(bh_partition_status(NPARTITIONS, &st2), BH_EPERM);
	EXPECT(bh_partition_status(0x7FFFFFFFu, &st2), BH_EPERM);
	EXPECT(bh_partition_status(BH_SELF - 1, &st2), BH_EPERM);
	CHECK_BAD();
}

void api_info_tests(void)
{
	console_tests();
	time_tests();
	window_tests();
	status_tests();
}
