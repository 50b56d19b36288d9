/**
 * Bad trace.dat input: names the file, the byte offset where reading went wrong and what was
 * expected there. For data inside a compressed v7 section the offset is the section's own
 * offset in the file and the message says where inside the decompressed data it failed.
 */
export class TraceDatError extends Error {
  readonly offset: number
  readonly expected: string
  readonly file: string | undefined
  /** what was there instead, when the reader can say */
  readonly found: string | undefined

  constructor(expected: string, offset: number, options: { file?: string; found?: string } = {}) {
    const where = `${options.file ?? 'trace.dat'}: byte ${offset}`
    super(`${where}: expected ${expected}${options.found === undefined ? '' : `, found ${options.found}`}`)
    this.name = 'TraceDatError'
    this.offset = offset
    this.expected = expected
    this.file = options.file
    this.found = options.found
  }
}
