import { CancelledError, DeadlineError, InputError, errorMessage } from '../common/errors.js'
import { formatDuration } from '../common/duration.js'
import { Deadline } from '../common/time.js'
import { DatabricksApi } from '../databricks/api.js'
import { Secrets } from '../common/secrets.js'
import { plural } from '../common/text.js'
import { registerHostSecrets } from '../runner/connection.js'
import {
  BASIC_RETIRED,
  createAuthenticator,
  registerConfiguredSecrets
} from '../runner/credentials.js'
import { parseInputs, readRawInputs, type Inputs } from '../runner/inputs.js'
import { fail, mask, notice, printUntrusted, runnerLogger as log } from '../runner/log.js'
import { buildOutputs, writeOutputs, type StepStatus } from '../runner/outputs.js'
import {
  clearContextRequested,
  saveCommand,
  saveCommandDone,
  saveContext,
  saveContextRequested
} from '../runner/state.js'
import { buildSummary, writeSummary } from '../runner/summary.js'
import { watchJobCancel } from '../runner/signals.js'
import { defaultDeps, type ActionDeps } from './deps.js'
import { runCommand, type RunOutcome } from './run-command.js'

/**
 * The main step: validate inputs, run the command, report it. Never throws. The bundle
 * (src/main.ts) only calls this, as does `npx @github/local-action` from source.
 */
export async function run(deps: ActionDeps = defaultDeps()): Promise<void> {
  const watcher = deps.signal ? undefined : watchJobCancel()
  const signal = deps.signal ?? watcher?.signal
  const started = deps.clock.now()
  let inputs: Inputs | undefined
  const ids = { contextId: '', commandId: '' }
  // Every secret is masked in the log the moment it is known, and redacted from what we write.
  const secrets = new Secrets()
  secrets.onAdd(mask)
  try {
    const raw = readRawInputs()
    registerConfiguredSecrets(raw.credentials, deps.env, secrets)
    registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets)
    inputs = await parseInputs(raw, deps.env, deps.workspace, deps.fs)
    for (const n of inputs.notices) notice(n)
    const auth = createAuthenticator(inputs.host, inputs.credentials, {
      ...deps,
      logger: log,
      secrets,
      requestTimeoutMs: inputs.requestTimeoutMs
    })
    writeOutputs({ 'auth-type': auth.authType })
    if (auth.authType === 'basic') log.warning(BASIC_RETIRED)
    const api = new DatabricksApi({
      secrets,
      host: inputs.host,
      auth,
      transport: deps.transport,
      sleep: deps.sleep,
      logger: log,
      requestTimeoutMs: inputs.requestTimeoutMs
    })
    log.info(
      `Running ${inputs.sourceLabel} (${inputs.language}) on cluster ${inputs.clusterId} at ${inputs.host}, with ${auth.description}; timeout ${inputs.timeoutLabel}`
    )
    const host = inputs.host
    const clusterId = inputs.clusterId
    const outcome = await runCommand(
      {
        clusterId,
        language: inputs.language,
        source: inputs.source,
        startCluster: inputs.startCluster,
        deadline: Deadline.after(deps.clock, inputs.timeoutMs, inputs.timeoutLabel)
      },
      {
        onCreatingContext: () => saveContextRequested(host, clusterId),
        onCreateFailed: () => clearContextRequested(),
        onContextCreated: id => {
          ids.contextId = id
          saveContext(host, clusterId, id)
          writeOutputs({ 'context-id': id })
        },
        onCommandStarted: id => {
          ids.commandId = id
          saveCommand(id)
          writeOutputs({ 'command-id': id })
        },
        onCommandEnded: () => saveCommandDone()
      },
      { api, clock: deps.clock, sleep: deps.sleep, logger: log, signal }
    )
    await report(outcome, inputs, deps.clock.now() - started, secrets)
  } catch (e) {
    const message = secrets.redact(errorMessage(e))
    const status: StepStatus =
      e instanceof DeadlineError
        ? 'Timed out'
        : e instanceof CancelledError
          ? 'Cancelled'
          : 'Failed'
    // A bad input is reported as Failed too (the README promises a status on every run).
    writeOutputs(e instanceof InputError ? { status } : { status, ...idOutputs(ids) })
    if (inputs)
      await writeSummary(
        buildSummary({
          ...summaryHead(inputs),
          status,
          durationMs: deps.clock.now() - started,
          failure: message
        })
      )
    fail(message)
  } finally {
    watcher?.dispose()
  }
}

async function report(
  outcome: RunOutcome,
  inputs: Inputs,
  durationMs: number,
  secrets: Secrets
): Promise<void> {
  writeOutputs(buildOutputs(outcome))
  const r = outcome.result
  log.info(
    `Command ${outcome.commandId} ended ${outcome.status} after ${formatDuration(durationMs)}`
  )
  if (r.type === 'text' && r.text) printUntrusted('Output', r.text)
  if (r.type === 'table')
    log.info(
      `Table result: ${plural(r.rows.length, 'row')}, columns ${r.columns.map(c => c.name).join(', ')}${r.truncated ? ' (truncated by Databricks)' : ''}`
    )
  if (r.type === 'error' && r.traceback.trim()) printUntrusted('Traceback', r.traceback)
  await writeSummary(
    buildSummary({ ...summaryHead(inputs), status: outcome.status, durationMs, result: r })
  )

  const failure =
    outcome.status === 'Cancelled'
      ? `Command ${outcome.commandId} was cancelled outside this step${r.type === 'error' ? `: ${r.message}` : ''}`
      : r.type === 'error'
        ? r.message
        : outcome.status !== 'Finished'
          ? `Command ${outcome.commandId} ended with status ${outcome.status}`
          : undefined
  if (!failure) return
  // @actions/core escapes CR, LF and % in these, so the message stays one workflow command.
  if (inputs.failOnError) fail(secrets.redact(failure))
  else log.warning(`${secrets.redact(failure)} (not failing the step: fail-on-error is false)`)
}

function summaryHead(inputs: Inputs): { clusterId: string; language: string; source: string } {
  return { clusterId: inputs.clusterId, language: inputs.language, source: inputs.sourceLabel }
}

function idOutputs(ids: { contextId: string; commandId: string }): {
  'context-id': string
  'command-id': string
} {
  return { 'context-id': ids.contextId, 'command-id': ids.commandId }
}
