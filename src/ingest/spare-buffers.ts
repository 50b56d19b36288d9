// Buffers handed back after use so later data is read into them. Fresh multi-MB buffers, one
// per piece or chunk, are garbage that V8 frees only after tens of MB of them pile up in each
// thread (external memory does not trigger a GC early): that was most of an ingest's peak RSS.

export class SpareBuffers {
  private readonly spares: ArrayBuffer[] = []

  /** Keeps at most `max` buffers: one per buffer in flight is what the reader can reuse. */
  constructor(private readonly max = 4) {}

  /** A spare buffer of at least `bytes`, or else a fresh one of `fresh` bytes (slack lets it fit later, slightly longer data). */
  take(bytes: number, fresh = bytes): Uint8Array<ArrayBuffer> {
    const i = this.spares.findIndex((b) => b.byteLength >= bytes)
    return i < 0 ? new Uint8Array(Math.max(bytes, fresh)) : new Uint8Array(this.spares.splice(i, 1)[0]!)
  }

  /** The whole buffer behind `bytes` is free again. */
  giveBack(bytes: Uint8Array): void {
    if (bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength > 0 && this.spares.length < this.max) this.spares.push(bytes.buffer)
  }
}
