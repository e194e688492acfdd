import { formatDuration } from '../common/duration.js'
import { DeadlineError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import type { DatabricksApi } from '../databricks/api.js'
import { ApiError } from '../databricks/api-error.js'
import {
  COMING_UP_CLUSTER_STATES,
  READY_CLUSTER_STATES,
  STOPPED_CLUSTER_STATES,
  describeCluster as describe,
  getCluster,
  startCluster,
  type ClusterInfo
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
}

/** Cluster start is slow (minutes); poll it gently. */
const CLUSTER_SCHEDULE = { initialMs: 1000, factor: 1.5, maxMs: 10_000 }

const READY = READY_CLUSTER_STATES

/**
 * Makes sure the cluster accepts commands: returns at once when it does, waits when it is
 * coming up, starts it when it is TERMINATED and `startCluster` allows, and fails otherwise.
 */
export async function ensureClusterReady(o: EnsureClusterOptions): Promise<ClusterInfo> {
  const call = { deadline: o.deadline, signal: o.signal }
  let info = await getCluster(o.api, o.clusterId, call)
  if (READY.has(info.state)) return info
  if (STOPPED_CLUSTER_STATES.has(info.state)) {
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
    }
  } else if (!COMING_UP_CLUSTER_STATES.has(info.state)) {
    throw new Error(`Cluster ${o.clusterId} is in state ${describe(info)} and cannot run commands.`)
  }
  const started = o.clock.now()
  const outcome = await pollUntil({
    what: `cluster ${o.clusterId} to start`,
    fetch: () => getCluster(o.api, o.clusterId, call),
    isDone: c => READY.has(c.state) || c.state === 'TERMINATED' || c.state === 'ERROR',
    describe,
    deadline: o.deadline,
    clock: o.clock,
    sleep: o.sleep,
    signal: o.signal,
    logger: o.logger,
    schedule: CLUSTER_SCHEDULE,
    progressEveryMs: 15_000
  })
  if (!outcome.done) {
    throw new DeadlineError(
      `Timed out after ${o.deadline.label} waiting for cluster ${o.clusterId} to start (last state ${outcome.last?.state ?? 'unknown'}). Raise the timeout input or start the cluster ahead of the job.`
    )
  }
  info = outcome.value
  if (!READY.has(info.state)) {
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
