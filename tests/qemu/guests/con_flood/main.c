/*
 * A console flood (issue 8, break 2). BH_HC_CONSOLE_WRITE used to write
 * to the UART by polling with interrupts off, and so did the kernel's
 * "[hm]" lines a partition causes: one 256-byte write of newlines held
 * the tick off ~9,700 instructions under QEMU and delayed the next
 * partition's window by ~78 us; at a real UART's speed it would be tens of
 * milliseconds. Now output goes to the partition's own ring and is drained
 * in bounded slices in the partition's own ticks and in idle time; what
 * does not fit is dropped and counted.
 *
 * con_flood, from major frame BHV_ATTACK_FRAME on: as fast as it can,
 * 256-byte writes of newlines, long lines without a newline, and
 * application_error events with 256-byte messages (each an "[hm]" line),
 * run with `uart_baud=115200` so that the UART takes real time per byte.
 * It checks that each write is accepted whole (the call returns its
 * length), that its console_room says when a write would be dropped and
 * that some were (the ring did overflow; the kernel reports the drop), and
 * that bh_printf still gets its lines out after the flood (it waits for
 * room). The win_victim next to it must not notice any of it: its window
 * starts, ticks and canary are those of an undisturbed run.
 */
#include <bhtest.h>
#include <bhvictim.h>

#define FLOOD_FRAMES 12u /* most of the victim's windows; then it reports */

static char newlines[BH_CONSOLE_MAX];
static char text[BH_CONSOLE_MAX];

static uint32_t writes, would_drop, hm_lines;

static void write_one(const char *s, uint32_t n)
{
	if (bh_vstate->console_room < n + 2u)
		would_drop++;
	BHT_EQ(bh_console_write(s, n), n);
	writes++;
}

int main(uint32_t cond, uint32_t id)
{
	(void)cond;
	(void)id;
	bht_init("con_flood");
	for (uint32_t i = 0; i < BH_CONSOLE_MAX; i++) {
		newlines[i] = '\n';
		text[i] = (char)('a' + i % 26u);
	}
	while (!bhv_attack_time())
		;
	for (uint32_t i = 0; bh_vstate->frame_seq < BHV_ATTACK_FRAME + FLOOD_FRAMES; i++) {
		write_one(newlines, sizeof(newlines));
		if (i % 4u == 1u)
			write_one(text, sizeof(text)); /* a long line, no newline */
		if (i % 8u == 3u) {
			BHT_EQ(bh_hm_raise(7, text, sizeof(text)), BH_OK);
			hm_lines++;
		}
	}
	BHT_CHECK(would_drop > 0, "the flood never filled the console ring (%u writes)", writes);
	BHT_CHECK(bh_vstate->console_room <= 4096u, "console_room %u", bh_vstate->console_room);
	bh_printf("flood: %u writes, %u beyond the ring's room, %u events raised\n", writes,
		  would_drop, hm_lines);
	bht_finish(false);
	for (;;)
		bh_idle();
}
