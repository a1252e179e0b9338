/*
 * uint32_t seg_try_load(uint32_t sel): load sel into fs; 1 if the load
 * took, 0 if it faulted (the general-protection handler in main.c moves a
 * fault at seg_load_site to seg_load_end and clears ecx). fs is set back
 * to the data segment the partition started with (seg_home) either way.
 */
	.text
	.globl seg_try_load, seg_load_site, seg_load_end
	.type seg_try_load, @function
seg_try_load:
	movl 4(%esp), %eax
	movl $1, %ecx
seg_load_site:
	movw %ax, %fs
seg_load_end:
	movl seg_home, %edx
	movw %dx, %fs
	movl %ecx, %eax
	ret
	.size seg_try_load, . - seg_try_load

	.section .note.GNU-stack, "", @progbits
