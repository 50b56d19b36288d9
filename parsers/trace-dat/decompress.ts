import { inflateRawSync, inflateSync } from 'node:zlib'
import { decompress as zstdDecompress } from 'fzstd'

/**
 * Decompresses one v7 block (a metadata section or a chunk of CPU data) with the algorithm
 * named in the file header. Throws a plain Error; callers add the file offset.
 */
export function decompressBlock(algorithm: string, data: Uint8Array, uncompressedSize: number): Uint8Array {
  let out: Uint8Array
  if (algorithm === 'zstd') {
    // Without an output buffer: fzstd 0.1.1 compares the buffer with 1 (`w == 1`), which turns
    // a Uint8Array into a string of its contents, making decompression 3x slower.
    out = zstdDecompress(data)
  } else if (algorithm === 'zlib') {
    // trace-cmd's zlib plugin writes zlib streams; accept raw deflate too.
    try {
      out = inflateSync(data)
    } catch {
      out = inflateRawSync(data)
    }
  } else {
    throw new Error(`unsupported compression "${algorithm}" (zstd and zlib are read)`)
  }
  if (out.length !== uncompressedSize) throw new Error(`decompressed ${out.length} bytes, the header says ${uncompressedSize}`)
  return out
}
