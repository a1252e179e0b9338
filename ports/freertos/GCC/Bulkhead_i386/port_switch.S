/*
 * Task context switch of the FreeRTOS Bulkhead port, in ring 3:
 *
 *   void vPortSwitch(StackType_t **save_sp, StackType_t *load_sp)
 *     pushes the callee-saved registers, stores esp through save_sp, loads
 *     load_sp and pops the other task's registers: "returns" in that task.
 *   void vPortStartFirst(StackType_t *load_sp)
 *     the same without saving.
 *
 * Everything else a task owns (its critical nesting, its virtual interrupt
 * flag) lives in the C frames of vPortYield() on its own stack. A new task
 * "returns" into vPortTaskStart with its function and argument in esi and
 * edi. The x87/SSE registers are not switched: tasks must not use
 * them (port.c, configuration template).
 */
	.text
	.globl vPortSwitch
	.type vPortSwitch, @function
vPortSwitch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size vPortSwitch, . - vPortSwitch

	.globl vPortStartFirst
	.type vPortStartFirst, @function
vPortStartFirst:
	movl 4(%esp), %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size vPortStartFirst, . - vPortStartFirst

/* A new task's first "return": prvTaskBegin(function, parameters). */
	.globl vPortTaskStart
	.type vPortTaskStart, @function
vPortTaskStart:
	pushl %edi
	pushl %esi
	call prvTaskBegin
	ud2
	.size vPortTaskStart, . - vPortTaskStart

	.section .note.GNU-stack, "", @progbits
