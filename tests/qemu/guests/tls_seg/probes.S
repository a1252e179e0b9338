/*
 * Segment probes of the tls_seg test: each is one instruction between two
 * labels, so the #GP handler (main.c) can step over the faulting one.
 * cdecl: the argument, if any, is at 4(%esp).
 */
	.text
	.globl tls_read_gs, tls_read_gs_at, tls_read_gs_end
tls_read_gs:			/* %gs:0 */
tls_read_gs_at:
	movl %gs:0, %eax
tls_read_gs_end:
	ret

	.globl tls_read_fs, tls_read_fs_at, tls_read_fs_end
tls_read_fs:			/* %fs:0 */
tls_read_fs_at:
	movl %fs:0, %eax
tls_read_fs_end:
	ret

	.globl tls_read_below, tls_read_below_at, tls_read_below_end
tls_read_below:			/* %gs:-4, where the first __thread word lies */
tls_read_below_at:
	movl %gs:-4, %eax
tls_read_below_end:
	ret

	.globl tls_write_below, tls_write_below_at, tls_write_below_end
tls_write_below:		/* (uint32_t v): %gs:-4 = v */
	movl 4(%esp), %ecx
tls_write_below_at:
	movl %ecx, %gs:-4
tls_write_below_end:
	ret

	.globl tls_load_gs, tls_load_gs_at, tls_load_gs_end
tls_load_gs:			/* (uint32_t sel): mov r32, %gs */
	movl 4(%esp), %eax
tls_load_gs_at:
	mov %eax, %gs
tls_load_gs_end:
	ret

	.globl tls_load_gs16, tls_load_gs16_at, tls_load_gs16_end
tls_load_gs16:			/* (uint32_t sel): mov r16, %gs (operand-size prefix) */
	movl 4(%esp), %edx
tls_load_gs16_at:
	.byte 0x66, 0x8e, 0xea	/* movw %dx, %gs */
tls_load_gs16_end:
	ret

	.globl tls_load_fs, tls_load_fs_at, tls_load_fs_end
tls_load_fs:			/* (uint32_t sel): mov r32, %fs */
	movl 4(%esp), %eax
tls_load_fs_at:
	mov %eax, %fs
tls_load_fs_end:
	ret

	.globl tls_pop_gs, tls_pop_gs_at, tls_pop_gs_end
tls_pop_gs:			/* (uint32_t sel): pop %gs */
	pushl 4(%esp)
tls_pop_gs_at:
	popl %gs
tls_pop_gs_end:
	ret

	.section .note.GNU-stack, "", @progbits
