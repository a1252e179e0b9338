/* hostile_ptr: the model, the candidates and the call families. */
#ifndef HOSTILE_PTR_H
#define HOSTILE_PTR_H

#include <hx.h>

#define KERNEL_VA 0x00100000u
#define PERM_R 1u
#define PERM_W 2u
#define PERM_X 4u
#define MAX_CANDIDATES 64u

struct ptr_region {
	uint32_t base, size, perms;
};

/* The partition's regions, as tests/qemu/hostile_ptr/system.cfg says. */
#define PTR_NREGIONS 2u
extern const struct ptr_region ptr_regions[PTR_NREGIONS];

extern uint32_t ptr_calls, ptr_passes;

/* model.c */
bool ptr_inside(uint32_t va, uint32_t len, uint32_t perms);
int32_t ptr_expect_in(uint32_t va, uint32_t len, uint32_t max);
int32_t ptr_expect_out(uint32_t va, uint32_t len);
void ptr_check(const char *call, uint32_t va, uint32_t len, int32_t got, int32_t want);
/* main.c */
uint32_t ptr_candidates(uint32_t len, uint32_t *out);
/* calls.c */
void ptr_in_calls(void);
void ptr_out_calls(void);
void ptr_register_calls(void);
void ptr_upcall_return_calls(void);

#endif
