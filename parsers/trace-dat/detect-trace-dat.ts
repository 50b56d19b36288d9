/** The first 10 bytes of every trace.dat: 0x17 0x08 0x44 then "tracing". */
export const TRACE_DAT_MAGIC = Uint8Array.of(0x17, 0x08, 0x44, 0x74, 0x72, 0x61, 0x63, 0x69, 0x6e, 0x67)

export function detectTraceDat(head: Uint8Array): 'yes' | 'no' | 'more' {
  const n = Math.min(head.length, TRACE_DAT_MAGIC.length)
  for (let i = 0; i < n; i++) if (head[i] !== TRACE_DAT_MAGIC[i]) return 'no'
  return n < TRACE_DAT_MAGIC.length ? 'more' : 'yes'
}
