/* Test-only stand-in for Windows' bcryptprimitives.dll, which Rust's standard library imports for
 * ProcessPrng and which Debian's Wine 8 lacks. Built with mingw-w64 by scripts/release-check and put
 * beside explor.exe under Wine only: never shipped. ProcessPrng fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
