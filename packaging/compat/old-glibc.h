/* Included first in every C file of the compat build's SQLite and CPython (tools/compat_python.sh), so that they
   need no glibc newer than 2.28 (统信 UOS V20) although they are compiled on Debian 11 (2.31).
   glibc 2.29 gave exp, exp2, log, log2 and pow new, faster versions under a new symbol version; linking against
   the previous one (x86_64's first, GLIBC_2.2.5) keeps the program loadable on 2.28, with the same results to the
   last bit in all but rare cases. Functions that exist only since 2.29 are switched off in configure instead. */
#if defined(__x86_64__) && !defined(__ASSEMBLER__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
