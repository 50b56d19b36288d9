// Names matched as ftrace filters and shells match them: `*` any run of characters, `?` one.
// Task selectors (comm patterns) and function selectors of every analysis and of check.

export function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
}

export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const res = patterns.map(globRegExp)
  return (name) => res.some((re) => re.test(name))
}
