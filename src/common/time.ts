import { CancelledError } from './errors.js'

/** Source of the current time in milliseconds; injected so tests control time. */
export interface Clock {
  now(): number
}

/** Waits `ms` milliseconds; rejects with CancelledError as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const systemClock: Clock = { now: () => Date.now() }

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError())
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new CancelledError())
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms)
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** A point in time after which the step must stop waiting. */
export class Deadline {
  constructor(
    private readonly clock: Clock,
    readonly at: number,
    /** The budget as the user wrote it, for messages ("30m"). */
    readonly label: string
  ) {}

  static after(clock: Clock, ms: number, label: string): Deadline {
    return new Deadline(clock, clock.now() + ms, label)
  }

  remaining(): number {
    return Math.max(0, this.at - this.clock.now())
  }
}
