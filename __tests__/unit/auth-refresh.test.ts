import { describe, expect, it } from '@jest/globals'
import { CancelledError } from '../../src/common/errors.js'
import { Deadline } from '../../src/common/time.js'
import {
  RefreshingToken,
  renewBefore,
  type MintedToken
} from '../../src/databricks/auth/refreshing.js'
import { FakeTime, MemoryLogger } from '../support/fakes.js'

const S = 1000
const MIN = 60 * S

function setup(lifetimeMs: number, fail?: (n: number) => boolean) {
  const time = new FakeTime()
  const logger = new MemoryLogger()
  let n = 0
  const sent: { token: string; at: number; expiresAt: number }[] = []
  const expiries = new Map<string, number>()
  const r = new RefreshingToken({
    what: 'test token',
    clock: time.clock,
    logger,
    mint: async (): Promise<MintedToken> => {
      n++
      if (fail?.(n)) throw new Error(`endpoint down (${n})`)
      const token = `t${n}`
      const expiresAt = time.now + lifetimeMs
      expiries.set(token, expiresAt)
      return { headers: { Authorization: token }, expiresAt }
    }
  })
  const call = { deadline: Deadline.after(time.clock, 100 * 3600 * S, '100h') }
  /** One request every `everyMs` for `forMs`; records what was sent and when. */
  const requests = async (everyMs: number, forMs: number) => {
    const end = time.now + forMs
    while (time.now < end) {
      const token = (await r.headers(call)).Authorization ?? ''
      sent.push({ token, at: time.now, expiresAt: expiries.get(token) ?? 0 })
      await time.sleep(everyMs)
    }
  }
  return { time, logger, r, sent, requests, minted: () => n }
}

describe('renewBefore: less than half the life (at most 20 min) left, at least 40 s early', () => {
  it.each([
    [3600 * S, 20 * MIN],
    [30 * MIN, 15 * MIN],
    [5 * MIN, 150 * S],
    [100 * S, 50 * S],
    [60 * S, 40 * S],
    [20 * S, 15 * S],
    [2 * S, 1.5 * S]
  ])('lifetime %d ms → renew %d ms before expiry', (life, before) => {
    expect(renewBefore(life)).toBe(before)
  })
})

describe('RefreshingToken', () => {
  it('hour-long tokens: one mint per 40 minutes of 1-second requests, never one per request', async () => {
    const t = setup(3600 * S)
    await t.requests(S, 3 * 3600 * S)
    // 0, 40, 80, 120, 160 minutes.
    expect(t.minted()).toBe(5)
    expect(t.r.renewals).toBe(4)
    for (const s of t.sent) expect(s.expiresAt - s.at).toBeGreaterThan(20 * MIN - S)
  })

  it('20-second tokens for 3 minutes: renewed as needed, none sent expired or within its last quarter', async () => {
    const t = setup(20 * S)
    await t.requests(700, 3 * MIN)
    for (const s of t.sent) expect(s.expiresAt - s.at).toBeGreaterThanOrEqual(15 * S)
    expect(t.minted()).toBeLessThan(t.sent.length / 3)
    expect(t.minted()).toBeGreaterThanOrEqual(30)
  })

  it('a failed renewal keeps using a token that is still safe, then tries again', async () => {
    const t = setup(3600 * S, n => n === 2)
    await t.requests(MIN, 42 * MIN)
    expect(
      t.logger.lines.some(l =>
        /warning: Could not renew the test token \(endpoint down \(2\)\)/.test(l)
      )
    ).toBe(true)
    expect(t.sent.at(-1)?.token).toBe('t3')
  })

  it('a cancel during a renewal is never mistaken for a failure to shrug off', async () => {
    const time = new FakeTime()
    let n = 0
    const r = new RefreshingToken({
      what: 'test token',
      clock: time.clock,
      logger: new MemoryLogger(),
      mint: async () => {
        if (++n > 1) throw new CancelledError()
        return { headers: { Authorization: 't1' }, expiresAt: time.now + 3600 * S }
      }
    })
    const call = () => ({ deadline: Deadline.after(time.clock, 3600 * S, '1h') })
    await r.headers(call())
    time.now += 45 * MIN
    await expect(r.headers(call())).rejects.toBeInstanceOf(CancelledError)
  })

  it('a failed renewal of a token about to expire fails the request', async () => {
    const t = setup(100 * S, n => n > 1)
    await t.r.headers({ deadline: Deadline.after(t.time.clock, 3600 * S, '1h') })
    await t.time.sleep(80 * S)
    await expect(
      t.r.headers({ deadline: Deadline.after(t.time.clock, 3600 * S, '1h') })
    ).rejects.toThrow('endpoint down')
  })

  it('concurrent requests share one renewal; invalidate() forces the next', async () => {
    const t = setup(3600 * S)
    const call = { deadline: Deadline.after(t.time.clock, 3600 * S, '1h') }
    const all = await Promise.all([t.r.headers(call), t.r.headers(call), t.r.headers(call)])
    expect(all.map(h => h.Authorization)).toEqual(['t1', 't1', 't1'])
    t.r.invalidate()
    expect((await t.r.headers(call)).Authorization).toBe('t2')
  })

  it('refuses a token that arrives already expired', async () => {
    const time = new FakeTime()
    const r = new RefreshingToken({
      what: 'x token',
      clock: time.clock,
      logger: new MemoryLogger(),
      mint: async () => ({ headers: { Authorization: 'a' }, expiresAt: time.now })
    })
    await expect(r.headers({ deadline: Deadline.after(time.clock, 1000, '1s') })).rejects.toThrow(
      'the x token was already expired when it arrived'
    )
  })
})
