// `name:unit` as the user writes a column (`ts:us`, `lat:ns`): the unit says how to read a
// timestamp, and is appended to any other name (`lat_ns`), as exotrace names carry units.
import { isTimeUnit, type TimeUnit } from './timestamp-ns.js'

export interface NamedColumn {
  /** canonical name: ts, cpu, tid, event, a typed-table column, or any arg name */
  name: string
  /** for ts: how its text is read (ns when not said) */
  tsUnit: TimeUnit
}

export function namedColumn(text: string): NamedColumn {
  const [name, unit = ''] = text.trim().split(':', 2)
  if (name === 'ts') {
    if (unit !== '' && !isTimeUnit(unit)) throw new Error(`ts unit '${unit}' is not one of ns, us, ms, s`)
    return { name, tsUnit: unit === '' ? 'ns' : (unit as TimeUnit) }
  }
  const withUnit = unit === '' || name.endsWith(`_${unit}`) ? name : `${name}_${unit}`
  return { name: withUnit, tsUnit: 'ns' }
}
