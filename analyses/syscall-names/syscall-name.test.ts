import { describe, expect, it } from 'vitest'
import { syscallName } from './syscall-name.js'

// Numbers from the kernel's own tables (arch/x86/entry/syscalls/syscall_64.tbl and
// include/uapi/asm-generic/unistd.h), independently of the generated JSON.
describe('syscallName', () => {
  it('names x86_64 numbers', () => {
    expect(syscallName('x86_64', 0)).toBe('read')
    expect(syscallName('x86_64', 59)).toBe('execve')
    expect(syscallName('x86_64', 231)).toBe('exit_group')
    expect(syscallName('x86_64', 262)).toBe('newfstatat')
  })

  it('names aarch64 numbers with the 64-bit names of the generic table', () => {
    expect(syscallName('aarch64', 63)).toBe('read')
    expect(syscallName('aarch64', 64)).toBe('write')
    expect(syscallName('aarch64', 79)).toBe('newfstatat')
    expect(syscallName('aarch64', 221)).toBe('execve')
    expect(syscallName('aarch64', 25)).toBe('fcntl')
  })

  it('keeps unknown numbers visible', () => {
    expect(syscallName('x86_64', 99999)).toBe('syscall_99999')
  })
})
