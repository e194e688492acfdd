import { formatDuration } from './duration.js'
import type { Logger } from './logger.js'
import type { Clock, Deadline, Sleep } from './time.js'

/** How often to ask: start fast so a quick command is seen at once, then back off. */
export interface PollSchedule {
  initialMs: number
  factor: number
  maxMs: number
}

/**
 * 100 ms, 130 ms, 169 ms, ... capped at 5 s. A command is seen at most ~30% of its run time
 * (5 s at most) after it ends; npm run bench measured x1.5 overshooting by half.
 */
export const DEFAULT_SCHEDULE: PollSchedule = { initialMs: 100, factor: 1.3, maxMs: 5000 }

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
  let delay = schedule.initialMs
  let last: T | undefined
  for (;;) {
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
    await o.sleep(Math.min(delay, remaining), o.signal)
    delay = Math.min(schedule.maxMs, delay * schedule.factor)
  }
}
