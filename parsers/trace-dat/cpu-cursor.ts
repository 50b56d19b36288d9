import { cpuPages, type CpuPage } from './cpu-pages.js'
import { decodeRingBufferPage, type DecodedPage } from './ring-buffer-page.js'
import type { RandomAccessSource } from './random-access-source.js'
import { TraceDatError } from './trace-dat-error.js'
import type { BufferData, CpuData, TraceDatLayout } from './trace-dat-layout.js'

/**
 * One CPU's records in time order, one decoded page at a time: a lost-events marker (when the
 * page header flags one) then the page's events. Damage ends the CPU's stream and is kept in
 * `error`; what came before it stays readable.
 */
export class CpuCursor {
  page: DecodedPage | undefined
  bytes: Uint8Array = new Uint8Array(0)
  view: DataView = new DataView(new ArrayBuffer(0))
  /** -1: the lost marker of this page is next; then index into page.events. */
  index = 0
  error: TraceDatError | undefined
  private readonly pages: AsyncGenerator<CpuPage>
  private readonly compressed: boolean
  private readonly pageSize: number

  constructor(
    private readonly src: RandomAccessSource,
    private readonly layout: TraceDatLayout,
    buffer: BufferData,
    readonly cpu: CpuData,
    readAheadPages: number,
  ) {
    this.pages = cpuPages(src, layout.header, buffer, cpu, readAheadPages)
    this.compressed = buffer.compressed
    this.pageSize = buffer.pageSize
  }

  get done(): boolean {
    return this.page === undefined
  }

  /** Time of the next record; a lost marker takes the time of the first event after the loss. */
  get ts(): number | bigint {
    const page = this.page!
    return page.events[Math.max(0, this.index)]?.ts ?? page.timestamp
  }

  get atLost(): boolean {
    return this.index < 0
  }

  /** Moves past the current record within the page; false when the page is used up (loadPage next). */
  step(): boolean {
    this.index++
    return this.page !== undefined && this.index < this.page.events.length
  }

  async loadPage(): Promise<void> {
    this.page = undefined
    while (this.error === undefined) {
      let next: IteratorResult<CpuPage>
      try {
        next = await this.pages.next()
      } catch (e) {
        if (!(e instanceof TraceDatError)) throw e
        this.error = e
        return
      }
      if (next.done) return
      const { bytes, fileOffset } = next.value
      const { header } = this.layout
      const page = decodeRingBufferPage(bytes, this.layout.pageHeader, this.layout.eventHeader, header.littleEndian, this.pageSize)
      if (page.damage) {
        const compressed = this.compressed
        const where = compressed ? ` (byte ${page.damage.offset} of a page in the compressed chunk)` : ''
        this.error = new TraceDatError(`CPU ${this.cpu.cpu}: ${page.damage.expected}${where}`, compressed ? fileOffset : fileOffset + page.damage.offset, {
          file: this.src.name,
        })
      }
      if (page.events.length > 0 || page.lost) {
        this.page = page
        this.bytes = bytes
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        this.index = page.lost ? -1 : 0
        return
      }
    }
  }
}
