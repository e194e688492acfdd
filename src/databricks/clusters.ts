import { jsonBody, stringField, type CallOptions, type DatabricksApi } from './api.js'

export interface ClusterInfo {
  state: string
  stateMessage: string
  name: string
}

/** States in which a cluster accepts commands. */
export const READY_CLUSTER_STATES: ReadonlySet<string> = new Set(['RUNNING', 'RESIZING'])
/** States that will become RUNNING without anyone's help. */
export const COMING_UP_CLUSTER_STATES: ReadonlySet<string> = new Set(['PENDING', 'RESTARTING'])
/** States a cluster rests in until someone starts it. */
export const STOPPED_CLUSTER_STATES: ReadonlySet<string> = new Set(['TERMINATED', 'TERMINATING'])

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

/**
 * Asks a TERMINATED cluster to start; it answers at once. Safe to repeat. A cluster that is
 * already starting answers INVALID_STATE (`ApiError.invalidState`).
 */
export async function startCluster(
  api: DatabricksApi,
  clusterId: string,
  call: CallOptions
): Promise<void> {
  await api.post('/api/2.0/clusters/start', jsonBody({ cluster_id: clusterId }), true, call)
}

/** "PENDING (Starting Spark)": the state with the service's own words on it. */
export function describeCluster(info: ClusterInfo): string {
  return info.stateMessage ? `${info.state} (${info.stateMessage})` : info.state
}
