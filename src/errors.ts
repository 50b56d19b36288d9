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
