import { InputError } from '../common/errors.js'
import type { RawInputs } from './raw-inputs.js'

/** When post terminates the cluster: never, only if this step started it, or whatever happened. */
export const TERMINATE_MODES = ['never', 'if-started', 'always'] as const
export type TerminateMode = (typeof TERMINATE_MODES)[number]

/** Which cluster the step works on: an id, or a name to look up before anything else. */
export interface ClusterChoice {
  /** '' when a name was given instead. */
  clusterId: string
  /** '' when an id was given. */
  clusterName: string
}

/**
 * cluster-id or cluster-name (inputs first, then DATABRICKS_CLUSTER_ID / _NAME). Both inputs,
 * or both variables with neither input, are an error: the step would have to guess.
 */
export function parseClusterChoice(raw: RawInputs, env: NodeJS.ProcessEnv): ClusterChoice {
  if (raw.clusterId && raw.clusterName)
    throw new InputError(
      `Inputs cluster-id and cluster-name were both given ('${raw.clusterId}', '${raw.clusterName}'): set only one.`
    )
  let clusterId = raw.clusterId
  let clusterName = raw.clusterName
  if (!clusterId && !clusterName) {
    clusterId = env.DATABRICKS_CLUSTER_ID?.trim() ?? ''
    clusterName = env.DATABRICKS_CLUSTER_NAME?.trim() ?? ''
    if (clusterId && clusterName)
      throw new InputError(
        'DATABRICKS_CLUSTER_ID and DATABRICKS_CLUSTER_NAME are both set and neither input cluster-id nor cluster-name was given: set one of the inputs, or unset one variable.'
      )
  }
  if (!clusterId && !clusterName)
    throw new InputError(
      'Input cluster-id is required: set it to the id of an all-purpose cluster (e.g. 0123-456789-abcdefgh), or set cluster-name to its name; or set DATABRICKS_CLUSTER_ID or DATABRICKS_CLUSTER_NAME.'
    )
  if (clusterId && !/^[A-Za-z0-9][\w.-]*$/.test(clusterId))
    throw new InputError(
      `Invalid input cluster-id '${clusterId}': a cluster id holds only letters, digits, '-', '_' and '.', e.g. 0123-456789-abcdefgh.`
    )
  return { clusterId, clusterName }
}

export function parseTerminateMode(value: string): TerminateMode {
  if (value === '') return 'never'
  if ((TERMINATE_MODES as readonly string[]).includes(value)) return value as TerminateMode
  throw new InputError(
    `Invalid input terminate-cluster '${value}': expected one of ${TERMINATE_MODES.join(', ')}.`
  )
}

/** An id from an earlier step's context-id output. Ids are opaque; this only keeps out junk. */
export function parseContextId(value: string): string {
  if (value && !/^[\w.-]+$/.test(value))
    throw new InputError(
      `Invalid input context-id '${value}': give the context-id output of the step that created the context, e.g. \${{ steps.setup.outputs.context-id }}.`
    )
  return value
}

/**
 * A step with neither command nor file only manages the cluster. It must have something to
 * do, and nothing that needs a command.
 */
export function checkClusterOnlyStep(
  raw: RawInputs,
  startCluster: boolean,
  terminate: TerminateMode
): void {
  const nothing =
    'Neither command nor file was given: set command to inline code, or file to a path in the repository'
  if (raw.contextId)
    throw new InputError(`${nothing}. Input context-id needs something to run in that context.`)
  if (raw.parameters)
    throw new InputError(`${nothing}. Input parameters are handed to a command; there is none.`)
  if (!startCluster && terminate !== 'always')
    throw new InputError(
      `${nothing}. (A step without either only manages the cluster: set start-cluster: true to start it, or terminate-cluster: always to terminate it.)`
    )
}
