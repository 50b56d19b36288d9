// The errors a user sees: one line, exit code 2. Anything else escaping is a bug in exotrace.

/** Bad usage: a missing file, a wrong option, an unknown format name. */
export class UsageError extends Error {
  readonly exitCode = 2
}

/** Bad input, located: file, line (or byte offset), what was expected, and an excerpt. */
export class InputError extends Error {
  readonly exitCode = 2

  constructor(
    readonly file: string,
    readonly where: { line: number } | { byteOffset: number } | null,
    readonly expected: string,
    readonly excerpt: string,
  ) {
    const at = where === null ? '' : 'line' in where ? `:${where.line}` : ` (byte ${where.byteOffset})`
    super(`${file}${at}: expected ${expected}${excerpt ? `, found: ${JSON.stringify(excerpt)}` : ''}`)
  }
}

/**
 * The input's data is damaged after the part that could be read (a trace.dat cut inside a
 * page): everything before the damage was read, and an ingest keeps it before reporting this.
 */
export class DamagedInputError extends InputError {}
