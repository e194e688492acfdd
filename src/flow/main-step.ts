import type { ClusterState } from '../databricks/clusters.js'
import { tmpdir } from 'node:os'
import { CancelledError, DeadlineError, InputError, errorMessage } from '../common/errors.js'
import { Deadline } from '../common/time.js'
import { DatabricksApi } from '../databricks/api.js'
import { Secrets } from '../common/secrets.js'
import { registerHostSecrets } from '../runner/connection.js'
import {
  BASIC_RETIRED,
  createAuthenticator,
  registerConfiguredSecrets
} from '../runner/credentials.js'
import { parseInputs, readRawInputs, type Inputs } from '../runner/inputs.js'
import { fail, mask, notice, runnerLogger as log } from '../runner/log.js'
import { writeOutputs, type StepStatus } from '../runner/outputs.js'
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
import { resolveClusterName } from './cluster-name.js'
import { runClusterStep } from './cluster-step.js'
import type { PhaseTimes } from '../runner/report-words.js'
import { watchJobCancel } from '../runner/signals.js'
import { defaultDeps, type ActionDeps } from './deps.js'
import { reportFailure, reportRun } from './report-run.js'
import { runCommand } from './run-command.js'

/** The main step: validate inputs, run the command, report it. Never throws. */
export async function runMain(deps: ActionDeps = defaultDeps()): Promise<void> {
  const watcher = deps.signal ? undefined : watchJobCancel()
  const signal = deps.signal ?? watcher?.signal
  const started = deps.clock.now()
  let inputs: Inputs | undefined
  const ids = { contextId: '', commandId: '' }
  /** The cluster's state as last read: the cluster-state output, also when the step fails. */
  let clusterState: ClusterState | undefined
  const onClusterSeen = (state: ClusterState): void => {
    clusterState = state
  }
  const phases: PhaseTimes = {}
  // Every secret is masked in the log the moment it is known, and redacted from what we write.
  const secrets = new Secrets()
  secrets.onAdd(mask)
  try {
    const raw = readRawInputs()
    secrets.add(raw.githubToken)
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
    const where = inputs.clusterId || `'${inputs.clusterName}'`
    log.info(
      `Running ${inputs.sourceLabel}${inputs.source ? ` (${inputs.language})` : ''} on cluster ${where} at ${inputs.host}, with ${auth.description}; timeout ${inputs.timeoutLabel}`
    )
    const deadline = Deadline.after(deps.clock, inputs.timeoutMs, inputs.timeoutLabel)
    // A name is looked up before anything else: every later call needs the id.
    if (!inputs.clusterId)
      inputs.clusterId = await resolveClusterName(
        api,
        inputs.clusterName,
        { deadline, signal },
        log
      )
    const host = inputs.host
    const clusterId = inputs.clusterId
    saveCluster(host, clusterId)
    writeOutputs({ 'cluster-id': clusterId })
    const source = inputs.source
    if (!source) {
      await runClusterStep(inputs, {
        api,
        deadline,
        ...deps,
        signal,
        started,
        onSeen: onClusterSeen
      })
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
          writeOutputs({ 'context-id': id })
        },
        onCommandStarted: id => {
          ids.commandId = id
          saveCommand(id)
          writeOutputs({ 'command-id': id })
        },
        // Saved like the user's command, but not an output: it is not what the step ran.
        onParametersCommandStarted: id => saveCommand(id),
        onCommandEnded: () => saveCommandDone(),
        onClusterStarted: () => saveClusterStarted(),
        onClusterSeen,
        onPhaseEnded: (phase, ms) => {
          phases[phase] = ms
        }
      },
      { api, clock: deps.clock, sleep: deps.sleep, logger: log, signal }
    )
    await reportRun(
      outcome,
      { inputs, env: deps.env, redact: t => secrets.redact(t) },
      deps.clock.now() - started,
      phases,
      deps.env.RUNNER_TEMP || tmpdir()
    )
  } catch (e) {
    const message = secrets.redact(errorMessage(e))
    const status: StepStatus =
      e instanceof DeadlineError
        ? 'Timed out'
        : e instanceof CancelledError
          ? 'Cancelled'
          : 'Failed'
    // A bad input is reported as Failed too (the README promises a status on every run).
    writeOutputs(
      e instanceof InputError
        ? { status }
        : {
            status,
            ...idOutputs(ids),
            ...(clusterState ? { 'cluster-state': clusterState } : {})
          }
    )
    if (inputs)
      await reportFailure(
        { status, durationMs: deps.clock.now() - started, failure: message },
        { inputs, env: deps.env, redact: t => secrets.redact(t) },
        phases,
        e instanceof CancelledError
      )
    fail(message)
  } finally {
    watcher?.dispose()
    // The kept-alive connection ends with the step's work (Node unrefs it anyway when idle).
    deps.transport.close?.()
  }
}

function idOutputs(ids: { contextId: string; commandId: string }): {
  'context-id': string
  'command-id': string
} {
  return { 'context-id': ids.contextId, 'command-id': ids.commandId }
}
