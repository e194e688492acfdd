import { errorMessage } from '../common/errors.js'
import { parseDuration } from '../common/duration.js'
import { MAX_CONTEXTS_PER_CLUSTER, POST_REQUEST_TIMEOUT_MS } from '../common/limits.js'
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
import { cleanUp, manualDestroy } from './cleanup.js'
import { defaultDeps, type ActionDeps } from './deps.js'

/**
 * The post step: cancel the command if it may still run, destroy the context. It runs after
 * success, failure and cancel alike, and only ever warns: cleanup never fails the job.
 */
export async function runPost(deps: ActionDeps = defaultDeps()): Promise<void> {
  const state = readState()
  if (!state.contextId) {
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
    await connectAndCleanUp(state, deps)
  } catch (e) {
    log.warning(`Cleanup failed: ${errorMessage(e)}`)
  } finally {
    held.dispose()
    deps.transport.close?.()
  }
}

async function connectAndCleanUp(state: SavedState, deps: ActionDeps): Promise<void> {
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
    log.warning(
      `Execution context ${state.contextId} was not destroyed: ${secrets.redact(errorMessage(e))} ${manualDestroy(state)}`
    )
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
  await cleanUp(state, { api, clock: deps.clock, logger: log, authType: auth.authType })
}
