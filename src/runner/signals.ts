import * as core from '@actions/core'

/**
 * Turns the runner's cancel (SIGINT, then SIGTERM 7.5 s later) into an AbortSignal. Node's
 * default would exit at once and leave the remote command running; with a handler installed
 * the process lives on long enough to cancel it.
 */
export function watchJobCancel(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const handler = (name: NodeJS.Signals): void => {
    if (!controller.signal.aborted) core.info(`Received ${name}: the job is being cancelled`)
    controller.abort()
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    }
  }
}

/**
 * Keeps the process alive through the runner's cancel signals while `onSignal` notes them:
 * for work that a cancel itself wants finished (the post step's cleanup).
 */
export function holdOffCancel(onSignal: () => void): { dispose(): void } {
  const handler = (): void => onSignal()
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    }
  }
}
