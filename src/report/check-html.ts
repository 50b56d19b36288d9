import type { CheckResult } from '../check/check-result.js'
export function checkHtml(r: CheckResult): string {
  return `<!doctype html><title>${r.spec.name}</title>`
}
