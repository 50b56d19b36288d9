// `check --junit FILE`: one <testcase> per criterion for CI systems (the Jenkins / Ant JUnit
// layout), one <testsuite> per section of the spec. fail is a <failure>; inconclusive and
// not-measured are <skipped> with the reason, unless --fail-on makes them failures.
import { hostname } from 'node:os'
import type { CheckOutcome, CheckResult, CriterionOutcome } from '../check/check-result.js'
import type { VerdictStatus } from '../spec/verdict.js'
import { bySection, checksOf, figureText } from './check-figures.js'

/** Text safe in an XML attribute or element; characters XML 1.0 forbids are dropped. */
export function xmlText(s: string): string {
  return s.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

function details(c: CriterionOutcome): string {
  const line = (label: string, o: CheckOutcome): string[] => [
    `${label}${o.target.title}: target ${o.target.text}; ${o.verdict.status}`,
    `  measured: ${figureText(o) || 'nothing'} (${o.verdict.how})`,
    `  ${o.verdict.reason}`,
    ...o.verdict.warnings.map((w) => `  warning: ${w}`),
  ]
  return (c.success ? [...line('target: ', c.main), ...line('success: ', c.success)] : line('', c.main)).join('\n')
}

function reasonOf(c: CriterionOutcome): string {
  return checksOf(c).filter((o) => o.verdict.status === c.status).map((o) => o.verdict.reason).join('; ')
}

function testcase(c: CriterionOutcome, suite: string, failOn: readonly VerdictStatus[]): string {
  const open = `    <testcase name="${xmlText(`${c.id}: ${c.title}`)}" classname="${xmlText(`exotrace.${suite}`)}" time="0">`
  const failing = c.status === 'fail' || failOn.includes(c.status)
  const outcome = c.status === 'pass' ? ''
    : failing ? `\n      <failure message="${xmlText(`${c.status}: ${reasonOf(c)}`)}" type="${c.status}">${xmlText(details(c))}</failure>`
      : `\n      <skipped message="${xmlText(`${c.status}: ${reasonOf(c)}`)}"/>`
  return `${open}${outcome}\n      <system-out>${xmlText(details(c))}</system-out>\n    </testcase>`
}

export function checkJUnit(r: CheckResult, failOn: readonly VerdictStatus[] = [], timestamp = new Date()): string {
  const stamp = timestamp.toISOString().slice(0, 19)
  const count = (cs: CriterionOutcome[]) => ({
    tests: cs.length,
    failures: cs.filter((c) => c.status === 'fail' || failOn.includes(c.status)).length,
    skipped: cs.filter((c) => c.status !== 'pass' && c.status !== 'fail' && !failOn.includes(c.status)).length,
  })
  const all = count(r.criteria)
  const suites = bySection(r).map(([section, cs], i) => {
    const n = count(cs)
    return [
      `  <testsuite name="${xmlText(section)}" tests="${n.tests}" failures="${n.failures}" errors="0" skipped="${n.skipped}" time="0" ` +
        `timestamp="${stamp}" hostname="${xmlText(hostname())}" id="${i}" package="exotrace">`,
      '    <properties>',
      `      <property name="spec" value="${xmlText(r.spec.file)}"/>`,
      ...r.inputs.map((x) => `      <property name="input" value="${xmlText(`${x.input} (${x.format}, ${x.events} events, ${x.lost_events} lost)`)}"/>`),
      '    </properties>',
      ...cs.map((c) => testcase(c, section, failOn)),
      '  </testsuite>',
    ].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(r.spec.name)}" tests="${all.tests}" failures="${all.failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
