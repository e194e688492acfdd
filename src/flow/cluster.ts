import { formatDuration } from '../common/duration.js'
import { DeadlineError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil, type PollOutcome } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { CallOptions, DatabricksApi } from '../databricks/api.js'
import { ApiError } from '../databricks/api-error.js'
import {
  clusterReadiness,
  describeCluster as describe,
  getCluster,
  startCluster,
  type ClusterInfo,
  type ClusterState
} from '../databricks/clusters.js'

export interface EnsureClusterOptions {
  api: DatabricksApi
  clusterId: string
  startCluster: boolean
  deadline: Deadline
  clock: Clock
  sleep: Sleep
  signal?: AbortSignal
  logger: Logger
  /** Called once the service accepted our start (so post knows this step started it). */
  onStarted?: () => void
  /** Called with each state read, so the step can report the last one even when it fails. */
  onSeen?: (state: ClusterState) => void
}

/** clusters/get, telling `onSeen` what it saw. */
export async function lookAtCluster(
  o: Pick<EnsureClusterOptions, 'api' | 'clusterId' | 'onSeen'>,
  call: CallOptions
): Promise<ClusterInfo> {
  const info = await getCluster(o.api, o.clusterId, call)
  o.onSeen?.(info.state)
  return info
}

/** Cluster start is slow (minutes); poll it gently. */
const CLUSTER_SCHEDULE = { minMs: 1000, fraction: 0.5, maxMs: 10_000 }

/** Polls clusters/get gently until `isDone`, with a progress line every 15 s. */
function pollCluster(
  o: EnsureClusterOptions,
  what: string,
  isDone: (c: ClusterInfo) => boolean
): Promise<PollOutcome<ClusterInfo>> {
  const call = { deadline: o.deadline, signal: o.signal }
  return pollUntil({
    what: `cluster ${o.clusterId} ${what}`,
    fetch: () => lookAtCluster(o, call),
    isDone,
    describe,
    deadline: o.deadline,
    clock: o.clock,
    sleep: o.sleep,
    signal: o.signal,
    logger: o.logger,
    schedule: CLUSTER_SCHEDULE,
    progressEveryMs: 15_000
  })
}

/**
 * The service refuses to start a cluster until it is TERMINATED (INVALID_STATE), so a
 * TERMINATING one is waited out first. Returns the cluster as it is then.
 */
async function waitTerminated(o: EnsureClusterOptions, info: ClusterInfo): Promise<ClusterInfo> {
  o.logger.info(
    `Cluster ${o.clusterId} is ${describe(info)}; waiting for it to be TERMINATED before starting it (Databricks cannot start a cluster that is still terminating)`
  )
  const outcome = await pollCluster(o, 'to finish terminating', c => c.state !== 'TERMINATING')
  if (!outcome.done) {
    throw new DeadlineError(
      `Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to finish terminating before starting it. Raise the timeout input, or start the cluster once it is TERMINATED.`
    )
  }
  return outcome.value
}

/**
 * Makes sure the cluster accepts commands: returns at once when it does, waits when it is
 * coming up, starts it when it is TERMINATED and `startCluster` allows, and fails otherwise.
 */
export async function ensureClusterReady(o: EnsureClusterOptions): Promise<ClusterInfo> {
  const call = { deadline: o.deadline, signal: o.signal }
  let info = await lookAtCluster(o, call)
  if (clusterReadiness(info.state) === 'ready') return info
  if (info.state === 'TERMINATING' && o.startCluster) info = await waitTerminated(o, info)
  const readiness = clusterReadiness(info.state)
  if (readiness === 'stopped') {
    if (!o.startCluster) {
      throw new Error(
        `Cluster ${o.clusterId} is ${describe(info)}. ` +
          `Set the input start-cluster: true to start it, or start it in the workspace first.`
      )
    }
    o.logger.info(`Cluster ${o.clusterId} is ${info.state}; starting it (start-cluster: true)`)
    try {
      await startCluster(o.api, o.clusterId, call)
      o.onStarted?.()
    } catch (e) {
      // Someone else started it between our look and our start: that is what we wanted.
      if (!(e instanceof ApiError && e.invalidState)) throw refusedChange(e, 'start', o.clusterId)
      o.logger.info(`Cluster ${o.clusterId} was already starting (${e.serviceMessage})`)
    }
  } else if (readiness !== 'coming-up') {
    throw new Error(`Cluster ${o.clusterId} is in state ${describe(info)} and cannot run commands.`)
  }
  const started = o.clock.now()
  const outcome = await pollCluster(
    o,
    'to start',
    c => clusterReadiness(c.state) === 'ready' || c.state === 'TERMINATED' || c.state === 'ERROR'
  )
  if (!outcome.done) {
    throw new DeadlineError(
      `Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to start (last state ${outcome.last?.state ?? 'unknown'}). Raise the timeout input or start the cluster ahead of the job.`
    )
  }
  info = outcome.value
  if (clusterReadiness(info.state) !== 'ready') {
    throw new Error(`Cluster ${o.clusterId} did not start: it is ${describe(info)}.`)
  }
  o.logger.info(
    `Cluster ${o.clusterId} is ${info.state} after ${formatDuration(o.clock.now() - started)}`
  )
  return info
}

/** Starting or terminating needs more than running code does; a refusal says which permission. */
export function refusedChange(e: unknown, what: 'start' | 'terminate', clusterId: string): unknown {
  if (!(e instanceof ApiError && e.permissionDenied)) return e
  return new Error(
    `Databricks refused to ${what} cluster ${clusterId}: ${e.message}. To ${what} a cluster the identity needs the CAN RESTART permission on it (CAN ATTACH TO only runs code): ask a workspace admin to grant it, or ${what === 'start' ? 'start the cluster ahead of the job' : 'let its auto-termination stop it'}.`,
    { cause: e }
  )
}
