import { formatDuration } from '../common/duration.js'
import { DeadlineError } from '../common/errors.js'
import type { Logger } from '../common/logger.js'
import { pollUntil } from '../common/poll.js'
import type { Clock, Deadline, Sleep } from '../common/time.js'
import { jsonBody, stringField, type CallOptions, type DatabricksApi } from './api.js'
import { ApiError } from './api-error.js'

export interface ClusterInfo {
  state: string
  stateMessage: string
  name: string
}

/** States in which a cluster accepts commands. */
const READY = new Set(['RUNNING', 'RESIZING'])
/** States that will become RUNNING without anyone's help. */
const COMING_UP = new Set(['PENDING', 'RESTARTING'])

export async function getCluster(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<ClusterInfo> {
  const answer = await api.get('/api/2.0/clusters/get', { cluster_id: clusterId }, call)
  return {
    state: stringField(answer, 'state', 'clusters/get'),
    stateMessage: typeof answer.state_message === 'string' ? answer.state_message : '',
    name: typeof answer.cluster_name === 'string' ? answer.cluster_name : ''
  }
}

/** "PENDING (Starting Spark)": the state with the service's own words on it. */
function describe(info: ClusterInfo): string {
  return info.stateMessage ? `${info.state} (${info.stateMessage})` : info.state
}

export interface EnsureClusterOptions {
  api: DatabricksApi
  clusterId: string
  startCluster: boolean
  deadline: Deadline
  clock: Clock
  sleep: Sleep
  signal?: AbortSignal
  logger: Logger
}

/** Cluster start is slow (minutes); poll it gently. */
const CLUSTER_SCHEDULE = { initialMs: 1000, factor: 1.5, maxMs: 10_000 }

/**
 * Makes sure the cluster accepts commands: returns at once when it does, waits when it is
 * coming up, starts it when it is TERMINATED and `startCluster` allows, and fails otherwise.
 */
export async function ensureClusterReady(o: EnsureClusterOptions): Promise<ClusterInfo> {
  const call = { deadline: o.deadline, signal: o.signal }
  let info = await getCluster(o.api, o.clusterId, call)
  if (READY.has(info.state)) return info
  if (info.state === 'TERMINATED' || info.state === 'TERMINATING') {
    if (!o.startCluster) {
      throw new Error(
        `Cluster ${o.clusterId} is ${describe(info)}. ` +
          `Set the input start-cluster: true to start it, or start it in the workspace first.`
      )
    }
    o.logger.info(`Cluster ${o.clusterId} is ${info.state}; starting it (start-cluster: true)`)
    try {
      await o.api.post('/api/2.0/clusters/start', jsonBody({ cluster_id: o.clusterId }), true, call)
    } catch (e) {
      // Someone else started it between our look and our start: that is what we wanted.
      if (!(e instanceof ApiError && e.errorCode === 'INVALID_STATE')) throw e
    }
  } else if (!COMING_UP.has(info.state)) {
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
