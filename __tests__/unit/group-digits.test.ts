import { describe, expect, it } from '@jest/globals'
import { groupDigits } from '../../src/common/text.js'

describe('groupDigits', () => {
  it("writes whole numbers as toLocaleString('en-US') does", () => {
    const samples = [0, 1, 12, 999, 1000, 1001, 99_999, 100_000, 1_234_567, -1234, 2 ** 53 - 1]
    for (let i = 0; i < 200; i++) samples.push(Math.floor(Math.random() * 10 ** (i % 16)))
    for (const n of samples) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'))
  })

  it('leaves numbers it does not handle to toLocaleString', () => {
    expect(groupDigits(1234.5)).toBe('1,234.5')
    expect(groupDigits(2 ** 60)).toBe((2 ** 60).toLocaleString('en-US'))
  })
})
