// Recoverable input problems go to stderr with the file and line, after the results.
import type { SummaryJson } from '../../tables/dataset-summary.js'

export function printWarnings(file: string, summary: Pick<SummaryJson, 'warnings'>): void {
  const w = summary.warnings
  if (w === undefined) return
  for (const { line, message } of w.first) process.stderr.write(`warning: ${file}:${line}: ${message}\n`)
  if (w.count > w.first.length) process.stderr.write(`warning: ${file}: ${w.count - w.first.length} more warnings\n`)
}
