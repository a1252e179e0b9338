/*
 * The end of the <limits.h> chain. GCC's own limits.h (from the compiler's
 * include directory, which partitions keep while -nostdinc drops the build
 * host's headers) defines every limit itself and then includes the "next"
 * limits.h in the search path, which would be the host C library's. With
 * this folder after the compiler's, the chain ends here, and adds nothing.
 */
