// Runs one measurement (measure-child.js) in a fresh process and samples its resident memory
// from /proc while it runs: the peak of the run's second half beside the peak of its first
// shows whether memory keeps growing with the events read, which one peak cannot.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Measure {
  seconds: number
  events: number
  maxRssMb: number
  /** peak RSS in the first and in the second half of the run; null where /proc is not there */
  halvesRssMb: [number, number] | null
}

const SAMPLE_MS = 100

function rssMbOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))
    return kb === null ? null : Number(kb[1]) / 1024
  } catch {
    return null
  }
}

function halvesPeaks(samples: [number, number][], seconds: number): [number, number] | null {
  if (samples.length < 4) return null
  const peaks: [number, number] = [0, 0]
  for (const [t, mb] of samples) {
    const half = t < seconds / 2 ? 0 : 1
    peaks[half] = Math.max(peaks[half], mb)
  }
  return peaks
}

export function measureInChild(child: string, args: string[]): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    const samples: [number, number][] = []
    const timer = setInterval(() => {
      const mb = rssMbOf(proc.pid!)
      if (mb !== null) samples.push([(performance.now() - started) / 1000, mb])
    }, SAMPLE_MS)
    let out = ''
    proc.stdout.setEncoding('utf8').on('data', (s: string) => { out += s })
    proc.on('error', reject)
    proc.on('close', (code) => {
      clearInterval(timer)
      if (code !== 0) return reject(new Error(`${child} ${args.join(' ')} exited with ${code}`))
      const m = JSON.parse(out.trim().split('\n').pop()!) as Omit<Measure, 'halvesRssMb'>
      resolve({ ...m, halvesRssMb: halvesPeaks(samples, (performance.now() - started) / 1000) })
    })
  })
}
