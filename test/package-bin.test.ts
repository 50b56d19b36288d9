// `npx exotrace` runs the file package.json's bin names: npm sets no mode on a file that its
// prepare script builds after the bins are linked, so the build must make it executable.
import { accessSync, constants, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './shared-paths.js'

describe('the package bin', () => {
  it.runIf(process.platform !== 'win32')('is built executable, with a node shebang', () => {
    const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.exotrace
    const path = join(ROOT, bin)
    expect(() => accessSync(path, constants.X_OK)).not.toThrow()
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })
})
