/*
 * void vs_store(void): one store to the first word of the read-only vCPU
 * state page (BH_VSTATE_VADDR), between two labels for the fault handler.
 */
	.text
	.globl vs_store, vs_store_site, vs_store_end
	.type vs_store, @function
vs_store:
vs_store_site:
	movl $0x5A5A5A5A, 0xFFFFE000
vs_store_end:
	ret
	.size vs_store, . - vs_store

	.section .note.GNU-stack, "", @progbits
