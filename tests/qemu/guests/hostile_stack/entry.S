/* hostile_stack's upcall entry: fault at once, so every trap nests
 * another upcall frame and nothing but the kernel writes the stack. */
	.text
	.globl hs_ud_entry
hs_ud_entry:
	ud2

	.section .note.GNU-stack, "", @progbits
