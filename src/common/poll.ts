import { formatDuration } from './duration.js'
import type { Logger } from './logger.js'
import type { Clock, Deadline, Sleep } from './time.js'

/**
 * How often to ask. The gap between the starts of two polls is `fraction` of the time waited so
 * far, at least `minMs` and at most `maxMs`. Measuring from start to start (not from the answer)
 * means a slow network does not stretch the gap: on a 100 ms round trip with a 100 ms gap the
 * polls simply go back to back.
 */
export interface PollSchedule {
  minMs: number
  fraction: number
  maxMs: number
}

/**
 * A final state is seen at most 13% of the run time after it happens (100 ms for the first
 * 0.77 s, 10 s from 77 s on): within 15% for runs of 0.2 s to 60 s, and 99 polls for a
 * 10-minute run (the SDK's waiter makes about 65, and sees the end up to 10 s late).
 * `npm run bench` measures both on the same server.
 */
export const DEFAULT_SCHEDULE: PollSchedule = { minMs: 100, fraction: 0.13, maxMs: 10_000 }

/** The gap before the next poll, `elapsedMs` after the wait began. */
export function pollGap(s: PollSchedule, elapsedMs: number): number {
  return Math.min(s.maxMs, Math.max(s.minMs, s.fraction * elapsedMs))
}

export interface PollOptions<T> {
  /** Names what is awaited in progress lines, e.g. "command 1a2b". */
  what: string
  fetch: () => Promise<T>
  isDone: (value: T) => boolean
  /** A short state for progress lines, e.g. "Running". */
  describe: (value: T) => string
  deadline: Deadline
  clock: Clock
  sleep: Sleep
  signal?: AbortSignal
  logger: Logger
  schedule?: PollSchedule
  /** A progress line is logged at most this often while waiting. */
  progressEveryMs?: number
}

/** `value` is what ended the wait: narrowed to `D` when `isDone` is a type guard. */
export type PollOutcome<T, D extends T = T> =
  { done: true; value: D } | { done: false; last: T | undefined }

/**
 * Calls `fetch` until `isDone` holds or the deadline passes. Never sleeps past the deadline.
 * Rejects with CancelledError when the signal aborts, and with whatever `fetch` rejects with.
 */
export function pollUntil<T, D extends T>(
  o: PollOptions<T> & { isDone: (value: T) => value is D }
): Promise<PollOutcome<T, D>>
export function pollUntil<T>(o: PollOptions<T>): Promise<PollOutcome<T>>
export async function pollUntil<T>(o: PollOptions<T>): Promise<PollOutcome<T>> {
  const schedule = o.schedule ?? DEFAULT_SCHEDULE
  const progressEvery = o.progressEveryMs ?? 30_000
  const started = o.clock.now()
  let nextProgress = started + progressEvery
  let last: T | undefined
  for (;;) {
    const asked = o.clock.now()
    last = await o.fetch()
    if (o.isDone(last)) return { done: true, value: last }
    const now = o.clock.now()
    if (now >= nextProgress) {
      o.logger.info(
        `Waiting for ${o.what}: ${o.describe(last)} after ${formatDuration(now - started)}`
      )
      nextProgress = now + progressEvery
    }
    const remaining = o.deadline.remaining()
    if (remaining <= 0) return { done: false, last }
    const wait = asked + pollGap(schedule, asked - started) - now
    // Yield at least once (sleep 0) so a cancel between back-to-back polls is noticed.
    await o.sleep(Math.min(Math.max(0, wait), remaining), o.signal)
  }
}
