import { errorMessage } from '../common/errors.js'
import { Deadline } from '../common/time.js'
import { formatDuration, parseDuration } from '../common/duration.js'
import {
  MAX_CONTEXTS_PER_CLUSTER,
  POST_CLEANUP_BUDGET_MS,
  POST_REQUEST_TIMEOUT_MS
} from '../common/limits.js'
import { Secrets } from '../common/secrets.js'
import { DatabricksApi } from '../databricks/api.js'
import type { Authenticator } from '../databricks/auth/types.js'
import { chooseCredentials } from '../runner/auth-choice.js'
import { registerHostSecrets } from '../runner/connection.js'
import { createAuthenticator, registerConfiguredSecrets } from '../runner/credentials.js'
import { readRawInputs } from '../runner/inputs.js'
import { orDefault } from '../runner/raw-inputs.js'
import { mask, runnerLogger as log } from '../runner/log.js'
import { holdOffCancel } from '../runner/signals.js'
import { readState, type SavedState } from '../runner/state.js'
import { cancelLeftCommand, destroyLeftContext, manualDestroy } from './cleanup.js'
import { terminateInPost } from './cluster-lifecycle.js'
import { defaultDeps, type ActionDeps } from './deps.js'

/**
 * The post step: cancel the command if it may still run, destroy the context (not one an
 * earlier step made), and terminate the cluster when terminate-cluster asks. It runs after
 * success, failure and cancel alike, and only ever warns: cleanup never fails the job.
 */
export async function runPost(deps: ActionDeps = defaultDeps()): Promise<void> {
  const state = readState()
  const mode = orDefault(readRawInputs(), 'terminateCluster')
  const terminate = shouldTerminate(state, mode)
  if (mode === 'always' && !state.clusterId)
    log.warning(
      'terminate-cluster is always, but main stopped before it knew which cluster to use (its error says why), so no cluster was terminated. If the cluster runs, terminate it in the workspace (Compute), or let its auto-termination stop it.'
    )
  if (!state.contextId && !terminate) {
    if (state.contextRequested)
      log.warning(
        `Main was stopped before contexts/create answered, so an execution context may be left on cluster ${state.clusterId}: the service may have created one whose id never arrived. API 1.2 cannot list contexts; the cluster evicts idle ones when it needs room (it holds at most ${MAX_CONTEXTS_PER_CLUSTER}), and a restart removes them all.`
      )
    else log.info('Nothing to clean up: main created no execution context.')
    return
  }
  // The runner sends SIGINT here too when the job is cancelled during cleanup. Cleanup is the
  // work a cancel wants done, so it goes on within its budget instead of dying half way.
  const held = holdOffCancel(() => log.info('Cancel received; finishing cleanup first'))
  try {
    await connectAndCleanUp(state, terminate, deps)
  } catch (e) {
    log.warning(`Cleanup failed: ${errorMessage(e)}`)
  } finally {
    held.dispose()
    deps.transport.close?.()
  }
}

async function connectAndCleanUp(
  state: SavedState,
  terminate: boolean,
  deps: ActionDeps
): Promise<void> {
  const raw = readRawInputs()
  const secrets = new Secrets()
  secrets.onAdd(mask)
  registerConfiguredSecrets(raw.credentials, deps.env, secrets)
  registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets)
  // The user's request-timeout, but never more than 5 s: post must finish inside the cancel window.
  const requestTimeoutMs = Math.min(
    parseDuration(orDefault(raw, 'requestTimeout')) ?? POST_REQUEST_TIMEOUT_MS,
    POST_REQUEST_TIMEOUT_MS
  )
  let auth: Authenticator
  try {
    // Post mints its own token: state never holds one.
    const plan = chooseCredentials(raw.credentials, deps.env, new URL(state.host).hostname)
    auth = createAuthenticator(state.host, plan, {
      ...deps,
      logger: log,
      secrets,
      requestTimeoutMs
    })
  } catch (e) {
    const why = secrets.redact(errorMessage(e))
    if (state.contextId && !state.contextShared)
      log.warning(
        `Execution context ${state.contextId} was not destroyed: ${why} ${manualDestroy(state)}`
      )
    if (terminate) log.warning(`Cluster ${state.clusterId} was not terminated: ${why}`)
    return
  }
  const api = new DatabricksApi({
    host: state.host,
    auth,
    transport: deps.transport,
    sleep: deps.sleep,
    logger: log,
    requestTimeoutMs,
    secrets
  })
  // One budget for all of post: it must end inside the runner's cancel window.
  const deadline = Deadline.after(
    deps.clock,
    POST_CLEANUP_BUDGET_MS,
    formatDuration(POST_CLEANUP_BUDGET_MS)
  )
  const cleanup = { api, clock: deps.clock, logger: log, authType: auth.authType, deadline }
  if (state.contextId) await cancelLeftCommand(state, cleanup)
  // A terminate takes every context with the cluster, so it goes first: a slow destroy must
  // not eat the budget of the one call that stops the cluster's costs.
  const terminated = terminate && (await terminateCluster(api, state, deadline))
  if (!state.contextId) return
  if (terminated && !state.contextShared)
    log.info(`Execution context ${state.contextId} ends with the cluster; no destroy needed`)
  else await destroyLeftContext(state, cleanup)
}

/** terminate-cluster: always, or if-started when main started the cluster; never twice. */
function shouldTerminate(state: SavedState, mode: string): boolean {
  if (!state.clusterId || state.clusterTerminated) return false
  return mode === 'always' || (mode === 'if-started' && state.clusterStarted)
}

/**
 * Asks the cluster to terminate and does not wait: it stops on its own. Only ever warns.
 * Returns whether the cluster is on its way down (asked now, or already).
 */
async function terminateCluster(
  api: DatabricksApi,
  state: SavedState,
  deadline: Deadline
): Promise<boolean> {
  try {
    log.info(await terminateInPost(api, state.clusterId, { deadline }))
    return true
  } catch (e) {
    log.warning(
      `Could not terminate cluster ${state.clusterId}: ${errorMessage(e)}. It stops when its auto-termination fires; to stop it now, terminate it in the workspace's Compute page.`
    )
    return false
  }
}
