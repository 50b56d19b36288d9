// A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// NUL-separated JSON on fds 3 and 4), so browser tests need no extra package.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

type Json = Record<string, unknown>

export class Browser {
  private next = 1
  private pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>()
  private listeners: ((msg: Json) => void)[] = []
  private buffer = ''
  private session = ''

  private constructor(private readonly child: ChildProcess) {
    const input = child.stdio[4] as Readable
    input.setEncoding('utf8')
    input.on('data', (chunk: string) => {
      this.buffer += chunk
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as Json
        this.buffer = this.buffer.slice(end + 1)
        const waiting = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined
        if (waiting !== undefined) {
          this.pending.delete(msg.id as number)
          if (msg.error) waiting.reject(new Error(JSON.stringify(msg.error)))
          else waiting.resolve(msg.result as Json)
        } else for (const l of this.listeners) l(msg)
      }
    })
  }

  static async open(url: string, widthPx = 1200, heightPx = 900): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'exotrace-chromium-'))
    const child = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe',
      `--user-data-dir=${profile}`, `--window-size=${widthPx},${heightPx}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] })
    const b = new Browser(child)
    const { targetId } = await b.send('Target.createTarget', { url: 'about:blank' })
    const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true })
    b.session = sessionId as string
    await b.send('Page.enable')
    const loaded = b.event('Page.loadEventFired')
    await b.send('Page.navigate', { url })
    await loaded
    return b
  }

  send(method: string, params: Json = {}): Promise<Json> {
    const id = this.next++
    const msg: Json = { id, method, params }
    if (this.session !== '') msg.sessionId = this.session
    ;(this.child.stdio[3] as Writable).write(`${JSON.stringify(msg)}\0`)
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }))
  }

  event(method: string): Promise<Json> {
    return new Promise((resolve) => {
      const l = (msg: Json): void => {
        if (msg.method !== method) return
        this.listeners = this.listeners.filter((x) => x !== l)
        resolve(msg.params as Json)
      }
      this.listeners.push(l)
    })
  }

  /** Value of a page expression. */
  async eval<T>(expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true })
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails))
    return (r.result as { value: T }).value
  }

  async click(xPx: number, yPx: number): Promise<void> {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: xPx, y: yPx, button: 'left', clickCount: 1 })
    }
  }

  /** Answers the next window.prompt with `text` while `act` runs. */
  async answerPrompt(text: string, act: () => Promise<void>): Promise<string> {
    const opened = this.event('Page.javascriptDialogOpening')
    const acting = act()
    const dialog = await opened
    await this.send('Page.handleJavaScriptDialog', { accept: true, promptText: text })
    await acting
    return dialog.message as string
  }

  close(): void {
    this.child.kill()
  }
}
