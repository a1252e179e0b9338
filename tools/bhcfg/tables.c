/*
 * `bhcfg tables`: the model as C initialisers for kernel/include/bh/config.h,
 * plus the per-partition storage the kernel needs (page directory, page
 * tables, vCPU page). Output depends only on the model, so the same config
 * gives byte-identical files. Review comments sit on lines of their own.
 */
#include <string.h>

#include "emit.h"
#include "port.h"

/* Enumerator spellings of abi.h, indexed by value. */
static const char *const tables_events[BH_HM_EVENT_COUNT] = {
	"BH_HM_NONE",	       "BH_HM_DIVIDE_ERROR",	  "BH_HM_INVALID_OPCODE",
	"BH_HM_GENERAL_PROTECTION", "BH_HM_PAGE_FAULT",	  "BH_HM_FPU_ERROR",
	"BH_HM_OTHER_TRAP",	"BH_HM_BAD_HYPERCALL",	  "BH_HM_APPLICATION_ERROR",
	"BH_HM_UPCALL_ERROR",
};

static const char *const tables_actions[BH_HM_ACT_COUNT] = {
	"BH_HM_ACT_IGNORE",	  "BH_HM_ACT_PROPAGATE",   "BH_HM_ACT_RESTART_COLD",
	"BH_HM_ACT_RESTART_WARM", "BH_HM_ACT_STOP",	   "BH_HM_ACT_RESET_MODULE",
	"BH_HM_ACT_HALT_MODULE",
};

/* One page table per 4 MiB slot any region touches, plus the vCPU's. */
static unsigned tables_npt(const struct bhcfg_partition *p)
{
	uint8_t used[1024];
	unsigned i, s, n = 0;

	memset(used, 0, sizeof(used));
	used[BH_VCPU_VADDR >> 22] = 1;
	for (i = 0; i < p->nregions; i++) {
		const struct bhcfg_region *r = &p->regions[i];
		unsigned last = (unsigned)((r->vaddr + (uint64_t)r->size - 1u) >> 22);

		for (s = r->vaddr >> 22; s <= last; s++)
			used[s] = 1;
	}
	for (s = 0; s < 1024; s++)
		n += used[s];
	return n;
}

static void tables_perms(FILE *out, unsigned perms)
{
	fprintf(out, "BH_PERM_R");
	if (perms & BH_PERM_W)
		fprintf(out, " | BH_PERM_W");
	if (perms & BH_PERM_X)
		fprintf(out, " | BH_PERM_X");
}

static void tables_regions(FILE *out, const struct bhcfg_partition *p)
{
	unsigned i;

	fprintf(out, "static const struct bh_cfg_region bh_regions_%s[%u] = {\n",
		p->name, p->nregions);
	for (i = 0; i < p->nregions; i++) {
		const struct bhcfg_region *r = &p->regions[i];

		fprintf(out,
			"\t{ .vaddr = 0x%08xu, .paddr = 0x%08xu, "
			".size = 0x%08xu,\n\t  .perms = ",
			r->vaddr, r->paddr, r->size);
		tables_perms(out, r->perms);
		fprintf(out, ", .shared = %uu },\n", r->shared);
	}
	fprintf(out, "};\n\n");
}

static void tables_segments(FILE *out, const struct bhcfg_partition *p)
{
	unsigned i;

	for (i = 0; i < p->nsegments; i++) {
		if (p->segments[i].filesz)
			fprintf(out, "extern const uint8_t bh_img_%s_%u[];\n",
				p->name, i);
	}
	fprintf(out, "static const struct bh_cfg_segment bh_segments_%s[%u] = {\n",
		p->name, p->nsegments);
	for (i = 0; i < p->nsegments; i++) {
		const struct bhcfg_segment *s = &p->segments[i];

		fprintf(out,
			"\t{ .vaddr = 0x%08xu, .filesz = 0x%08xu, "
			".memsz = 0x%08xu,\n\t  .data = ",
			s->vaddr, s->filesz, s->memsz);
		if (s->filesz)
			fprintf(out, "bh_img_%s_%u },\n", p->name, i);
		else
			fprintf(out, "NULL },\n");
	}
	fprintf(out, "};\n\n");
}

static void tables_ioports(FILE *out, const struct bhcfg_partition *p)
{
	unsigned i;

	if (!p->nioports)
		return;
	fprintf(out, "static const struct bh_cfg_ioport bh_ioports_%s[%u] = {\n",
		p->name, p->nioports);
	for (i = 0; i < p->nioports; i++)
		fprintf(out, "\t{ .base = 0x%04xu, .count = %uu },\n",
			p->ioports[i].base, p->ioports[i].count);
	fprintf(out, "};\n\n");
}

static void tables_storage(FILE *out, const struct bhcfg_partition *p)
{
	const char *al = "__attribute__((aligned(4096)))";

	fprintf(out, "static uint32_t bh_pd_%s[1024] %s;\n", p->name, al);
	fprintf(out, "static uint32_t bh_pt_%s[%u][1024] %s;\n", p->name,
		tables_npt(p), al);
	fprintf(out, "/* Whole pages: the guest sees all of them. */\n");
	fprintf(out,
		"static union {\n\tstruct bh_vcpu vcpu;\n"
		"\tuint8_t page[BH_PAGE_SIZE];\n} bh_vcpu_%s %s;\n",
		p->name, al);
	fprintf(out,
		"static union {\n\tstruct bh_vcpu_state vstate;\n"
		"\tuint8_t page[BH_PAGE_SIZE];\n} bh_vstate_%s %s;\n\n",
		p->name, al);
}

static void tables_partition_data(FILE *out, const struct bhcfg_system *sys,
				  unsigned idx)
{
	const struct bhcfg_partition *p = &sys->partitions[idx];

	fprintf(out, "/* ---------------------------------------- "
		     "partition %u: %s */\n",
		idx, p->name);
	emit_source_comment(out, "", sys, p->line, p->text);
	tables_regions(out, p);
	tables_segments(out, p);
	tables_ioports(out, p);
	tables_storage(out, p);
}

static void tables_hm(FILE *out, const struct bhcfg_partition *p)
{
	unsigned e;

	fprintf(out, "\t\t.hm_action = {\n");
	for (e = 0; e < BH_HM_EVENT_COUNT; e++)
		fprintf(out, "\t\t\t[%s] = %s,\n", tables_events[e],
			tables_actions[p->hm_action[e]]);
	fprintf(out, "\t\t},\n");
	fprintf(out, "\t\t.bad_hypercall_limit = %uu,\n", p->bad_hypercall_limit);
}

static void tables_partition(FILE *out, const struct bhcfg_system *sys,
			     const struct bhcfg_partition *p)
{
	emit_source_comment(out, "\t", sys, p->line, p->text);
	fprintf(out, "\t{\n\t\t.name = \"%s\",\n", p->name);
	fprintf(out, "\t\t.entry = 0x%08xu,\n", p->entry);
	fprintf(out, "\t\t.regions = bh_regions_%s,\n", p->name);
	fprintf(out, "\t\t.nregions = %uu,\n", p->nregions);
	fprintf(out, "\t\t.segments = bh_segments_%s,\n", p->name);
	fprintf(out, "\t\t.nsegments = %uu,\n", p->nsegments);
	if (p->nioports)
		fprintf(out, "\t\t.ioports = bh_ioports_%s,\n", p->name);
	else
		fprintf(out, "\t\t.ioports = NULL,\n");
	fprintf(out, "\t\t.nioports = %uu,\n", p->nioports);
	fprintf(out, "\t\t.irq_lines = 0x%08xu,\n", p->irq_lines);
	fprintf(out, "\t\t.tick_period = %uu,\n", p->tick_period);
	fprintf(out, "\t\t.tick_hz = %uu,\n", p->tick_hz);
	fprintf(out, "\t\t.flags = %s,\n",
		p->privileged ? "BH_CFG_PRIVILEGED" : "0u");
	tables_hm(out, p);
	fprintf(out, "\t\t.page_dir = bh_pd_%s,\n", p->name);
	fprintf(out, "\t\t.page_tables = bh_pt_%s,\n", p->name);
	fprintf(out, "\t\t.npage_tables = %uu,\n", tables_npt(p));
	fprintf(out, "\t\t.vcpu = &bh_vcpu_%s.vcpu,\n", p->name);
	fprintf(out, "\t\t.vstate = &bh_vstate_%s.vstate,\n", p->name);
	fprintf(out, "\t\t.first_port = %uu,\n", p->nports ? p->ports[0].id : 0u);
	fprintf(out, "\t\t.nports = %uu,\n\t},\n", p->nports);
}

/* Window indices ordered by start (stable; starts are distinct anyway). */
static void tables_window_order(const struct bhcfg_system *sys, unsigned *ord)
{
	unsigned i, j;

	for (i = 0; i < sys->nwindows; i++) {
		unsigned w = i;

		for (j = i; j > 0 && sys->windows[ord[j - 1]].start >
					     sys->windows[w].start;
		     j--)
			ord[j] = ord[j - 1];
		ord[j] = w;
	}
}

static void tables_windows(FILE *out, const struct bhcfg_system *sys)
{
	unsigned ord[BHCFG_MAX_WINDOWS];
	unsigned i;

	tables_window_order(sys, ord);
	fprintf(out, "/* Sorted by start. */\n");
	fprintf(out, "static const struct bh_cfg_window bh_windows[%u] = {\n",
		sys->nwindows);
	for (i = 0; i < sys->nwindows; i++) {
		const struct bhcfg_window *w = &sys->windows[ord[i]];

		emit_source_comment(out, "\t", sys, w->line, w->text);
		fprintf(out,
			"\t{ .partition = %uu, .start = %uu, .duration = %uu },\n",
			w->partition, w->start, w->duration);
	}
	fprintf(out, "};\n\n");
}

/* The trace ring, 16 bytes (4 words) per record, and its description. */
static void tables_trace_ring(FILE *out, const struct bhcfg_system *sys)
{
	if (!sys->trace.on)
		return;
	fprintf(out, "/* The kernel trace ring: %u records of 16 bytes. */\n",
		sys->trace.size / 16u);
	fprintf(out, "static uint32_t bh_trace_ring[%u] __attribute__((aligned(16)));\n\n",
		sys->trace.size / 4u);
}

static void tables_trace(FILE *out, const struct bhcfg_system *sys)
{
	if (sys->trace.on)
		fprintf(out, "\t.trace = { .classes = 0x%02xu, .records = %uu, "
			     ".ring = bh_trace_ring },\n",
			sys->trace.classes, sys->trace.size / 16u);
	else
		fprintf(out, "\t.trace = { .classes = 0u, .records = 0u, .ring = NULL },\n");
}

static void tables_header(FILE *out, const struct bhcfg_system *sys)
{
	fprintf(out, "/*\n * Generated by bhcfg from ");
	emit_comment_text(out, sys->file);
	fprintf(out, ": do not edit.\n");
	fprintf(out, " * System %s: %u partitions, %u windows, tick %lluus, "
		     "major frame %u ticks.\n */\n",
		sys->name, sys->npartitions, sys->nwindows,
		(unsigned long long)sys->tick_us, sys->major_frame);
	fprintf(out, "#include <stddef.h>\n#include <stdint.h>\n\n");
	fprintf(out, "#include \"bh/config.h\"\n\n");
}

int bhcfg_emit_tables(const struct bhcfg_system *sys, FILE *out)
{
	unsigned i;

	tables_header(out, sys);
	for (i = 0; i < sys->npartitions; i++)
		tables_partition_data(out, sys, i);
	fprintf(out, "/* ---------------------------------------- system */\n");
	fprintf(out, "static const struct bh_cfg_partition bh_partitions[%u] = {\n",
		sys->npartitions);
	for (i = 0; i < sys->npartitions; i++)
		tables_partition(out, sys, &sys->partitions[i]);
	fprintf(out, "};\n\n");
	tables_windows(out, sys);
	tables_ports(out, sys);
	tables_trace_ring(out, sys);
	fprintf(out, "const struct bh_cfg_system bh_cfg = {\n");
	fprintf(out, "\t.name = \"%s\",\n", sys->name);
	fprintf(out, "\t.tick_us = %lluu,\n", (unsigned long long)sys->tick_us);
	fprintf(out, "\t.major_frame = %uu,\n", sys->major_frame);
	fprintf(out, "\t.partitions = bh_partitions,\n");
	fprintf(out, "\t.npartitions = %uu,\n", sys->npartitions);
	fprintf(out, "\t.windows = bh_windows,\n");
	fprintf(out, "\t.nwindows = %uu,\n", sys->nwindows);
	fprintf(out, "\t.ports = %s,\n", sys->nports ? "bh_ports" : "NULL");
	fprintf(out, "\t.nports = %uu,\n", sys->nports);
	fprintf(out, "\t.channels = %s,\n", sys->nchannels ? "bh_channels" : "NULL");
	fprintf(out, "\t.nchannels = %uu,\n", sys->nchannels);
	tables_trace(out, sys);
	fprintf(out, "};\n\n");
	bhcfg_emit_info_section(sys, out);
	return emit_status(out);
}
