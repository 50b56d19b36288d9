// Syscall numbers to names, for traces that print only numbers (raw_syscalls:sys_enter/exit).
// The tables come from the kernel's UAPI headers (generate-tables.sh).
import aarch64 from './aarch64.json' with { type: 'json' }
import x86_64 from './x86_64.json' with { type: 'json' }

export type SyscallArch = 'x86_64' | 'aarch64'

export const SYSCALL_ARCHES: readonly SyscallArch[] = ['x86_64', 'aarch64']

const TABLES: Record<SyscallArch, Record<string, string>> = { x86_64, aarch64 }

/** The name, or `syscall_<nr>` for a number the table does not have. */
export function syscallName(arch: SyscallArch, nr: number): string {
  return TABLES[arch][String(nr)] ?? `syscall_${nr}`
}
