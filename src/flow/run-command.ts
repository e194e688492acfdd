import type { ClusterState } from '../databricks/clusters.js'
import { formatDuration } from '../common/duration.js'
import { CancelledError, DeadlineError, errorMessage } from '../common/errors.js'
import { JOB_CANCEL_BUDGET_MS, TIMEOUT_CANCEL_WAIT_MS } from '../common/limits.js'
import { pollUntil } from '../common/poll.js'
import { Deadline } from '../common/time.js'
import {
  ExecutionApi,
  isFinalCommandState,
  type FinalCommandState
} from '../databricks/execution.js'
import { parseResults } from '../databricks/results.js'
import { bindParameters } from '../databricks/parameters.js'
import type { RunPhase } from '../runner/report-words.js'
import { openNewContext } from './create-context.js'
import { defineParameters } from './parameters.js'
import { attachContext } from './shared-context.js'
import { verdict } from './outcome.js'
import type { RunDeps, RunHooks, RunOutcome, RunRequest } from './run-types.js'
import { cancelledExecute, step, unknownExecute, whatStopsIt } from './step.js'

export type { RunDeps, RunHooks, RunOutcome, RunRequest } from './run-types.js'

/**
 * Runs one command: in an earlier step's context (input context-id) or a new one, which is left
 * for the post step to destroy; defines `params` first when there are parameters.
 */
export async function runCommand(
  req: RunRequest,
  hooks: RunHooks,
  d: RunDeps
): Promise<RunOutcome> {
  const call = { deadline: req.deadline, signal: d.signal }
  const exec = new ExecutionApi(d.api, req.clusterId)
  // The cancel's own budget counts from the job cancel, whatever was awaited since.
  let cancelledAt: number | undefined
  const noteCancel = (): void => {
    cancelledAt ??= d.clock.now()
  }
  if (d.signal?.aborted) noteCancel()
  else d.signal?.addEventListener('abort', noteCancel, { once: true })
  const cancelBudget = (): number =>
    Math.max(1000, JOB_CANCEL_BUDGET_MS - (d.clock.now() - (cancelledAt ?? d.clock.now())))
  const where = `cluster ${req.clusterId}`
  /** An earlier step's context (input context-id): this step never destroys it. */
  const shared = req.contextId !== undefined
  let phaseStart = d.clock.now()
  const phaseEnded = (phase: RunPhase): void => {
    const now = d.clock.now()
    hooks.onPhaseEnded?.(phase, now - phaseStart)
    phaseStart = now
  }

  const bound = bindParameters(req.language, req.source, req.parameters)
  let contextId: string
  let clusterState: ClusterState | undefined
  if (req.contextId) {
    // Made by an earlier step, whose post destroys it: nothing is created here.
    contextId = req.contextId
    clusterState = await attachContext(exec, contextId, req.deadline, d)
    phaseEnded('context')
  } else {
    contextId = await openNewContext(exec, req, bound.contextLanguage, hooks, phaseEnded, d)
    // Only a running cluster accepts a context.
    clusterState = 'RUNNING'
    phaseEnded('context')
  }
  if (bound.prelude)
    await defineParameters(
      exec,
      contextId,
      bound.prelude,
      req.deadline,
      {
        onStarted: id => hooks.onParametersCommandStarted?.(id),
        onEnded: () => hooks.onCommandEnded()
      },
      { ...d, attached: shared }
    )

  const commandId = await step(
    `Failed to start the command in context ${contextId} on ${where}`,
    () => exec.execute(contextId, bound.command.language, bound.command.source, call),
    unknownExecute(shared),
    cancelledExecute(shared)
  )
  hooks.onCommandStarted(commandId)
  d.logger.info(`Started command ${commandId}`)

  let final: FinalCommandState
  try {
    const outcome = await step(`Failed while waiting for command ${commandId}`, () =>
      pollUntil({
        what: `command ${commandId}`,
        fetch: () => exec.commandStatus(contextId, commandId, call),
        isDone: isFinalCommandState,
        describe: s => s.status,
        deadline: req.deadline,
        ...d
      })
    )
    if (!outcome.done) {
      const budget = d.cancelWaitMs ?? TIMEOUT_CANCEL_WAIT_MS
      const after = await cancelAndWait(exec, contextId, commandId, budget, d)
      // A command that did not stop stays marked as running, so post cancels it again.
      if (after) hooks.onCommandEnded()
      throw new DeadlineError(
        `The command timed out after ${req.deadline.label} (the timeout input) and ${after ? 'was cancelled' : `did not stop within ${formatDuration(budget)} of being cancelled; ${shared ? 'the post step cancels it again, and ' : ''}${whatStopsIt(shared)}`}.`
      )
    }
    final = outcome.value
  } catch (e) {
    if (e instanceof CancelledError) {
      const stopped = await cancelAndWait(exec, contextId, commandId, cancelBudget(), d)
      if (stopped) hooks.onCommandEnded()
      throw new CancelledError(
        `The job was cancelled; command ${commandId} ${stopped ? 'was cancelled' : 'was asked to cancel'}.`
      )
    }
    throw e
  }
  hooks.onCommandEnded()
  phaseEnded('command')
  const result = parseResults(final.results, bound.command.language)
  return {
    contextId,
    commandId,
    result,
    ...verdict(commandId, final.status, final.results, result),
    clusterState
  }
}

/**
 * Asks the service to cancel and waits, within `budgetMs`, for a final state. Returns whether
 * the command stopped. Never throws: it runs on paths that are already failing.
 */
async function cancelAndWait(
  exec: ExecutionApi,
  contextId: string,
  commandId: string,
  budgetMs: number,
  d: RunDeps
): Promise<boolean> {
  // A fresh deadline, and no cancel signal: this work runs because of them.
  const call = { deadline: Deadline.after(d.clock, budgetMs, formatDuration(budgetMs)) }
  try {
    d.logger.info(`Cancelling command ${commandId}`)
    await exec.cancelCommand(contextId, commandId, call)
    const outcome = await pollUntil({
      what: `command ${commandId} to cancel`,
      fetch: () => exec.commandStatus(contextId, commandId, call),
      isDone: isFinalCommandState,
      describe: s => s.status,
      deadline: call.deadline,
      clock: d.clock,
      sleep: d.sleep,
      logger: d.logger
    })
    return outcome.done
  } catch (e) {
    d.logger.warning(`Could not cancel command ${commandId}: ${errorMessage(e)}`)
    return false
  }
}
