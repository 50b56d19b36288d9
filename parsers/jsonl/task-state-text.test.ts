import { expect, test } from 'vitest'
import { taskStateText } from './task-state-text.js'

// Letters as `perf script` prints them for the same states in fixtures-real (R, R+, S, D, Z, I).
test('raw prev_state numbers read as the kernel print fmt prints them', () => {
  expect([0, 1, 2, 32, 128, 256, 0x101, 3].map(taskStateText)).toEqual(['R', 'S', 'D', 'Z', 'I', 'R+', 'S+', 'S|D'])
})
