import { describe, expect, it } from '@jest/globals'
import { DEFAULT_SCHEDULE, pollGap, pollUntil } from '../../src/common/poll.js'
import { Deadline } from '../../src/common/time.js'
import { CancelledError } from '../../src/common/errors.js'
import { FakeTime, MemoryLogger } from '../support/fakes.js'

/**
 * Waits on the fake clock for a run of `runMs` that starts when the wait starts. Each poll takes
 * `rttMs`, and sees the state at its midpoint, as a request does on the server. Returns the
 * number of polls and how late (server side) the last one saw the end.
 */
async function wait(runMs: number, rttMs = 0): Promise<{ polls: number; lagMs: number }> {
  const time = new FakeTime()
  const start = time.now
  let polls = 0
  let seenAt = 0
  const outcome = await pollUntil({
    what: 'command',
    fetch: async () => {
      polls++
      time.now += rttMs / 2
      seenAt = time.now
      const done = time.now - start >= runMs
      time.now += rttMs / 2
      return done
    },
    isDone: done => done,
    describe: done => (done ? 'Finished' : 'Running'),
    deadline: Deadline.after(time.clock, 3_600_000, '1h'),
    clock: time.clock,
    sleep: time.sleep,
    logger: new MemoryLogger()
  })
  expect(outcome.done).toBe(true)
  return { polls, lagMs: seenAt - start - runMs }
}

describe('the poll schedule', () => {
  it('grows with the time waited, between 100 ms and 10 s', () => {
    expect(pollGap(DEFAULT_SCHEDULE, 0)).toBe(100)
    expect(pollGap(DEFAULT_SCHEDULE, 700)).toBe(100)
    expect(pollGap(DEFAULT_SCHEDULE, 10_000)).toBe(1300)
    expect(pollGap(DEFAULT_SCHEDULE, 600_000)).toBe(10_000)
  })

  it('sees the end within max(150 ms, 15%) for runs of 0.2 s to 60 s, on any phase', async () => {
    for (let runMs = 200; runMs <= 60_000; runMs = Math.ceil(runMs * 1.037)) {
      const { lagMs } = await wait(runMs)
      expect({ runMs, ok: lagMs <= Math.max(150, 0.15 * runMs) }).toEqual({ runMs, ok: true })
    }
  })

  it('sees the end within 10 s of runs beyond a minute', async () => {
    for (const runMs of [61_000, 95_500, 300_000, 599_999, 3_000_000]) {
      expect((await wait(runMs)).lagMs).toBeLessThanOrEqual(10_000)
    }
  })

  it('makes at most 100 status calls for a 10-minute run', async () => {
    const { polls } = await wait(600_000)
    expect(polls).toBeLessThanOrEqual(100)
    expect(polls).toBeGreaterThan(60)
  })

  it('measures the gap from the start of one poll to the next, so a slow network adds no wait', async () => {
    const time = new FakeTime()
    let polls = 0
    await pollUntil({
      what: 'x',
      fetch: async () => {
        time.now += 150
        return ++polls
      },
      isDone: n => n === 4,
      describe: String,
      deadline: Deadline.after(time.clock, 60_000, '1m'),
      clock: time.clock,
      sleep: time.sleep,
      logger: new MemoryLogger()
    })
    // Each poll took longer than the 100 ms gap: they go back to back.
    expect(time.sleeps).toEqual([0, 0, 0])
  })

  it('keeps within 150 ms + one round trip on a 100 ms network for a 0.2 s run', async () => {
    const { lagMs } = await wait(200, 100)
    expect(lagMs).toBeLessThanOrEqual(150)
  })

  it('stops at the deadline and on cancel', async () => {
    const time = new FakeTime()
    const deadline = Deadline.after(time.clock, 1000, '1s')
    const base = {
      what: 'x',
      fetch: async () => 'Running',
      isDone: () => false,
      describe: String,
      deadline,
      clock: time.clock,
      sleep: time.sleep,
      logger: new MemoryLogger()
    }
    expect(await pollUntil(base)).toEqual({ done: false, last: 'Running' })
    expect(time.now).toBe(1_001_000)
    const controller = new AbortController()
    controller.abort()
    const again = { ...base, deadline: Deadline.after(time.clock, 1000, '1s') }
    await expect(pollUntil({ ...again, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError
    )
  })
})
