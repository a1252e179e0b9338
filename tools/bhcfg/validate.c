/*
 * Time and schedule checks, after the whole file is parsed (a window may
 * name a partition defined further down; `tick` may follow the partitions).
 * Times are kept in microseconds until they are known to be whole numbers
 * of kernel ticks.
 */
#include <string.h>

#include "memory.h"
#include "port.h"
#include "validate.h"

static void validate_frame(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	uint64_t ticks;

	if (sys->major_frame_us % sys->tick_us) {
		bhcfg_diag_error(d, sys->major_frame_line,
				 "major frame %lluus is not a multiple of the "
				 "tick (%lluus)",
				 (unsigned long long)sys->major_frame_us,
				 (unsigned long long)sys->tick_us);
		return;
	}
	ticks = sys->major_frame_us / sys->tick_us;
	if (ticks > UINT32_MAX) {
		bhcfg_diag_error(d, sys->major_frame_line,
				 "major frame is too long");
		return;
	}
	sys->major_frame = (uint32_t)ticks;
}

/* tick_period = (1e6 / rate) / tick_us must be a whole number >= 1. */
static void validate_rate(const struct bhcfg_system *sys,
			  struct bhcfg_partition *p, struct bhcfg_diag *d)
{
	uint64_t per = (uint64_t)p->tick_hz * sys->tick_us;

	if (!p->tick_hz)
		return;
	if (1000000u % per) {
		bhcfg_diag_error(d, p->tick_line,
				 "tick rate %uHz does not divide into a whole "
				 "number of kernel ticks (tick %lluus)",
				 p->tick_hz, (unsigned long long)sys->tick_us);
		return;
	}
	p->tick_period = (uint32_t)(1000000u / per);
}

static bool validate_window_find(struct bhcfg_system *sys,
				 struct bhcfg_window *w, struct bhcfg_diag *d)
{
	unsigned i;

	for (i = 0; i < sys->npartitions; i++) {
		if (strcmp(sys->partitions[i].name, w->partition_name) == 0) {
			w->partition = i;
			sys->partitions[i].has_window = true;
			return true;
		}
	}
	bhcfg_diag_error(d, w->line, "unknown partition '%s' in window",
			 w->partition_name);
	return false;
}

static bool validate_window_units(const struct bhcfg_system *sys,
				  const struct bhcfg_window *w,
				  struct bhcfg_diag *d)
{
	unsigned long long tick = sys->tick_us;

	if (w->duration_us == 0) {
		bhcfg_diag_error(d, w->line, "window duration must not be zero");
		return false;
	}
	if (w->start_us % tick || w->duration_us % tick) {
		bhcfg_diag_error(d, w->line,
				 "window %s %lluus is not a multiple of the "
				 "tick (%lluus)",
				 w->start_us % tick ? "offset" : "duration",
				 (unsigned long long)(w->start_us % tick
							      ? w->start_us
							      : w->duration_us),
				 tick);
		return false;
	}
	return true;
}

static bool validate_window_frame(const struct bhcfg_system *sys,
				  const struct bhcfg_window *w,
				  struct bhcfg_diag *d)
{
	if (w->start_us >= sys->major_frame_us ||
	    w->duration_us > sys->major_frame_us - w->start_us) {
		bhcfg_diag_error(d, w->line,
				 "window %lluus-%lluus ends past the major "
				 "frame (%lluus)",
				 (unsigned long long)w->start_us,
				 (unsigned long long)(w->start_us + w->duration_us),
				 (unsigned long long)sys->major_frame_us);
		return false;
	}
	return true;
}

static bool validate_window_overlap(const struct bhcfg_system *sys,
				    unsigned i, struct bhcfg_diag *d)
{
	const struct bhcfg_window *w = &sys->windows[i];
	unsigned j;

	for (j = 0; j < i; j++) {
		const struct bhcfg_window *o = &sys->windows[j];

		if (w->start_us < o->start_us + o->duration_us &&
		    o->start_us < w->start_us + w->duration_us) {
			bhcfg_diag_error(d, w->line,
					 "window overlaps the window at line "
					 "%u (%lluus-%lluus)",
					 o->line, (unsigned long long)o->start_us,
					 (unsigned long long)(o->start_us +
							      o->duration_us));
			return false;
		}
	}
	return true;
}

static void validate_schedule(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	unsigned i;

	for (i = 0; i < sys->nwindows; i++) {
		struct bhcfg_window *w = &sys->windows[i];

		if (!validate_window_find(sys, w, d) ||
		    !validate_window_units(sys, w, d) ||
		    !validate_window_frame(sys, w, d) ||
		    !validate_window_overlap(sys, i, d))
			continue;
		w->start = (uint32_t)(w->start_us / sys->tick_us);
		w->duration = (uint32_t)(w->duration_us / sys->tick_us);
	}
	for (i = 0; i < sys->npartitions; i++) {
		const struct bhcfg_partition *p = &sys->partitions[i];

		if (!p->has_window)
			bhcfg_diag_error(d, p->line,
					 "partition '%s' has no window in the "
					 "schedule",
					 p->name);
	}
}

void validate_system(struct bhcfg_system *sys, struct bhcfg_diag *d)
{
	unsigned i;

	validate_frame(sys, d);
	for (i = 0; i < sys->npartitions; i++)
		validate_rate(sys, &sys->partitions[i], d);
	validate_schedule(sys, d);
	port_validate(sys, d);
	mem_resolve_maps(sys, d);
	mem_layout(sys, d);
}
