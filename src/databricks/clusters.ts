import { enumField, jsonBody, type CallOptions, type DatabricksApi } from './api.js'

/** A cluster's state, as clusters/get reports it. */
export const CLUSTER_STATES = [
  'PENDING',
  'RUNNING',
  'RESTARTING',
  'RESIZING',
  'TERMINATING',
  'TERMINATED',
  'ERROR',
  'UNKNOWN'
] as const
export type ClusterState = (typeof CLUSTER_STATES)[number]

export interface ClusterInfo {
  state: ClusterState
  stateMessage: string
  name: string
}

/** What a cluster in `state` can do now, and what it will do without anyone's help. */
export type ClusterReadiness =
  /** Accepts commands. */
  | 'ready'
  /** Will be ready on its own. */
  | 'coming-up'
  /** Rests until someone starts it. */
  | 'stopped'
  /** Cannot run commands. */
  | 'broken'

export function clusterReadiness(state: ClusterState): ClusterReadiness {
  switch (state) {
    case 'RUNNING':
    case 'RESIZING':
      return 'ready'
    case 'PENDING':
    case 'RESTARTING':
      return 'coming-up'
    case 'TERMINATED':
    case 'TERMINATING':
      return 'stopped'
    case 'ERROR':
    case 'UNKNOWN':
      return 'broken'
  }
}

export async function getCluster(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<ClusterInfo> {
  const answer = await api.get('/api/2.0/clusters/get', { cluster_id: clusterId }, call)
  return {
    state: enumField(answer, 'state', CLUSTER_STATES, 'clusters/get'),
    stateMessage: typeof answer.state_message === 'string' ? answer.state_message : '',
    name: typeof answer.cluster_name === 'string' ? answer.cluster_name : ''
  }
}

/**
 * Asks a TERMINATED cluster to start; it answers at once. Safe to repeat. A cluster that is
 * already starting answers INVALID_STATE (`ApiError.invalidState`).
 */
export async function startCluster(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<void> {
  await api.post('/api/2.0/clusters/start', jsonBody({ cluster_id: clusterId }), call, {
    idempotent: true
  })
}

/** "PENDING (Starting Spark)": the state with the service's own words on it. */
export function describeCluster(info: ClusterInfo): string {
  return info.stateMessage ? `${info.state} (${info.stateMessage})` : info.state
}
