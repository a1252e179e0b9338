/*
 * The measured round trips of bench_hc, in assembler so that exactly the
 * instructions named here lie between the two TSC reads.
 *
 * once_<trip>: uint32_t (void), TSC difference across one trip, stamp
 * included (the caller subtracts bhc_once_stamp, the same code with no trip,
 * or bhc_once_stamp_nr, which also loads eax as every hypercall trip does:
 * a hypercall is counted from its trap instruction on).
 * loop_<trip>: uint32_t (uint32_t n), TSC difference across n trips in a
 * dec/jnz loop (the caller subtracts loop_empty, the same loop with no trip).
 *
 * Trips:
 *   null_trap     int $0x81, an empty kernel gate (iret only)
 *   int80         BH_HC_VERSION through int $0x80 (the ABI's entry)
 *   sysenter      BH_HC_VERSION through the experimental sysenter entry
 *   sysenter_null sysenter straight back out (bench-only number in eax)
 */
#include <bulkhead/abi.h>
#define BENCH_SYSENTER_NULL 0xB0CEB0CE

	.macro TRIP_empty
	.endm

	/* What every hypercall trip starts with: the number in eax. */
	.macro TRIP_nr
	movl $BH_HC_VERSION, %eax
	.endm

	.macro TRIP_null_trap
	int $0x81
	.endm

	.macro TRIP_int80
	movl $BH_HC_VERSION, %eax
	int $0x80
	.endm

	/* sysexit returns to edx with esp = ecx. */
	.macro TRIP_sysenter nr
	movl $\nr, %eax
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:
	.endm

	.macro ONCE name, trip, arg=
	.text
	.globl bhc_once_\name
	.type bhc_once_\name, @function
bhc_once_\name:
	pushl %ebx
	pushl %esi
	pushl %edi
	rdtsc
	movl %eax, %esi
	TRIP_\trip \arg
	.globl bhc_back_\name		/* for bench/profile.sh */
bhc_back_\name:
	rdtsc
	subl %esi, %eax
	popl %edi
	popl %esi
	popl %ebx
	ret
	.endm

	.macro LOOP name, trip, arg=
	.text
	.globl bhc_loop_\name
	.type bhc_loop_\name, @function
bhc_loop_\name:
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %edi
	rdtsc
	movl %eax, %esi
2:	TRIP_\trip \arg
	decl %edi
	jnz 2b
	rdtsc
	subl %esi, %eax
	popl %edi
	popl %esi
	popl %ebx
	ret
	.endm

	ONCE stamp, empty
	ONCE stamp_nr, nr
	ONCE null_trap, null_trap
	ONCE int80, int80
	ONCE sysenter, sysenter, BH_HC_VERSION
	ONCE sysenter_null, sysenter, BENCH_SYSENTER_NULL

	LOOP empty, empty
	LOOP null_trap, null_trap
	LOOP int80, int80
	LOOP sysenter, sysenter, BH_HC_VERSION
	LOOP sysenter_null, sysenter, BENCH_SYSENTER_NULL

/* int32_t bhc_sysenter_version(void): BH_HC_VERSION via sysenter, checked. */
	.text
	.globl bhc_sysenter_version
	.type bhc_sysenter_version, @function
bhc_sysenter_version:
	pushl %ebx
	TRIP_sysenter BH_HC_VERSION
	popl %ebx
	ret

	.section .note.GNU-stack, "", @progbits
