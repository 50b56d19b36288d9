// The unit of a histogram's values: the map name says it when one of its words is a unit
// (`@ns`, `@lat_ns`, `@usecs`, `@lat_us_lin`); else the `unit` option: either one unit for
// every histogram (`us`) or per map (`@lat=us,@size=bytes`), which also overrides the name.

const UNIT_WORDS: Record<string, string> = {
  ns: 'ns', nsec: 'ns', nsecs: 'ns', us: 'us', usec: 'us', usecs: 'us', ms: 'ms', msec: 'ms', msecs: 'ms',
  s: 's', sec: 's', secs: 's', bytes: 'bytes', kb: 'KiB', kbytes: 'KiB', pages: 'pages',
}

export type HistogramUnitOf = (mapName: string) => string | null

export function histogramUnitOf(unitOption: unknown): HistogramUnitOf {
  const perMap = new Map<string, string>()
  let fallback: string | null = null
  if (typeof unitOption === 'string' && unitOption !== '') {
    if (!unitOption.includes('=')) fallback = unitOption
    else {
      for (const entry of unitOption.split(',')) {
        const [name, unit] = entry.split('=', 2).map((s) => s.trim())
        if (name && unit) perMap.set(name.startsWith('@') ? name : `@${name}`, unit)
      }
    }
  }
  return (mapName) => {
    const given = perMap.get(mapName)
    if (given !== undefined) return given
    for (const word of mapName.slice(1).toLowerCase().split(/[^a-z0-9]+/)) {
      const unit = UNIT_WORDS[word]
      if (unit !== undefined) return unit
    }
    return fallback
  }
}
