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
import { readState } from '../runner/state.js'
import { defaultDeps, type ActionDeps } from './deps.js'

/**
 * The post step: cancel the command if it may still run, destroy the context. It runs after
 * success, failure and cancel alike, and only ever warns: cleanup never fails the job.
 */
export async function runPost(deps: ActionDeps = defaultDeps()): Promise<void> {
  const state = readState()
  if (!state.contextId) {
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
    await cleanUp(state, deps)
  } catch (e) {
    core.warning(`Cleanup failed: ${errorMessage(e)}`)
  } finally {
    process.off('SIGINT', ignore)
    process.off('SIGTERM', ignore)
  }
}

async function cleanUp(state: ReturnType<typeof readState>, deps: ActionDeps): Promise<void> {
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
    const manual = manualDestroy(state.host, state.clusterId, state.contextId, undefined)
    core.warning(
      `Execution context ${state.contextId} was not destroyed: ${secrets.redact(errorMessage(e))} ${manual}`
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

  if (state.commandId && !state.commandDone) {
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
