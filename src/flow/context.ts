import { formatDuration } from '../common/duration.js'
import { DeadlineError } from '../common/errors.js'
import { MAX_CONTEXTS_PER_CLUSTER } from '../common/limits.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import { ApiError } from '../databricks/api-error.js'
import type { ExecutionApi, Language } from '../databricks/execution.js'

/** dbt-databricks gives a context that ends in Error this many tries in all, and so do we. */
export const CONTEXT_ATTEMPTS = 5
/** How often to ask again for room at the context limit: gently, with jitter, capped. */
const ROOM_SCHEDULE = { initialMs: 1000, factor: 1.5, maxMs: 10_000 }
/** A progress line at most this often while waiting for room. */
const ROOM_PROGRESS_MS = 15_000

export interface ContextDeps {
  clock: Clock
  sleep: Sleep
  logger: Logger
  signal?: AbortSignal
  random?: () => number
}

export interface ContextRequest {
  language: Language
  deadline: Deadline
  /** Called just before each contexts/create is sent: a context may exist from then on. */
  onCreating(): void
  /** Called the moment a context exists, before anything else can fail. */
  onCreated(contextId: string): void
  /**
   * Wraps one contexts/create with what it was doing and what an unanswered one means.
   * `waitForCluster: false` gets a ClusterNotReadyException back at once (see CallOptions).
   */
  create(f: (waitForCluster: boolean) => Promise<string>): Promise<string>
  /** Wraps a phase's errors with what it was doing (run-command's `step`). */
  step<T>(doing: string, f: () => Promise<T>): Promise<T>
}

/**
 * Creates an execution context and waits until it runs. Two service behaviours are absorbed
 * here, both within the step's deadline:
 * - At the cluster's context limit with none idle, contexts/create fails and nothing is
 *   created; we wait for room and ask again, logging progress.
 * - Under load a context can end in Error; we destroy it and create another, up to
 *   CONTEXT_ATTEMPTS in all (the failed one did nothing, so a new one duplicates nothing).
 */
export async function openContext(
  exec: ExecutionApi,
  req: ContextRequest,
  d: ContextDeps
): Promise<string> {
  const where = `cluster ${exec.clusterId}`
  const call = { deadline: req.deadline, signal: d.signal }
  for (let attempt = 1; ; attempt++) {
    const contextId = await createWhenRoom(exec, req, d)
    req.onCreated(contextId)
    d.logger.info(`Created execution context ${contextId}; waiting for it to be ready`)
    const ctx = await req.step(
      `Failed while waiting for execution context ${contextId} on ${where}`,
      () =>
        pollUntil({
          what: `execution context ${contextId}`,
          fetch: () => exec.contextStatus(contextId, call),
          isDone: s => s !== 'Pending',
          describe: s => s,
          deadline: req.deadline,
          ...d
        })
    )
    if (!ctx.done) {
      throw new DeadlineError(
        `Timed out after ${req.deadline.label} waiting for execution context ${contextId} on ${where} (still ${ctx.last ?? 'Pending'}). The cluster may be overloaded; raise the timeout input or try again.`
      )
    }
    if (ctx.value === 'Running') return contextId
    const pause = Math.min(16_000, 1000 * 2 ** (attempt - 1))
    const failed = `Execution context ${contextId} on ${where} ended in state ${ctx.value}`
    if (attempt >= CONTEXT_ATTEMPTS || pause >= req.deadline.remaining()) {
      throw new Error(
        `${failed}${attempt > 1 ? ` (attempt ${attempt} of ${CONTEXT_ATTEMPTS})` : ''}; the cluster could not start a ${req.language} interpreter. A busy cluster does this; check the cluster's event log and driver logs, or run when it is less loaded.`
      )
    }
    d.logger.warning(
      `${failed} (attempt ${attempt} of ${CONTEXT_ATTEMPTS}; a busy cluster does this). Destroying it and creating another in ${formatDuration(pause)}.`
    )
    try {
      await exec.destroyContext(contextId, call)
    } catch (e) {
      // The post step only knows the latest context: say which one may be left.
      d.logger.warning(
        `Could not destroy execution context ${contextId} (${e instanceof Error ? e.message : String(e)}); the cluster evicts it when it needs room.`
      )
    }
    await d.sleep(pause, d.signal)
  }
}

/** contexts/create, waiting for room while the cluster is at its context limit. */
async function createWhenRoom(
  exec: ExecutionApi,
  req: ContextRequest,
  d: ContextDeps
): Promise<string> {
  const call = { deadline: req.deadline, signal: d.signal }
  const random = d.random ?? Math.random
  const started = d.clock.now()
  let nextProgress = started
  let delay = ROOM_SCHEDULE.initialMs
  for (let refused = 0; ; refused++) {
    try {
      req.onCreating()
      const id = await req.create(waitForCluster =>
        exec.createContext(req.language, { ...call, waitForCluster })
      )
      if (refused > 0)
        d.logger.info(
          `Cluster ${exec.clusterId} had room after ${formatDuration(d.clock.now() - started)} (${refused} refused)`
        )
      return id
    } catch (e) {
      // `create` wraps the service's answer; the refusal itself is the cause.
      const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : e
      if (!(refusal instanceof ApiError && refusal.tooManyContexts)) throw e
      // Jitter spreads the steps that wait together, so they do not all ask at once.
      const wait = delay / 2 + (random() * delay) / 2
      const waited = d.clock.now() - started
      if (wait >= req.deadline.remaining()) {
        throw new DeadlineError(
          `Timed out after ${req.deadline.label} waiting for room for an execution context on cluster ${exec.clusterId}: it holds its maximum (${MAX_CONTEXTS_PER_CLUSTER} by default) and none was idle for ${formatDuration(waited)} (${refused + 1} tries). Raise the timeout input, run fewer steps at once on this cluster, or use another cluster.`
        )
      }
      if (d.clock.now() >= nextProgress) {
        d.logger.info(
          `Cluster ${exec.clusterId} is at its execution context limit and none is idle (${refusal.serviceMessage}); waiting for room (${refused + 1} tries, ${formatDuration(waited)} so far)`
        )
        nextProgress = d.clock.now() + ROOM_PROGRESS_MS
      }
      await d.sleep(wait, d.signal)
      delay = Math.min(ROOM_SCHEDULE.maxMs, delay * ROOM_SCHEDULE.factor)
    }
  }
}
