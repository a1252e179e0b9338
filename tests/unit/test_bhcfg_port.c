/*
 * bhcfg unit tests: ports and channels (docs/config.md "Ports and
 * channels"). A good system's model, dump and tables (compiled and read
 * back by a small program), then every rejection: each test checks that
 * the config is refused, the line of the first error and its message.
 */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bhcfg_test.h"

/* Partition x with its port lines; 3 + n lines + end. */
#define PART(x, ports) "partition " x "\nimage good.elf\nmemory 0x40000000 256K rwx\n" ports "end\n"
#define SCHED_AB "schedule\nwindow a 0ms 10ms\nwindow b 10ms 10ms\nend\n"

/* Lines: 4-9 a, 10-15 b, 16-19 estimate, 20-23 commands. */
static const char good[] =
	HDR PART("a", "port est sampling source size 64\n"
		      "port cmd queuing destination size 16 depth 4 vector 9\n")
	PART("b", "port est sampling destination size 64 refresh 20ms vector 8\n"
		  "port cmd queuing source size 16 depth 4 vector 10\n")
	"channel estimate\nsource a.est\ndestination b.est\nend\n"
	"channel commands\nsource b.cmd\ndestination a.cmd\nend\n" SCHED_AB;

static void test_port_model(void **state)
{
	const struct bhcfg_partition *a, *b;

	(void)state;
	bt_load_ok(good);
	a = &bt_sys->partitions[0];
	b = &bt_sys->partitions[1];
	assert_int_equal(bt_sys->nports, 4);
	assert_int_equal(bt_sys->nchannels, 2);
	assert_int_equal(a->nports, 2);
	assert_int_equal(a->ports[0].id, 0);
	assert_int_equal(a->ports[1].id, 1);
	assert_int_equal(b->ports[0].id, 2);
	assert_int_equal(b->ports[0].refresh, 20);
	assert_int_equal(b->ports[0].vector, 8);
	assert_int_equal(b->ports[1].depth, 4);
	assert_int_equal(a->ports[1].kind, BH_PORT_QUEUING);
	assert_int_equal(a->ports[1].direction, BH_PORT_DESTINATION);
	assert_int_equal(a->ports[0].channel, 0);
	assert_int_equal(a->ports[1].channel, 1);
	assert_int_equal(bt_sys->channels[0].source.id, 0);
	assert_int_equal(bt_sys->channels[0].dests[0].id, 2);
	assert_int_equal(bt_sys->channels[1].source.id, 3);
}

static void test_port_multicast_loopback(void **state)
{
	(void)state;
	/* One source, three destinations, one of them in the source's own
	 * partition (a loop-back channel is allowed). */
	bt_load_ok(HDR PART("a", "port s sampling source size 8\n"
				 "port back sampling destination size 8 refresh 1ms\n")
		   PART("b", "port s1 sampling destination size 8 refresh 5ms vector 8\n"
			     "port s2 sampling destination size 8 refresh 5ms vector 9\n")
		   "channel c\nsource a.s\ndestination b.s1\ndestination b.s2\n"
		   "destination a.back\nend\n" SCHED_AB);
	assert_int_equal(bt_sys->channels[0].ndests, 3);
}

static void test_port_dump_round_trip(void **state)
{
	char *d1, *d2;

	(void)state;
	bt_load_ok(good);
	d1 = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_non_null(strstr(d1, "    port est sampling destination size 64 "
				   "refresh 20000us vector 8\n"));
	assert_non_null(strstr(d1, "channel commands\n    source b.cmd\n"
				   "    destination a.cmd\nend\n"));
	bt_load_ok(d1);
	d2 = bt_emit(bhcfg_emit_dump, bt_sys);
	assert_string_equal(d1, d2);
	free(d1);
	free(d2);
}

/* Reads the emitted tables back: what the kernel will see. */
static const char checker[] =
	"#include <stdio.h>\n#include \"bh/config.h\"\n"
	"int main(void);\n"
	"int main(void)\n{\n"
	"\tfor (uint32_t i = 0; i < bh_cfg.npartitions; i++)\n"
	"\t\tprintf(\"partition %u first %u n %u\\n\", i,\n"
	"\t\t       bh_cfg.partitions[i].first_port, bh_cfg.partitions[i].nports);\n"
	"\tfor (uint32_t i = 0; i < bh_cfg.nports; i++) {\n"
	"\t\tconst struct bh_cfg_port *p = &bh_cfg.ports[i];\n"
	"\t\tprintf(\"port %s %u %u %u %u %u %u %u %u\\n\", p->name, p->partition,\n"
	"\t\t       p->channel, p->kind, p->direction, p->vector, p->max_size,\n"
	"\t\t       p->depth, p->refresh);\n\t}\n"
	"\tfor (uint32_t i = 0; i < bh_cfg.nchannels; i++) {\n"
	"\t\tconst struct bh_cfg_channel *c = &bh_cfg.channels[i];\n"
	"\t\tprintf(\"channel %u %u %u %u %u %u %u %u\\n\", c->kind, c->max_size,\n"
	"\t\t       c->depth, c->source, c->ndests, c->dests[0], c->slot,\n"
	"\t\t       (unsigned)(((uintptr_t)c->buf & 3u) == 0));\n\t}\n"
	"\treturn 0;\n}\n";

#define BT_WARN                                                          \
	"-std=c11 -Wall -Wextra -Werror -Wconversion -Wsign-conversion " \
	"-Wvla -Wmissing-prototypes -Wshadow -I" BHCFG_TEST_ROOT         \
	"/kernel/include -I" BHCFG_TEST_ROOT "/include"

static void test_port_tables(void **state)
{
	char path[1024];
	char *tab, *img, *got;

	(void)state;
	bt_load_ok(good);
	tab = bt_emit(bhcfg_emit_tables, bt_sys);
	img = bt_emit(bhcfg_emit_image, bt_sys);
	bt_write_file("port_tables.c", tab);
	bt_write_file("port_image.S", img);
	bt_write_file("port_checker.c", checker);
	free(tab);
	free(img);
	assert_int_equal(bt_run("cd '%s' && gcc " BT_WARN " port_tables.c port_image.S "
				"port_checker.c -o port_checker && ./port_checker > port.out",
				bt_dir),
			 0);
	bt_path(path, sizeof(path), "port.out");
	got = bt_read_file(path, NULL);
	assert_non_null(got);
	assert_string_equal(got, "partition 0 first 0 n 2\n"
				 "partition 1 first 2 n 2\n"
				 "port est 0 0 0 0 0 64 1 0\n"
				 "port cmd 0 1 1 1 9 16 4 0\n"
				 "port est 1 0 0 1 8 64 1 20\n"
				 "port cmd 1 1 1 0 10 16 4 0\n"
				 "channel 0 64 1 0 1 2 68 1\n"
				 "channel 1 16 4 3 1 1 20 1\n");
	free(got);
}

/* ------------------------------------------------------------ rejections */

/* a's port line 7, b's port line 12, a channel from line 14. */
static void bt_reject_pair(const char *pa, const char *pb, const char *chan,
			   unsigned line, const char *phrase)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 HDR "partition a\nimage good.elf\nmemory 0x40000000 256K rwx\n%s\nend\n"
		     "partition b\nimage good.elf\nmemory 0x40000000 256K rwx\n%s\nend\n"
		     "%s" SCHED_AB,
		 pa, pb, chan);
	bt_reject(text, line, phrase);
}

#define S_SRC "port p sampling source size 64"
#define S_DST "port p sampling destination size 64 refresh 20ms vector 8"
#define Q_SRC "port p queuing source size 16 depth 4"
#define Q_DST "port p queuing destination size 16 depth 4 vector 9"
#define CHAN_AB "channel c\nsource a.p\ndestination b.p\nend\n" /* 14-17 */

static void test_port_no_peer(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, S_DST, "", 7,
		       "port 'p' of partition 'a' has no peer: no channel connects it");
	bt_reject_pair(Q_SRC, "port x queuing destination size 16 depth 4", CHAN_AB, 16,
		       "partition 'b' has no port 'p'");
}

static void test_port_mismatch(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, "port p sampling destination size 32 refresh 20ms", CHAN_AB,
		       16, "message size 32 of b.p differs from the source's 64 (line 7)");
	bt_reject_pair(Q_SRC, "port p queuing destination size 16 depth 8", CHAN_AB, 16,
		       "queue depth 8 of b.p differs from the source's 4 (line 7)");
	bt_reject_pair(S_SRC, Q_DST, CHAN_AB, 16,
		       "queuing port b.p in a channel whose source is sampling");
}

static void test_port_wrong_direction(void **state)
{
	(void)state;
	bt_reject_pair(S_DST, S_SRC, CHAN_AB, 15,
		       "a.p is a destination port: it cannot be a channel's source");
	bt_reject_pair(Q_SRC, Q_SRC, CHAN_AB, 16,
		       "b.p is a source port: it cannot be a channel's destination");
}

static void test_port_queuing_two_destinations(void **state)
{
	(void)state;
	/* The same queuing destination twice, and two different ones. */
	bt_reject_pair(Q_SRC, Q_DST, "channel c\nsource a.p\ndestination b.p\ndestination b.p\nend\n",
		       17, "queuing channel 'c' has a second destination (first at line 16)");
	bt_reject_pair(Q_SRC, Q_DST "\nport q queuing destination size 16 depth 4",
		       "channel c\nsource a.p\ndestination b.p\ndestination b.q\nend\n", 18,
		       "queuing channel 'c' has a second destination (first at line 17)");
	/* A sampling destination given twice in one channel. */
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.p\ndestination b.p\ndestination b.p\nend\n",
		       17, "port b.p is already connected by channel 'c' (line 14)");
}

static void test_port_vector_twice(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, S_DST "\nport q queuing destination size 4 depth 2 vector 8", CHAN_AB,
		       13, "vector 8 is already used by port 'p' (line 12)");
	bt_reject_pair(S_SRC, "port p sampling destination size 64 refresh 20ms vector 24",
		       CHAN_AB, 12, "port vector 24 is outside 8..23");
	bt_reject_pair(S_SRC, "port p sampling destination size 64 refresh 20ms vector 7",
		       CHAN_AB, 12, "port vector 7 is outside 8..23");
	bt_reject_pair(S_SRC " vector 8", S_DST, CHAN_AB, 7,
		       "a sampling source port has no vector");
}

static void test_port_unknown_names(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource z.p\ndestination b.p\nend\n", 15,
		       "unknown partition 'z' in channel");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.q\ndestination b.p\nend\n", 15,
		       "partition 'a' has no port 'q'");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a\ndestination b.p\nend\n", 15,
		       "bad channel end 'a' (<partition>.<port>)");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.p-x\ndestination b.p\nend\n", 15,
		       "bad port name");
}

static void test_port_duplicates(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC "\n" Q_SRC, S_DST, CHAN_AB, 8, "duplicate port name 'p' (line 7)");
	bt_reject_pair(S_SRC, S_DST,
		       CHAN_AB "channel c\nsource a.p\ndestination b.p\nend\n", 18,
		       "duplicate channel name 'c' (line 14)");
	bt_reject_pair(S_SRC, S_DST "\nport q sampling destination size 64 refresh 1ms",
		       CHAN_AB "channel d\nsource a.p\ndestination b.q\nend\n", 20,
		       "port a.p is already connected by channel 'c' (line 15)");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.p\nsource a.p\ndestination b.p\nend\n",
		       16, "channel 'c' has a second source (first at line 15)");
}

static void test_port_channel_ends_missing(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, S_DST, "channel c\ndestination b.p\nend\n", 14,
		       "channel 'c' has no source");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.p\nend\n", 14,
		       "channel 'c' has no destination");
	bt_reject_pair(S_SRC, S_DST, "channel c\nsource a.p\ndestination b.p\n", 17,
		       "'schedule' inside the channel block opened at line 14");
	bt_reject_pair(S_SRC, S_DST, "source a.p\n", 14, "'source' outside a channel block");
}

static void test_port_attributes(void **state)
{
	(void)state;
	bt_reject_in_a("port p sampling source size 0", "message size 0 is out of range");
	bt_reject_in_a("port p sampling source size 1025",
		       "message size 1025 is out of range (1..1024 bytes");
	bt_reject_in_a("port p queuing source size 8 depth 0", "queue depth 0 is out of range");
	bt_reject_in_a("port p queuing source size 8 depth 257", "queue depth 257 is out of range");
	bt_reject_in_a("port p queuing source size 8", "queuing port 'p' has no 'depth <messages>'");
	bt_reject_in_a("port p sampling source size 8 depth 2", "a sampling port has no depth");
	bt_reject_in_a("port p queuing destination size 8 depth 2 refresh 1ms",
		       "only a sampling destination port has a refresh period");
	bt_reject_in_a("port p sampling source size 8 refresh 1ms",
		       "only a sampling destination port has a refresh period");
	bt_reject_in_a("port p sampling destination size 8",
		       "sampling destination port 'p' has no 'refresh <duration>'");
	bt_reject_in_a("port p sampling destination size 8 refresh 0ms",
		       "refresh period must not be zero");
	bt_reject_in_a("port p sampling source refresh 1ms", "port 'p' has no 'size <bytes>'");
	bt_reject_in_a("port p sampling source size 8 colour red",
		       "unknown port attribute 'colour'");
	bt_reject_in_a("port p sampling source size 8 depth", "port attribute 'depth' has no value");
	bt_reject_in_a("port p sampling source size 8 size 8",
		       "port attribute 'size' given twice");
	bt_reject_in_a("port p blackboard source size 8",
		       "bad port kind 'blackboard' (sampling or queuing)");
	bt_reject_in_a("port p sampling sink size 8",
		       "bad port direction 'sink' (source or destination)");
	bt_reject_in_a("port p sampling source", "missing argument (usage: port <name>");
}

static void test_port_too_many_destinations(void **state)
{
	char b[1024], text[1024];
	size_t n = 0;

	(void)state;
	/* a.p to b.d0..b.d8: nine destinations, one more than allowed. */
	for (unsigned i = 0; i < 9; i++)
		n += (size_t)snprintf(b + n, sizeof(b) - n,
				      "port d%u sampling destination size 64 refresh 1ms\n", i);
	b[n - 1] = '\0';
	n = (size_t)snprintf(text, sizeof(text), "channel c\nsource a.p\n");
	for (unsigned i = 0; i < 9; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "destination b.d%u\n", i);
	snprintf(text + n, sizeof(text) - n, "end\n");
	/* b's ports are lines 12-20, the channel starts at 22. */
	bt_reject_pair(S_SRC, b, text, 32, "more than 8 destinations in channel 'c'");
}

static void test_port_refresh_units(void **state)
{
	(void)state;
	bt_reject_pair(S_SRC, "port p sampling destination size 64 refresh 1500us", CHAN_AB, 12,
		       "refresh period 1500us is not a multiple of the tick (1000us)");
}

int bt_group_port(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_model),
		cmocka_unit_test(test_port_multicast_loopback),
		cmocka_unit_test(test_port_dump_round_trip),
		cmocka_unit_test(test_port_tables),
		cmocka_unit_test(test_port_no_peer),
		cmocka_unit_test(test_port_mismatch),
		cmocka_unit_test(test_port_wrong_direction),
		cmocka_unit_test(test_port_queuing_two_destinations),
		cmocka_unit_test(test_port_vector_twice),
		cmocka_unit_test(test_port_unknown_names),
		cmocka_unit_test(test_port_duplicates),
		cmocka_unit_test(test_port_channel_ends_missing),
		cmocka_unit_test(test_port_attributes),
		cmocka_unit_test(test_port_refresh_units),
		cmocka_unit_test(test_port_too_many_destinations),
	};

	return cmocka_run_group_tests_name("bhcfg ports", tests, NULL, NULL);
}
