// Reads a perf JSON sample of the shape perf writes (data-convert-json.c, process_sample_event)
// straight from the bytes, without building a JS object: timestamp, pid, tid, cpu?, comm,
// callchain entries {ip, symbol?, dso?}, then a tracepoint's fields as string values (perf
// after 6.1). Those fields may repeat a sample key (sched_wakeup's `pid` and `comm` follow
// the sample's own): JSON.parse would keep only the last, this reader keeps both apart.
// Anything else (other key orders, other value types) is left to JSON.parse by the caller:
// read() returns -1 and has written nothing. Frames are interned (into `frame` and the stack
// tree) by the bytes of their ip, symbol and dso, so a frame seen before costs one hash and
// no string; the sample's own row is the caller's to write, from what was read.
import type { PieceTables } from '../../tables/piece-tables.js'

const MAX_FRAMES = 4096
const ENTRY_INTS = 8

const key = (k: string): Uint8Array => Buffer.from(`"${k}"`)
const TIMESTAMP = key('timestamp')
const PID = key('pid')
const TID = key('tid')
const CPU = key('cpu')
const COMM = key('comm')
const CALLCHAIN = key('callchain')
const IP = key('ip')
const SYMBOL = key('symbol')
const DSO = key('dso')

export class SampleBytesReader {
  /** What the last read() found: newlines inside the sample, its fields, its callchain's leaf node and frame (-1: none). */
  newlines = 0
  ts = 0
  pid = 0
  tid = 0
  cpu = -1
  commStart = 0
  commEnd = 0
  commEscaped = false
  stackId = -1
  leafFrame = -1
  /** Tracepoint fields, in the order written, and their names comma-joined ('' for none). */
  fields: Record<string, string> | null = null
  fieldNames = ''
  private pos = 0
  private bytes: Uint8Array = new Uint8Array(0)
  private view: Buffer = Buffer.alloc(0)
  private int = 0
  private strStart = 0
  private strEnd = 0
  private strEscaped = false
  private keyBytes = new Uint8Array(256)
  private keyLength = 0
  // Per callchain entry: its ip / symbol / dso strings (-1 when absent), whether symbol / dso hold escapes.
  private readonly entries = new Int32Array(MAX_FRAMES * ENTRY_INTS)

  /**
   * Reads the sample starting at bytes[start] (a `{`) and interns its callchain; returns the
   * index after its `}`, or -1 (nothing written) when the sample is not of the plain shape.
   */
  read(bytes: Uint8Array, start: number, out: PieceTables): number {
    this.bytes = bytes
    this.pos = start + 1
    this.newlines = 0
    if (!this.key(TIMESTAMP) || !this.integer()) return -1
    this.ts = this.int
    if (!this.comma() || !this.key(PID) || !this.integer()) return -1
    this.pid = this.int
    if (!this.comma() || !this.key(TID) || !this.integer()) return -1
    this.tid = this.int
    if (!this.comma()) return -1
    this.cpu = -1
    if (this.peekKey(CPU)) {
      if (!this.key(CPU) || !this.integer() || !this.comma()) return -1
      this.cpu = this.int
    }
    if (!this.key(COMM) || !this.string()) return -1
    this.commStart = this.strStart
    this.commEnd = this.strEnd
    this.commEscaped = this.strEscaped
    if (!this.comma() || !this.key(CALLCHAIN) || !this.punct(0x5b)) return -1
    let frames = 0
    if (!this.peek(0x5d)) {
      do {
        if (frames === MAX_FRAMES || !this.entry(frames)) return -1
        frames++
      } while (this.peek(0x2c) && this.punct(0x2c))
    }
    if (!this.punct(0x5d) || !this.tracepointFields() || !this.punct(0x7d)) return -1
    this.stack(frames, out)
    return this.pos
  }

  /** The text of a string read: bytes[start, end) holds its contents, with escapes when escaped. */
  text(start: number, end: number, escaped: boolean): string {
    if (this.view.buffer !== this.bytes.buffer || this.view.byteOffset !== this.bytes.byteOffset) {
      this.view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength)
    }
    return escaped ? JSON.parse(this.view.toString('utf8', start - 1, end + 1)) as string : this.view.toString('utf8', start, end)
  }

  /** `, "name": "value"` pairs after the callchain (values printed by libtraceevent; integers accepted). */
  private tracepointFields(): boolean {
    this.fields = null
    this.fieldNames = ''
    while (this.peek(0x2c)) {
      this.pos++
      if (!this.string()) return false
      const name = this.text(this.strStart, this.strEnd, this.strEscaped)
      if (!this.punct(0x3a)) return false
      this.space()
      let value: string
      if (this.bytes[this.pos] === 0x22) {
        if (!this.string()) return false
        value = this.text(this.strStart, this.strEnd, this.strEscaped)
      } else {
        if (!this.integer()) return false
        value = String(this.int)
      }
      this.fields ??= {}
      this.fields[name] = value
      this.fieldNames = this.fieldNames === '' ? name : `${this.fieldNames},${name}`
    }
    return true
  }

  /** `{"ip": "0x..", "symbol": "..", "dso": ".."}` with symbol and dso optional. */
  private entry(k: number): boolean {
    const e = this.entries
    const at = k * ENTRY_INTS
    this.space()
    if (!this.punct(0x7b) || !this.key(IP) || !this.string() || !isHexAddress(this.bytes, this.strStart, this.strEnd)) return false
    e[at] = this.strStart
    e[at + 1] = this.strEnd
    e[at + 2] = e[at + 3] = e[at + 4] = e[at + 5] = -1
    if (this.peek(0x2c)) {
      if (!this.comma() || !this.key(SYMBOL) || !this.string()) return false
      e[at + 2] = this.strStart
      e[at + 3] = this.strEnd
      e[at + 6] = this.strEscaped ? 1 : 0
      if (this.peek(0x2c)) {
        if (!this.comma() || !this.key(DSO) || !this.string()) return false
        e[at + 4] = this.strStart
        e[at + 5] = this.strEnd
        e[at + 7] = this.strEscaped ? 1 : 0
      }
    }
    if (!this.punct(0x7d)) return false
    return true
  }

  /** Interns the frames root first (perf writes the leaf first). */
  private stack(frames: number, out: PieceTables): void {
    const e = this.entries
    const bytes = this.bytes
    const f = out.table('frame').col
    let node = -1
    this.leafFrame = -1
    for (let k = frames - 1; k >= 0; k--) {
      const at = k * ENTRY_INTS
      const id = out.frameKeys.internBytes(this.frameKey(at), 0, this.keyLength)
      if (id === f.id.length) {
        f.id.push(id)
        f.addr.pushHex(bytes, e[at], e[at + 1])
        if (e[at + 2] < 0) f.symbol.push('[unknown]') // perf script's name for it
        else if (e[at + 6] === 1) f.symbol.push(this.text(e[at + 2], e[at + 3], true))
        else f.symbol.pushBytes(bytes, e[at + 2], e[at + 3])
        f.offset.pushNull()
        if (e[at + 4] < 0) f.dso.pushNull()
        else if (e[at + 7] === 1) f.dso.push(this.text(e[at + 4], e[at + 5], true))
        else f.dso.pushBytes(bytes, e[at + 4], e[at + 5])
        f.inlined.push(0)
      }
      node = out.stackNodes.intern(node, id)
      this.leafFrame = id
    }
    this.stackId = node
  }

  /** ip, symbol and dso of entry `at`, NUL-separated, in `key` (their bytes as written, escapes kept). */
  private frameKey(at: number): Uint8Array {
    const e = this.entries
    const need = e[at + 1] - e[at] + Math.max(0, e[at + 3] - e[at + 2]) + Math.max(0, e[at + 5] - e[at + 4]) + 2
    if (need > this.keyBytes.length) this.keyBytes = new Uint8Array(need * 2)
    const b = this.bytes
    const key = this.keyBytes
    let n = 0
    for (let i = e[at]; i < e[at + 1]; i++) key[n++] = b[i]
    key[n++] = 0
    for (let i = e[at + 2]; i < e[at + 3]; i++) key[n++] = b[i]
    key[n++] = 0
    for (let i = e[at + 4]; i < e[at + 5]; i++) key[n++] = b[i]
    this.keyLength = n
    return key
  }

  private space(): void {
    const b = this.bytes
    let p = this.pos
    for (;;) {
      const c = b[p]
      if (c === 0x0a) this.newlines++
      else if (c !== 0x09 && c !== 0x20 && c !== 0x0d) break
      p++
    }
    this.pos = p
  }

  private peek(c: number): boolean {
    this.space()
    return this.bytes[this.pos] === c
  }

  private punct(c: number): boolean {
    this.space()
    if (this.bytes[this.pos] !== c) return false
    this.pos++
    return true
  }

  private comma(): boolean {
    return this.punct(0x2c)
  }

  private peekKey(k: Uint8Array): boolean {
    this.space()
    const b = this.bytes
    const p = this.pos
    for (let i = 0; i < k.length; i++) if (b[p + i] !== k[i]) return false
    return true
  }

  /** The key, spaces, and its colon. */
  private key(k: Uint8Array): boolean {
    if (!this.peekKey(k)) return false
    this.pos += k.length
    return this.punct(0x3a)
  }

  /** An integer exact in a double (below 2^53: a ns clock since boot for 104 days). */
  private integer(): boolean {
    this.space()
    const b = this.bytes
    let p = this.pos
    const negative = b[p] === 0x2d
    if (negative) p++
    const first = p
    let v = 0
    while (b[p] >= 0x30 && b[p] <= 0x39) v = v * 10 + (b[p++] - 0x30)
    const digits = p - first
    if (digits === 0 || digits > 16 || v > Number.MAX_SAFE_INTEGER || (digits > 1 && b[first] === 0x30)) return false
    this.int = negative ? -v : v
    this.pos = p
    return true
  }

  /** A string without control characters: its contents are bytes[strStart, strEnd), strEscaped when they hold a backslash. */
  private string(): boolean {
    this.space()
    const b = this.bytes
    let p = this.pos
    if (b[p++] !== 0x22) return false
    const start = p
    let escaped = false
    for (;;) {
      const c = b[p]
      if (c === 0x22) break
      if (c < 0x20 || c === undefined) return false
      if (c === 0x5c) {
        escaped = true
        const next = b[++p]
        if (next === 0x75) {
          for (let k = 1; k <= 4; k++) if (!isHexDigit(b[p + k])) return false
          p += 4
        } else if (!ESCAPABLE.includes(next)) return false
      }
      p++
    }
    this.strStart = start
    this.strEnd = p
    this.strEscaped = escaped
    this.pos = p + 1
    return true
  }
}

/** What may follow a backslash in JSON, besides `u` and 4 hex digits. */
const ESCAPABLE = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]

function isHexDigit(c: number): boolean {
  const l = c | 0x20
  return (c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x66)
}

/** `0x` and 1-16 hex digits. */
function isHexAddress(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 18 || b[start] !== 0x30 || b[start + 1] !== 0x78) return false
  for (let i = start + 2; i < end; i++) if (!isHexDigit(b[i])) return false
  return true
}
