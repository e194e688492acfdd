import { DeadlineError, wrapError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import { isFinalCommandState, type ExecutionApi } from '../databricks/execution.js'
import type { PlannedCommand } from '../databricks/parameters.js'
import { parseResults } from '../databricks/results.js'

export interface PreludeDeps {
  clock: Clock
  sleep: Sleep
  logger: Logger
  signal?: AbortSignal
}

/**
 * Runs the command that defines `params` in the context, before the user's command, and fails
 * clearly if it did not work. Its id goes to `onStarted` like any command's, so a cancel or a
 * failure part way leaves post able to cancel it.
 */
export async function defineParameters(
  exec: ExecutionApi,
  contextId: string,
  prelude: PlannedCommand,
  deadline: Deadline,
  hooks: { onStarted(commandId: string): void; onEnded(): void },
  d: PreludeDeps
): Promise<void> {
  const call = { deadline, signal: d.signal }
  const doing = `Failed to define the parameters (params) in execution context ${contextId}`
  let commandId: string
  try {
    commandId = await exec.execute(contextId, prelude.language, prelude.source, call)
  } catch (e) {
    throw wrapError(doing, e)
  }
  hooks.onStarted(commandId)
  const outcome = await pollUntil({
    what: `command ${commandId} (parameters)`,
    fetch: () => exec.commandStatus(contextId, commandId, call),
    isDone: isFinalCommandState,
    describe: s => s.status,
    deadline,
    ...d
  }).catch((e: unknown) => {
    throw wrapError(doing, e)
  })
  if (!outcome.done)
    throw new DeadlineError(
      `Timed out after ${deadline.label} while defining the parameters in execution context ${contextId}.`
    )
  hooks.onEnded()
  const result = parseResults(outcome.value.results)
  if (outcome.value.status !== 'Finished' || result.type === 'error')
    throw new Error(
      `${doing}: the command ended ${outcome.value.status}${result.type === 'error' ? ` with ${result.message}` : ''}.`
    )
  d.logger.info(`Defined params (${prelude.language}) in execution context ${contextId}`)
}
