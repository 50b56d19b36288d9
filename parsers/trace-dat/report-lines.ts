// Reads `trace-cmd report` text back into columns, for the tests that compare the reader with
// trace-cmd event for event. Handles the default layout (`comm-pid [cpu] ts: name: info`) and
// the latency layout of -l (`comm-pid cpuFLAGS ts: name: info`, comm cut to 8 characters).

export interface ReportLine {
  comm: string
  pid: number
  cpu: number
  /** Latency flags of -l (5 characters), undefined in the default layout. */
  latency: string | undefined
  /** As printed: seconds, a dot, 6 (us) or 9 (ns with -t) digits. */
  time: string
  name: string
  info: string
}

const DEFAULT_LINE = /^\s*(.*)-(\d+)\s+\[(\d+)\]\s+(\d+\.\d+):\s+([^\s:]+):\s*(.*)$/
const LATENCY_LINE = /^\s*(.*)-(\d+)\s+(\d+)(\S{5})\s+(\d+\.\d+):\s+([^\s:]+):\s*(.*)$/

/** CPU:N [N EVENTS DROPPED] / CPU:N [EVENTS DROPPED] lines, and the events. */
export interface ParsedReport {
  events: ReportLine[]
  dropped: { cpu: number; count: number | undefined; beforeEvent: number }[]
}

/** `buffer`: an instance name that report puts before the lines of that buffer ("name: "). */
export function parseReport(text: string, buffer?: string): ParsedReport {
  const events: ReportLine[] = []
  const dropped: ParsedReport['dropped'] = []
  const prefix = buffer === undefined ? undefined : `${buffer}: `
  for (const raw of text.split('\n')) {
    const line = prefix !== undefined && raw.startsWith(prefix) ? raw.slice(prefix.length) : raw
    if (line.startsWith('cpus=') || line === '') continue
    const drop = /^CPU:\s*(\d+) \[(?:(\d+) )?EVENTS DROPPED\]/.exec(line)
    if (drop) {
      dropped.push({ cpu: Number(drop[1]), count: drop[2] === undefined ? undefined : Number(drop[2]), beforeEvent: events.length })
      continue
    }
    let m = DEFAULT_LINE.exec(line)
    if (m) {
      events.push({ comm: m[1]!, pid: Number(m[2]), cpu: Number(m[3]), latency: undefined, time: m[4]!, name: m[5]!, info: m[6]! })
      continue
    }
    m = LATENCY_LINE.exec(line)
    if (m) {
      events.push({ comm: m[1]!, pid: Number(m[2]), cpu: Number(m[3]), latency: m[4], time: m[5]!, name: m[6]!, info: m[7]! })
      continue
    }
    // A formatted bprint with newlines in its format continues on the next lines.
    const last = events[events.length - 1]
    if (last === undefined) throw new Error(`report line not understood: ${line}`)
    last.info += `\n${line}`
  }
  return { events, dropped }
}

/** A ns timestamp as report prints it: 9 digits with -t, else microseconds rounded to nearest. */
export function reportTime(ts: number | bigint, digits: 6 | 9): string {
  const ns = BigInt(ts)
  const value = digits === 9 ? ns : (ns + 500n) / 1000n
  const unit = digits === 9 ? 1_000_000_000n : 1_000_000n
  return `${value / unit}.${String(value % unit).padStart(digits, '0')}`
}
