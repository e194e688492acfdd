import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../../src/common/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['600', 600_000],
    ['1.5', 1500],
    ['250ms', 250],
    [' 45s ', 45_000]
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', 'soon', '5 minutes', '-5', '10d', 'm', '1h 30m', '1e3'])('refuses %p', text =>
    expect(parseDuration(text)).toBeUndefined()
  )
})

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [245_000, '4m 05s'],
    [3_720_000, '1h 02m']
  ])('formats %d', (ms, text) => expect(formatDuration(ms)).toBe(text))
})
