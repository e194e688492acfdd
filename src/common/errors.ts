/** The message of anything thrown, without assuming it is an Error. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === 'string') return e
  try {
    return JSON.stringify(e)
  } catch {
    return String(e)
  }
}

/** A problem with the step's inputs: reported before any API call is made. */
export class InputError extends Error {
  override name = 'InputError'
}

/** The step's deadline (the `timeout` input) passed. */
export class DeadlineError extends Error {
  override name = 'DeadlineError'
}

/** The job was cancelled (the runner sent SIGINT or SIGTERM). */
export class CancelledError extends Error {
  override name = 'CancelledError'
  constructor(message = 'The job was cancelled') {
    super(message)
  }
}

/** Wraps an error with what the caller was doing, keeping the original words at the end. */
export function wrapError(doing: string, e: unknown): Error {
  if (e instanceof CancelledError || e instanceof DeadlineError) return e
  const wrapped = new Error(`${doing}: ${errorMessage(e)}`, { cause: e })
  return wrapped
}
