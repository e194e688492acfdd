/**
 * The 10-minute command on a fake clock: how many status calls each client makes, and how late
 * it sees the end. Ours runs the real pollUntil with an injected clock and sleep. The SDK's
 * waiter sleeps with real timers, so its schedule is computed from its own retry policy object
 * (`retries.DEFAULT_RETRY_CONFIG.waitTime(attempt)`: attempt seconds plus 50-750 ms of jitter,
 * capped at 10 s, after an immediate first call), averaged over random draws.
 */
import { retries } from '@databricks/sdk-experimental'
import { pollUntil } from '../src/common/poll.js'
import { silentLogger } from '../src/common/logger.js'
import { Deadline, type Clock, type Sleep } from '../src/common/time.js'

export interface FakeClockCount {
  client: 'action' | 'sdk'
  rttMs: number
  seconds: number
  statusCalls: number
  /** From the end to the client holding the final status (server lag + half a round trip). */
  detectionMs: number
}

/** Each status call takes one round trip and sees the state at its midpoint. */
async function ours(runMs: number, rttMs: number): Promise<{ calls: number; lagMs: number }> {
  let now = 0
  const clock: Clock = { now: () => now }
  const sleep: Sleep = ms => {
    now += ms
    return Promise.resolve()
  }
  let calls = 0
  let seenAt = 0
  await pollUntil({
    what: 'command',
    fetch: () => {
      calls++
      now += rttMs / 2
      seenAt = now
      const done = now >= runMs
      now += rttMs / 2
      return Promise.resolve(done)
    },
    isDone: done => done,
    describe: String,
    deadline: Deadline.after(clock, 2 * runMs, 'bench'),
    clock,
    sleep,
    logger: silentLogger
  })
  return { calls, lagMs: seenAt - runMs + rttMs / 2 }
}

function sdkOnce(runMs: number, rttMs: number): { calls: number; lagMs: number } {
  let now = 0
  for (let attempt = 1; ; attempt++) {
    const seenAt = now + rttMs / 2
    now += rttMs
    if (seenAt >= runMs) return { calls: attempt, lagMs: seenAt - runMs + rttMs / 2 }
    now += retries.DEFAULT_RETRY_CONFIG.waitTime(attempt).toMillSeconds().value
  }
}

export async function fakeClockCounts(seconds: number, rtts: number[]): Promise<FakeClockCount[]> {
  const runMs = seconds * 1000
  const out: FakeClockCount[] = []
  for (const rttMs of rtts) {
    const a = await ours(runMs, rttMs)
    out.push({ client: 'action', rttMs, seconds, statusCalls: a.calls, detectionMs: a.lagMs })
    const draws = Array.from({ length: 50 }, () => sdkOnce(runMs, rttMs))
    const mean = (f: (d: { calls: number; lagMs: number }) => number): number =>
      draws.reduce((s, d) => s + f(d), 0) / draws.length
    out.push({
      client: 'sdk',
      rttMs,
      seconds,
      statusCalls: Math.round(mean(d => d.calls)),
      detectionMs: mean(d => d.lagMs)
    })
  }
  return out
}
