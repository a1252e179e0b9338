/*
 * hc_api: calls every hypercall with valid and invalid arguments and checks
 * each result exactly (tests/qemu/hc_api). Shared declarations of its files.
 */
#ifndef HC_API_H
#define HC_API_H

#include <bhtest.h>
#include "../../hc_lib/hcl.h"

/* The system, mirrored from tests/qemu/hc_api/system.cfg. */
#define API_ID 0u
#define PEER_ID 1u
#define NPARTITIONS 4u
#define RO_BASE 0x40100000u   /* 4K r: readable, not writable */
#define D1_BASE 0x40200000u   /* 8K rw, followed by an unmapped hole */
#define D1_END 0x40202000u
#define HOLE 0x40280000u      /* mapped by nobody */
#define D2_BASE 0x40300000u   /* 4K rw ... */
#define D3_BASE 0x40301000u   /* ... and 4K rw right after it: two regions */
#define KEEP_BASE 0x40400000u /* shared object hc_api_keep: survives cold restarts */
#define PEER_ONLY 0x48000000u /* hc_peer maps this address, hc_api does not */
#define KERNEL_PTR 0x00100000u
#define OWN_LINE 5u
#define PEER_LINE 6u
#define MAJOR_TICKS 10u
#define WIN_TICKS 3u /* hc_api's window: ticks 0..3 of each frame, index 0 */

/* State kept in the shared object across every restart. */
struct api_keep {
	uint32_t phase;
	uint32_t hm_events; /* application errors raised so far (since boot) */
};
#define KEEP ((volatile struct api_keep *)KEEP_BASE)

/* Failed calls since the last (re)start that the kernel must have counted. */
extern uint32_t api_bad;

/* Check a result; an expected error other than EBUSY/ESTATE counts as bad. */
void api_expect(int32_t got, int32_t want, const char *what, const char *file, int line);
#define EXPECT(call, want) api_expect((call), (want), #call, __FILE__, __LINE__)

/* partition_status(BH_SELF) into *st, checked to succeed. */
void api_status(struct bh_partition_status *st);
/* The kernel's bad-hypercall count must equal api_bad. */
void api_check_bad(const char *file, int line);
#define CHECK_BAD() api_check_bad(__FILE__, __LINE__)

/* The battery, one group per file. */
void api_regs_tests(void);
void api_info_tests(void);
void api_ptr_tests(void);
void api_hm_tests(void);
void api_virq_tests(void);
void api_wait_tests(void);

#endif /* HC_API_H */
