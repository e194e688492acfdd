import { MAX_CONTEXTS_PER_CLUSTER } from '../common/limits.js'
import type { FinalCommandStatus, RawResults } from '../databricks/execution.js'
import {
  commandErrorMessage,
  isCancellation,
  isContextShutdown,
  type CommandResult
} from '../databricks/results.js'

/** What became of a command, in the action's words. */
export interface Verdict {
  /** Finished, Error or Cancelled (also for Finished + CommandCancelledException). */
  status: FinalCommandStatus
  /** Why the step should fail, or undefined when the command succeeded. */
  failure?: string
}

/** Said when a context is shut down under its command. */
const SHUTDOWN_WHY = `its execution context was shut down while it ran. Databricks does this when the cluster restarts or terminates, or when it evicts the context to make room (a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER}). Run the step again once the cluster is RUNNING`

/** Reads a command's final status and result as the step reports them. */
export function verdict(
  commandId: string,
  status: FinalCommandStatus,
  raw: RawResults,
  result: CommandResult
): Verdict {
  if (isContextShutdown(raw)) {
    return { status: 'Cancelled', failure: `Command ${commandId} did not finish: ${SHUTDOWN_WHY}.` }
  }
  if (status === 'Cancelled' || isCancellation(raw)) {
    const why = result.type === 'error' ? `: ${result.message}` : ''
    return {
      status: 'Cancelled',
      failure: `Command ${commandId} was cancelled outside this step${why}`
    }
  }
  if (status === 'Error') {
    // The service may say why in results.data rather than in an error result.
    const why = commandErrorMessage(raw)
    return {
      status,
      failure: `Command ${commandId} ended with status Error${why ? `: ${why}` : ''}`
    }
  }
  if (result.type === 'error') return { status, failure: result.message }
  return { status }
}
