import type { RunPhase } from '../runner/report-words.js'
import { formatDuration } from '../common/duration.js'
import { CancelledError, DeadlineError, errorMessage } from '../common/errors.js'
import { JOB_CANCEL_BUDGET_MS, TIMEOUT_CANCEL_WAIT_MS } from '../common/limits.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import { Deadline, type Clock, type Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import {
  ExecutionApi,
  isFinalCommandState,
  type CommandSource,
  type FinalCommandState,
  type FinalCommandStatus,
  type Language
} from '../databricks/execution.js'
import { parseResults, type CommandResult } from '../databricks/results.js'
import { bindParameters, type Parameters } from '../databricks/parameters.js'
import { createOnReadyCluster } from './create-context.js'
import { defineParameters } from './parameters.js'
import { attachContext } from './shared-context.js'
import { openContext } from './context.js'
import { verdict } from './outcome.js'
import {
  CANCELLED_CREATE,
  cancelledExecute,
  step,
  UNKNOWN_CREATE,
  unknownExecute,
  whatStopsIt
} from './step.js'

export interface RunRequest {
  clusterId: string
  language: Language
  source: CommandSource
  startCluster: boolean
  deadline: Deadline
  /** Run in this existing context (an earlier step's) instead of creating one. */
  contextId?: string
  /** Handed to the code as data: defined in the context before the command runs. */
  parameters?: Parameters
}

/** Called as ids appear, so the runner layer can save them before anything else can fail. */
export interface RunHooks {
  /** Just before contexts/create is sent: a context may exist from now on. */
  onCreatingContext?(): void
  /**
   * contexts/create failed and main says so itself (an error answer, or no answer with its own
   * advice): post need not warn as for a main stopped in mid-create (a cancel).
   */
  onCreateFailed?(): void
  onContextCreated(contextId: string): void
  /** The user's command was accepted; it may run until onCommandEnded. */
  onCommandStarted(commandId: string): void
  /** The command that defines `params` was accepted: post must cancel it if it still runs. */
  onParametersCommandStarted?(commandId: string): void
  /** The command last started (the user's, or the one defining `params`) reached its end. */
  onCommandEnded(): void
  /** The service accepted this step's start of the cluster. */
  onClusterStarted?(): void
  /** The cluster was read in this state (only when the step had reason to look at it). */
  onClusterSeen?(state: string): void
  /** A phase completed after `durationMs`; a phase that fails is the first one not reported. */
  onPhaseEnded?(phase: RunPhase, durationMs: number): void
}

export interface RunDeps {
  api: DatabricksApi
  clock: Clock
  sleep: Sleep
  logger: Logger
  /** Aborts when the job is cancelled. */
  signal?: AbortSignal
  /** How long to wait for a cancel to take effect after a timeout. */
  cancelWaitMs?: number
}

export interface RunOutcome {
  contextId: string
  commandId: string
  /** The command's final status; `Cancelled` also for Finished + CommandCancelledException. */
  status: FinalCommandStatus
  result: CommandResult
  /** The cluster's state as last seen by the step ('' when it could not be read). */
  clusterState?: string
  /** Why the step should fail (an error result, a cancel, a shut-down context, status Error). */
  failure?: string
}

/** Runs one command in a fresh context. The context is left for the post step to destroy. */
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
  let clusterState: string
  if (req.contextId) {
    // Made by an earlier step, whose post destroys it: nothing is created here.
    contextId = req.contextId
    clusterState = await attachContext(exec, contextId, req.deadline, d)
    phaseEnded('context')
  } else {
    // The cluster is known ready when a create is accepted, or when the wait that a refused
    // create led to is over (create-context.ts): there is no check before the create.
    let clusterReady = false
    const clusterPhaseEnded = (): void => {
      if (!clusterReady) phaseEnded('cluster')
      clusterReady = true
    }
    contextId = await openContext(
      exec,
      {
        language: bound.contextLanguage,
        deadline: req.deadline,
        // Marked in `create` below, before each contexts/create (the first, and one after a
        // cluster start).
        onCreating: () => {},
        onCreated: id => hooks.onContextCreated(id),
        // No cluster check before the create: only a refusal leads to one (create-context.ts).
        create: f =>
          createOnReadyCluster(
            waitForCluster => {
              if (waitForCluster) clusterPhaseEnded()
              hooks.onCreatingContext?.()
              return step(
                `Failed to create a ${bound.contextLanguage} execution context on ${where}`,
                () =>
                  f(waitForCluster).then(
                    id => (clusterPhaseEnded(), id),
                    (e: unknown) => {
                      // Refused (the limit included): no context came of this create.
                      if (!(e instanceof CancelledError)) hooks.onCreateFailed?.()
                      throw e
                    }
                  ),
                UNKNOWN_CREATE,
                CANCELLED_CREATE
              )
            },
            {
              ...d,
              clusterId: req.clusterId,
              startCluster: req.startCluster,
              deadline: req.deadline,
              onStarted: () => hooks.onClusterStarted?.(),
              onSeen: state => hooks.onClusterSeen?.(state)
            }
          ),
        step
      },
      d
    )
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
