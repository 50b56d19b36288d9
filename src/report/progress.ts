// A progress bar on stderr for long work, only when stderr is a terminal (never in pipes or CI).
import { SingleBar } from 'cli-progress'

export interface Progress {
  update(bytes: number): void
  stop(): void
}

const silent: Progress = { update: () => undefined, stop: () => undefined }

export function progressBar(label: string, totalBytes: number | null): Progress {
  if (!process.stderr.isTTY || process.env.CI || totalBytes === null || totalBytes === 0) return silent
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: true,
  })
  const mb = (b: number): number => Math.round(b / 1e6)
  bar.start(mb(totalBytes), 0)
  return { update: (b) => bar.update(Math.min(mb(b), mb(totalBytes))), stop: () => bar.stop() }
}
