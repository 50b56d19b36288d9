// Typed reads of one TOML table with errors that name the field's full path, and a final
// check that no key was left unread — a misspelt `tolerence` must not pass silently.

import { SpecError } from './spec-error.js'
import type { Scalar } from './types.js'

type Table = Record<string, unknown>

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (isTable(value)) return 'a table'
  return `${typeof value} ${JSON.stringify(value)}`
}

export class TableReader {
  private readonly read = new Set<string>()

  constructor(
    readonly table: Table,
    readonly file: string,
    readonly criterionId: string | undefined,
    readonly path: string,
  ) {}

  fieldPath(key: string): string {
    return this.path ? `${this.path}.${key}` : key
  }

  fail(key: string | undefined, problem: string): never {
    throw new SpecError(this.file, this.criterionId, key === undefined ? this.path || undefined : this.fieldPath(key), problem)
  }

  has(key: string): boolean {
    return this.table[key] !== undefined
  }

  private take(key: string, required: boolean): unknown {
    this.read.add(key)
    const value = this.table[key]
    if (value === undefined && required) this.fail(key, 'is required')
    return value
  }

  /** The value as the file has it, for fields whose shape the caller checks. */
  raw(key: string): unknown {
    return this.take(key, false)
  }

  string(key: string): string
  string(key: string, optional: 'optional'): string | undefined
  string(key: string, optional?: 'optional'): string | undefined {
    const value = this.take(key, optional === undefined)
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value.trim() === '') this.fail(key, `expected a non-empty string, got ${describe(value)}`)
    return value
  }

  number(key: string): number
  number(key: string, optional: 'optional'): number | undefined
  number(key: string, optional?: 'optional'): number | undefined {
    const value = this.take(key, optional === undefined)
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(key, `expected a number, got ${describe(value)}`)
    return value
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.take(key, false)
    if (value === undefined) return fallback
    if (typeof value !== 'boolean') this.fail(key, `expected true or false, got ${describe(value)}`)
    return value
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T
  oneOf<T extends string>(key: string, allowed: readonly T[], optional: 'optional'): T | undefined
  oneOf<T extends string>(key: string, allowed: readonly T[], optional?: 'optional'): T | undefined {
    const value = optional ? this.string(key, optional) : this.string(key)
    if (value === undefined) return undefined
    if (!allowed.includes(value as T)) this.fail(key, `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got "${value}"`)
    return value as T
  }

  /** A string or an array of strings, returned as an array. */
  stringList(key: string, optional?: 'optional'): string[] | undefined {
    const value = this.take(key, optional === undefined)
    if (value === undefined) return undefined
    const list = typeof value === 'string' ? [value] : value
    if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v.trim() === '')) {
      this.fail(key, `expected a string or a non-empty array of strings, got ${describe(value)}`)
    }
    return list as string[]
  }

  sub(key: string): TableReader
  sub(key: string, optional: 'optional'): TableReader | undefined
  sub(key: string, optional?: 'optional'): TableReader | undefined {
    const value = this.take(key, optional === undefined)
    if (value === undefined) return undefined
    if (!isTable(value)) this.fail(key, `expected a table ({ ... }), got ${describe(value)}`)
    return new TableReader(value, this.file, this.criterionId, this.fieldPath(key))
  }

  /** Keys of a free-form sub-table whose values are scalars or arrays of scalars. */
  scalars(key: string): Record<string, Scalar | Scalar[]> {
    const reader = this.sub(key, 'optional')
    if (!reader) return {}
    const out: Record<string, Scalar | Scalar[]> = {}
    for (const name of Object.keys(reader.table)) {
      const value = reader.raw(name)
      const ok = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v)
      if (!(ok(value) || (Array.isArray(value) && value.length > 0 && value.every(ok)))) {
        reader.fail(name, `expected a string, number, boolean or array of them, got ${describe(value)}`)
      }
      out[name] = value as Scalar | Scalar[]
    }
    return out
  }

  /** Call after reading: any key not read is a typo or a field of another schema. */
  done(): void {
    for (const key of Object.keys(this.table)) {
      if (!this.read.has(key)) this.fail(key, 'unknown field (see specs/README.md for the schema)')
    }
  }
}
