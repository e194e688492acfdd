import * as core from '@actions/core'
import { errorMessage } from '../common/errors.js'
import { formatDuration, parseDuration } from '../common/duration.js'
import {
  MAX_CONTEXTS_PER_CLUSTER,
  POST_CANCEL_BUDGET_MS,
  POST_CLEANUP_BUDGET_MS,
  POST_REQUEST_TIMEOUT_MS
} from '../common/limits.js'
import { Deadline } from '../common/time.js'
import { DatabricksApi } from '../databricks/api.js'
import { ApiError } from '../databricks/api-error.js'
import { ExecutionApi } from '../databricks/execution.js'
import { Secrets } from '../common/secrets.js'
import type { Authenticator } from '../databricks/auth/types.js'
import { chooseCredentials } from '../runner/auth-choice.js'
import { registerHostSecrets } from '../runner/connection.js'
import { createAuthenticator, registerConfiguredSecrets } from '../runner/credentials.js'
import { readRawInputs } from '../runner/inputs.js'
import { logUntrusted, runnerLogger } from '../runner/log.js'
import { readState, type SavedState } from '../runner/state.js'
import { terminateInPost } from '../flow/cluster-lifecycle.js'
import { defaultDeps, type ActionDeps } from './deps.js'

/**
 * The post step: cancel the command if it may still run, destroy the context. It runs after
 * success, failure and cancel alike, and only ever warns: cleanup never fails the job.
 */
export async function runPost(deps: ActionDeps = defaultDeps()): Promise<void> {
  const state = readState()
  const terminate = shouldTerminate(state, readRawInputs().terminateCluster)
  if (!state.contextId && !terminate) {
    if (state.contextRequested)
      core.warning(
        `Main was stopped before contexts/create answered, so an execution context may be left on cluster ${state.clusterId}: the service may have created one whose id never arrived. API 1.2 cannot list contexts; the cluster evicts idle ones when it needs room (it holds at most ${MAX_CONTEXTS_PER_CLUSTER}), and a restart removes them all.`
      )
    else core.info('Nothing to clean up: main created no execution context.')
    return
  }
  // The runner sends SIGINT here too when the job is cancelled during cleanup. Cleanup is the
  // work a cancel wants done, so it goes on within its budget instead of dying half way.
  const ignore = (): void => core.info('Cancel received; finishing cleanup first')
  process.on('SIGINT', ignore)
  process.on('SIGTERM', ignore)
  try {
    await cleanUp(state, terminate, deps)
  } catch (e) {
    core.warning(`Cleanup failed: ${errorMessage(e)}`)
  } finally {
    process.off('SIGINT', ignore)
    process.off('SIGTERM', ignore)
  }
}

async function cleanUp(state: SavedState, terminate: boolean, deps: ActionDeps): Promise<void> {
  const raw = readRawInputs()
  const secrets = new Secrets()
  secrets.onAdd(v => core.setSecret(v))
  registerConfiguredSecrets(raw.credentials, deps.env, secrets)
  registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets)
  // The user's request-timeout, but never more than 5 s: post must finish inside the cancel window.
  const requestTimeoutMs = Math.min(
    parseDuration(raw.requestTimeout) ?? 30_000,
    POST_REQUEST_TIMEOUT_MS
  )
  let auth: Authenticator
  try {
    // Post mints its own token: state never holds one.
    const plan = chooseCredentials(raw.credentials, deps.env, new URL(state.host).hostname)
    auth = createAuthenticator(state.host, plan, {
      ...deps,
      logger: runnerLogger,
      secrets,
      requestTimeoutMs
    })
  } catch (e) {
    if (state.contextId && !state.contextShared) {
      const manual = manualDestroy(state.host, state.clusterId, state.contextId, undefined)
      core.warning(
        `Execution context ${state.contextId} was not destroyed: ${secrets.redact(errorMessage(e))} ${manual}`
      )
    }
    if (terminate)
      core.warning(
        `Cluster ${state.clusterId} was not terminated: ${secrets.redact(errorMessage(e))}`
      )
    return
  }
  const manual = manualDestroy(state.host, state.clusterId, state.contextId, auth)
  const api = new DatabricksApi({
    host: state.host,
    auth,
    transport: deps.transport,
    sleep: deps.sleep,
    logger: runnerLogger,
    requestTimeoutMs,
    secrets
  })
  const exec = new ExecutionApi(api, state.clusterId)
  const deadline = Deadline.after(
    deps.clock,
    POST_CLEANUP_BUDGET_MS,
    formatDuration(POST_CLEANUP_BUDGET_MS)
  )

  if (state.contextId && state.commandId && !state.commandDone) {
    try {
      await exec.cancelCommand(state.contextId, state.commandId, {
        deadline: Deadline.after(
          deps.clock,
          POST_CANCEL_BUDGET_MS,
          formatDuration(POST_CANCEL_BUDGET_MS)
        )
      })
      logUntrusted(`Cancelled command ${state.commandId}`)
    } catch (e) {
      // Destroying the context below stops the command as well.
      logUntrusted(
        `Could not cancel command ${state.commandId} (${errorMessage(e)}); destroying its context stops it`
      )
    }
  }
  if (state.contextId && state.contextShared)
    core.info(
      `Leaving execution context ${state.contextId} (input context-id): the step that created it destroys it in its own post step`
    )
  else if (state.contextId) await destroy(exec, state, deadline, manual)
  if (terminate) await terminateCluster(api, state, deadline, secrets)
}

async function destroy(
  exec: ExecutionApi,
  state: SavedState,
  deadline: Deadline,
  manual: string
): Promise<void> {
  try {
    await exec.destroyContext(state.contextId, { deadline })
    logUntrusted(`Destroyed execution context ${state.contextId} on cluster ${state.clusterId}`)
  } catch (e) {
    if (alreadyGone(e)) {
      logUntrusted(`Execution context ${state.contextId} was already gone (${errorMessage(e)})`)
      return
    }
    core.warning(
      `Could not destroy execution context ${state.contextId} on cluster ${state.clusterId}: ${errorMessage(e)}. ${manual}`
    )
  }
}

/** terminate-cluster: always, or if-started when main started the cluster; never twice. */
function shouldTerminate(state: SavedState, mode: string): boolean {
  if (!state.clusterId || state.clusterTerminated) return false
  return mode === 'always' || (mode === 'if-started' && state.clusterStarted)
}

/** Asks the cluster to terminate and does not wait: it stops on its own. Only ever warns. */
async function terminateCluster(
  api: DatabricksApi,
  state: SavedState,
  deadline: Deadline,
  secrets: Secrets
): Promise<void> {
  try {
    logUntrusted(await terminateInPost(api, state.clusterId, { deadline }))
  } catch (e) {
    core.warning(
      `Could not terminate cluster ${state.clusterId}: ${secrets.redact(errorMessage(e))}. It stops when its auto-termination fires; to stop it now, terminate it in the workspace's Compute page.`
    )
  }
}

/** A context that no longer exists needs no destroying. */
function alreadyGone(e: unknown): boolean {
  return e instanceof ApiError && e.contextGone
}

/** How to destroy the context by hand, with the credentials the step used (never their values). */
function manualDestroy(
  host: string,
  clusterId: string,
  contextId: string,
  auth: Authenticator | undefined
): string {
  const credentials =
    auth?.authType === 'basic'
      ? '-u "$DATABRICKS_USERNAME:$DATABRICKS_PASSWORD"'
      : '-H "Authorization: Bearer $DATABRICKS_TOKEN"'
  return (
    `It stays on the cluster until the cluster evicts it or restarts (each cluster holds at most ${MAX_CONTEXTS_PER_CLUSTER}). ` +
    `To remove it now: curl -X POST ${host}/api/1.2/contexts/destroy ${credentials} ` +
    `-d '{"clusterId":"${clusterId}","contextId":"${contextId}"}'`
  )
}
