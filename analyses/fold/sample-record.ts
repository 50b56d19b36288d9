// What folding needs of one `perf script` sample, independent of how it was parsed: the
// perf-script parser fills these from its `sample`/`stack`/`frame` tables. Every text field
// is "as printed", because stackcollapse-perf.pl works on the printed text and its output
// depends on it (offset stripping, `[unknown]` naming, kernel/JIT detection by dso text).

/** One callchain line: `ADDR SYMBOL+OFFSET (DSO)`. */
export interface FoldFrame {
  /** Instruction address in hex as printed, without `0x`; null when perf printed none. */
  addr: string | null
  /** Symbol as printed, with one trailing `+0x..` offset removed; `[unknown]` kept; `a->b` inline chains kept. */
  symbol: string
  /** The removed offset as printed (`0x1a`), or null when none was printed. */
  offset: string | null
  /**
   * The text inside the line's last ` (...)`, as printed; null when there was none. A dso
   * that itself holds ` (` (`libx.so (deleted)`, read as balanced parentheses) folds alike.
   */
  dso: string | null
  /** Perf printed `(inlined)` in place of the dso (perf >= 4.15 with inline expansion). */
  inlined?: boolean
}

/** One sample: the event line and its callchain. */
export interface FoldSample {
  comm: string
  /**
   * Process id, when the event line printed `PID/TID`; null when it printed one number
   * (perf's default), which is the thread id.
   */
  pid: number | null
  tid: number | null
  /** Event name as printed before its final `:` (`cycles`, `cpu-clock:ppp`); null when not printed. */
  event: string | null
  /** Sample period as printed; null when not printed. */
  period: number | null
  /**
   * Text printed after `event:` on the event line (a tracepoint's fields), trimmed; null or
   * empty when none. stackcollapse-perf.pl recognizes the event and period only when the
   * event name ends the line, so such a sample is neither filtered by event nor weighted
   * by its period.
   */
  args?: string | null
  /**
   * True when the event line printed no timestamp (perf 3.x default output, `-F` without
   * `time`). stackcollapse-perf.pl finds the event and period only after the timestamp's
   * `:`, so such a sample, too, is neither filtered by event nor weighted by its period.
   */
  untimed?: boolean
  /** Leaf first, as perf script prints them. */
  frames: FoldFrame[]
}
