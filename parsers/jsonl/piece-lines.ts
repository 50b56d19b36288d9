// Line iteration over a piece for the line-oriented text readers (bpftrace text and JSON, jsonl):
// one decode of the whole piece, then lines as strings with their 1-based number. Byte offsets
// are found again only for an error message.
const decoder = new TextDecoder()

/** End (exclusive) of the last complete line: 0 when no newline yet. */
export function lastLineEnd(bytes: Uint8Array): number {
  return bytes.lastIndexOf(0x0a) + 1
}

export function pieceText(piece: Uint8Array): string {
  return decoder.decode(piece)
}

/** Calls `visit` for every line (without its \n or \r\n); returns the number of lines. */
export function pieceLines(piece: Uint8Array | string, visit: (line: string, lineNo: number) => void): number {
  const text = typeof piece === 'string' ? piece : decoder.decode(piece)
  let lineNo = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    visit(text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end), ++lineNo)
    start = end + 1
  }
  return lineNo
}

/** Byte offset of 1-based line `lineNo` in the piece. */
export function lineByteStart(piece: Uint8Array, lineNo: number): number {
  let start = 0
  for (let n = 1; n < lineNo && start < piece.length; n++) {
    const nl = piece.indexOf(0x0a, start)
    if (nl < 0) return piece.length
    start = nl + 1
  }
  return start
}
