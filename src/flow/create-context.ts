import { ApiError } from '../databricks/api-error.js'
import { clusterReadiness } from '../databricks/clusters.js'
import { ensureClusterReady, lookAtCluster, type EnsureClusterOptions } from './cluster.js'
import { CANCELLED_CREATE, step, UNKNOWN_CREATE } from './step.js'
import { CancelledError } from '../common/errors.js'
import type { ExecutionApi, Language } from '../databricks/execution.js'
import type { RunPhase } from '../runner/report-words.js'
import { openContext } from './context.js'
import type { RunDeps, RunHooks, RunRequest } from './run-types.js'

/**
 * Creates the context without looking at the cluster first: a cluster that cannot take one
 * refuses the create with an answer and creates nothing, so a check before every create would
 * cost every run a round trip to help only the runs that need a cluster started. Only on such
 * a refusal is the cluster checked (and started or waited for, as the inputs allow); the create
 * is then sent again, which duplicates nothing: no context exists on a cluster that is not
 * running. A create that got no answer at all is never repeated, and a refusal at the context
 * limit is left to the caller's wait for room.
 *
 * `create(waitForCluster)` sends one contexts/create, wrapped with its step and hooks.
 */
export async function createOnReadyCluster(
  create: (waitForCluster: boolean) => Promise<string>,
  o: EnsureClusterOptions
): Promise<string> {
  const where = `cluster ${o.clusterId}`
  const call = { deadline: o.deadline, signal: o.signal }
  try {
    // A ClusterNotReadyException comes back at once here, so a stopped cluster is seen at once.
    return await create(false)
  } catch (e) {
    const refusal = e instanceof Error && e.cause instanceof ApiError ? e.cause : undefined
    if (!refusal || refusal.tooManyContexts) throw e
    const info = await step(`Failed to check ${where}`, () => lookAtCluster(o, call))
    // A running cluster that refused for another reason: that answer stands. A running one
    // that is not ready yet (libraries installing) is waited out by the create itself.
    if (clusterReadiness(info.state) === 'ready') {
      if (!refusal.clusterNotReady) throw e
    } else {
      await step(`Failed to check ${where}`, () => ensureClusterReady(o))
    }
    return create(true)
  }
}

/**
 * Opens this step's own context: created at once, the cluster looked at only if the create is
 * refused (above), at the context limit waiting for room (context.ts). Ends the cluster phase
 * as soon as a create is accepted or the cluster wait is over.
 */
export function openNewContext(
  exec: ExecutionApi,
  req: RunRequest,
  language: Language,
  hooks: RunHooks,
  phaseEnded: (phase: RunPhase) => void,
  d: RunDeps
): Promise<string> {
  const where = `cluster ${req.clusterId}`
  // The cluster is known ready when a create is accepted, or when the wait that a refused
  // create led to is over (above): there is no check before the create.
  let clusterReady = false
  const clusterPhaseEnded = (): void => {
    if (!clusterReady) phaseEnded('cluster')
    clusterReady = true
  }
  return openContext(
    exec,
    {
      language: language,
      deadline: req.deadline,
      // Marked in `create` below, before each contexts/create (the first, and one after a
      // cluster start).
      onCreating: () => {},
      onCreated: id => hooks.onContextCreated(id),
      // No cluster check before the create: only a refusal leads to one.
      create: f =>
        createOnReadyCluster(
          waitForCluster => {
            if (waitForCluster) clusterPhaseEnded()
            hooks.onCreatingContext?.()
            return step(
              `Failed to create a ${language} execution context on ${where}`,
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
}
