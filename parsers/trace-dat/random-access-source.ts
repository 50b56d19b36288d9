import { open } from 'node:fs/promises'

/**
 * Random access to the bytes of a trace. `read` returns fewer than `length` bytes only at the
 * end of the source. Offsets are numbers: exact for files up to 8 PiB.
 */
export interface RandomAccessSource {
  size: number
  /** For error messages. */
  name?: string
  read(offset: number, length: number): Promise<Uint8Array>
}

export interface ClosableSource extends RandomAccessSource {
  close(): Promise<void>
}

/** A file read through one FileHandle; nothing is cached, each read is one pread. */
export async function openFileSource(path: string): Promise<ClosableSource> {
  const handle = await open(path, 'r')
  const { size } = await handle.stat()
  return {
    size,
    name: path,
    async read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset))
      const buffer = new Uint8Array(wanted)
      let filled = 0
      while (filled < wanted) {
        const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      return filled === wanted ? buffer : buffer.subarray(0, filled)
    },
    close: () => handle.close(),
  }
}

/** Bytes already in memory (tests, small inputs). */
export function bytesSource(bytes: Uint8Array, name?: string): RandomAccessSource {
  return {
    size: bytes.length,
    name,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  }
}
