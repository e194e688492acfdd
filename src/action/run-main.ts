import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { CancelledError, DeadlineError, InputError, errorMessage } from '../common/errors.js'
import { formatDuration } from '../common/duration.js'
import { Deadline } from '../common/time.js'
import { DatabricksApi } from '../databricks/api.js'
import type { CommandResult } from '../databricks/results.js'
import { runCommand, type RunOutcome } from '../flow/run-command.js'
import { Secrets } from '../common/secrets.js'
import { plural } from '../common/text.js'
import { registerHostSecrets } from '../runner/connection.js'
import {
  BASIC_RETIRED,
  createAuthenticator,
  registerConfiguredSecrets
} from '../runner/credentials.js'
import { parseInputs, readRawInputs, type Inputs } from '../runner/inputs.js'
import { logUntrusted, printUntrusted, runnerLogger } from '../runner/log.js'
import { imageDir, saveImages, type SavedImages } from '../runner/images.js'
import { buildOutputs, writeOutputs } from '../runner/outputs.js'
import {
  clearContextRequested,
  saveCluster,
  saveClusterStarted,
  saveCommand,
  saveCommandDone,
  saveContext,
  saveContextRequested,
  saveSharedContext
} from '../runner/state.js'
import { resolveClusterName } from '../flow/cluster-name.js'
import { runClusterStep } from './cluster-step.js'
import { buildSummary } from '../runner/summary.js'
import { watchJobCancel } from '../runner/signals.js'
import { defaultDeps, type ActionDeps } from './deps.js'

/** The main step: validate inputs, run the command, report it. Never throws. */
export async function runMain(deps: ActionDeps = defaultDeps()): Promise<void> {
  const watcher = deps.signal ? undefined : watchJobCancel()
  const signal = deps.signal ?? watcher?.signal
  const started = deps.clock.now()
  let inputs: Inputs | undefined
  const ids = { contextId: '', commandId: '' }
  // Every secret is masked in the log the moment it is known, and redacted from what we write.
  const secrets = new Secrets()
  secrets.onAdd(s => core.setSecret(s))
  try {
    const raw = readRawInputs()
    registerConfiguredSecrets(raw.credentials, deps.env, secrets)
    registerHostSecrets([raw.host, deps.env.DATABRICKS_HOST], secrets)
    inputs = await parseInputs(raw, deps.env, deps.workspace, deps.fs)
    for (const notice of inputs.notices) core.notice(notice)
    const auth = createAuthenticator(inputs.host, inputs.credentials, {
      ...deps,
      logger: runnerLogger,
      secrets,
      requestTimeoutMs: inputs.requestTimeoutMs
    })
    core.setOutput('auth-type', auth.authType)
    if (auth.authType === 'basic') core.warning(BASIC_RETIRED)
    const api = new DatabricksApi({
      secrets,
      host: inputs.host,
      auth,
      transport: deps.transport,
      sleep: deps.sleep,
      logger: runnerLogger,
      requestTimeoutMs: inputs.requestTimeoutMs
    })
    const where = inputs.clusterId || `'${inputs.clusterName}'`
    logUntrusted(
      `Running ${inputs.sourceLabel}${inputs.source ? ` (${inputs.language})` : ''} on cluster ${where} at ${inputs.host}, with ${auth.description}; timeout ${inputs.timeoutLabel}`
    )
    const deadline = Deadline.after(deps.clock, inputs.timeoutMs, inputs.timeoutLabel)
    // A name is looked up before anything else: every later call needs the id.
    if (!inputs.clusterId)
      inputs.clusterId = await resolveClusterName(
        api,
        inputs.clusterName,
        { deadline, signal },
        runnerLogger
      )
    const host = inputs.host
    const clusterId = inputs.clusterId
    saveCluster(host, clusterId)
    writeOutputs({ 'cluster-id': clusterId })
    const source = inputs.source
    if (!source) {
      await runClusterStep(inputs, { api, deadline, ...deps, signal, started })
      return
    }
    if (inputs.contextId) {
      ids.contextId = inputs.contextId
      saveSharedContext(inputs.contextId)
      writeOutputs({ 'context-id': inputs.contextId })
    }
    const outcome = await runCommand(
      {
        clusterId,
        language: inputs.language,
        source,
        startCluster: inputs.startCluster,
        deadline,
        contextId: inputs.contextId || undefined,
        parameters: inputs.parameters
      },
      {
        onCreatingContext: () => saveContextRequested(host, clusterId),
        onCreateFailed: () => clearContextRequested(),
        onContextCreated: id => {
          ids.contextId = id
          saveContext(host, clusterId, id)
          core.setOutput('context-id', id)
        },
        onCommandStarted: id => {
          ids.commandId = id
          saveCommand(id)
          core.setOutput('command-id', id)
        },
        onCommandEnded: () => saveCommandDone(),
        onClusterStarted: () => saveClusterStarted()
      },
      { api, clock: deps.clock, sleep: deps.sleep, logger: runnerLogger, signal }
    )
    await report(
      outcome,
      inputs,
      deps.clock.now() - started,
      secrets,
      deps.env.RUNNER_TEMP || tmpdir()
    )
  } catch (e) {
    const message = secrets.redact(errorMessage(e))
    const status =
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
    core.setFailed(message)
  } finally {
    watcher?.dispose()
  }
}

async function report(
  outcome: RunOutcome,
  inputs: Inputs,
  durationMs: number,
  secrets: Secrets,
  runnerTemp: string
): Promise<void> {
  const r = outcome.result
  const images = await keepImages(r, imageDir(runnerTemp, outcome.commandId))
  writeOutputs(buildOutputs(outcome, undefined, images))
  logUntrusted(
    `Command ${outcome.commandId} ended ${outcome.status} after ${formatDuration(durationMs)}`
  )
  if (r.type === 'text' && r.text) printUntrusted('Output', r.text)
  if (r.type === 'table')
    logUntrusted(
      `Table result: ${plural(r.rows.length, 'row')}, columns ${r.columns.map(c => c.name).join(', ')}${r.truncated ? ' (truncated by Databricks)' : ''}`
    )
  if (r.type === 'error' && r.traceback.trim()) printUntrusted('Traceback', r.traceback)
  await writeSummary(
    buildSummary({ ...summaryHead(inputs), status: outcome.status, durationMs, result: r, images })
  )

  const failure = outcome.failure
  if (!failure) return
  // @actions/core escapes CR, LF and % in these, so the message stays one workflow command.
  if (inputs.failOnError) core.setFailed(secrets.redact(failure))
  else core.warning(`${secrets.redact(failure)} (not failing the step: fail-on-error is false)`)
}

/** Plots are decoded into files a later step can upload; data URLs never reach an output. */
async function keepImages(r: CommandResult, dir: string): Promise<SavedImages | undefined> {
  if (r.type !== 'image' && r.type !== 'images') return undefined
  try {
    const saved = await saveImages(r.fileNames, dir)
    logUntrusted(
      `${plural(r.fileNames.length, 'image')} returned; ${saved.files.length} saved in ${dir} (output image-files)${saved.workspacePaths.length ? `, ${saved.workspacePaths.length} kept in the workspace under /FileStore/plots/` : ''}`
    )
    return saved
  } catch (e) {
    core.warning(`Could not save the command's images in ${dir}: ${errorMessage(e)}`)
    return undefined
  }
}

function summaryHead(inputs: Inputs): { clusterId: string; language: string; source: string } {
  return {
    clusterId: inputs.clusterId || inputs.clusterName,
    language: inputs.language,
    source: inputs.sourceLabel
  }
}

function idOutputs(ids: { contextId: string; commandId: string }): Record<string, string> {
  return { 'context-id': ids.contextId, 'command-id': ids.commandId }
}

/** A summary that cannot be written (no GITHUB_STEP_SUMMARY) must not fail the step. */
async function writeSummary(html: string): Promise<void> {
  try {
    await core.summary.addRaw(html).write()
  } catch (e) {
    core.debug(`Job summary not written: ${errorMessage(e)}`)
  }
}
