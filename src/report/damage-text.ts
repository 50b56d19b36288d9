import type { InputDamage } from '../../parsers/parser.js'

/** Where and how an input's data was damaged, for the lines that warn of it. */
export function damageText(d: InputDamage): string {
  return `damaged at byte ${d.byte_offset} (expected ${d.expected}${d.found ? `, found ${d.found}` : ''})`
}
