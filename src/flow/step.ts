import { CancelledError, wrapError } from '../common/errors.js'
import { MAX_CONTEXTS_PER_CLUSTER, UNANSWERED_CALL_GRACE_MS } from '../common/limits.js'
import { ApiError } from '../databricks/api-error.js'
import { TransportError } from '../databricks/transport.js'

/** Said when a create got no answer: it was not repeated, since a repeat could leak a second. */
export const UNKNOWN_CREATE =
  'no answer came back, so the service may have created the context anyway; it was not retried, to avoid creating two. API 1.2 cannot list contexts: an idle one is evicted when the cluster needs room'
/**
 * What stops a command this step cannot cancel itself: its own context's destroy in post, or,
 * in an earlier step's context (input context-id), that step's post at the end of the job.
 */
export function whatStopsIt(sharedContext: boolean): string {
  return sharedContext
    ? "the step that created the context (input context-id) destroys it when the job ends, which stops it; until then this context's later commands wait behind it"
    : 'the post step destroys its context, which stops it'
}

/** Said when an execute got no answer: repeating it could run the code twice. */
export function unknownExecute(sharedContext: boolean): string {
  return `no answer came back, so the command may have started; it was not retried, to avoid running it twice. ${capitalised(whatStopsIt(sharedContext))}`
}

/** Said when the job was cancelled while a create had no answer yet. */
export const CANCELLED_CREATE = `The job was cancelled while contexts/create had no answer; after waiting ${UNANSWERED_CALL_GRACE_MS / 1000} s for it the step stopped, to end inside the runner's kill window. The service may have created an execution context that this step cannot destroy: API 1.2 cannot list contexts, and the cluster evicts idle ones when it needs room (a restart removes them all).`
/** Said when the job was cancelled while an execute had no answer yet. */
export function cancelledExecute(sharedContext: boolean): string {
  return `The job was cancelled while commands/execute had no answer; after waiting ${UNANSWERED_CALL_GRACE_MS / 1000} s for it the step stopped, to end inside the runner's kill window. The command may have started; ${whatStopsIt(sharedContext)}.`
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Runs one phase, adding what it was doing to any error (and a hint for known causes). */
export async function step<T>(
  doing: string,
  f: () => Promise<T>,
  ifUnknown?: string,
  ifCancelled?: string
): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (ifCancelled && e instanceof CancelledError) throw new CancelledError(ifCancelled)
    const wrapped = wrapError(doing, e)
    // The request went out and no answer came back: the service may have acted on it.
    if (ifUnknown && e instanceof TransportError && !e.neverSent) {
      wrapped.message += ` (${ifUnknown})`
    }
    if (e instanceof ApiError && e.evicted) {
      wrapped.message += ` (the context was evicted: a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER} execution contexts and drops idle ones, or it restarted)`
    }
    if (e instanceof ApiError && e.unauthorized) {
      wrapped.message +=
        ' (the credentials were refused: check that the token or password is valid, has not expired, and may use this cluster)'
    }
    throw wrapped
  }
}
