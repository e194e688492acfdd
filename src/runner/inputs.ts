import { InputError } from '../common/errors.js'
import { formatDuration, parseDuration } from '../common/duration.js'
import { LANGUAGES, type CommandSource, type Language } from '../databricks/execution.js'
import { chooseCredentials, type CredentialPlan } from './auth-choice.js'
import { parseHost } from './connection.js'
import { orDefault, type RawInputs } from './raw-inputs.js'
import { resolveSource, type SourceFs } from './source.js'
import type { Parameters } from '../databricks/parameters.js'
import {
  checkClusterOnlyStep,
  parseClusterChoice,
  parseContextId,
  parseTerminateMode,
  type TerminateMode
} from './composition-inputs.js'
import { parseParameters } from './parameters-input.js'

export { INPUTS, readRawInputs, type RawInputs } from './raw-inputs.js'

/** The validated inputs the action runs with. */
export interface Inputs {
  /** Workspace origin, always https, no trailing slash. */
  host: string
  /** The one way of authenticating, checked; the authenticator is built from it. */
  credentials: CredentialPlan
  /** The cluster's id; '' until clusterName is resolved (main sets it then). */
  clusterId: string
  /** The cluster-name input, looked up with the clusters list before anything else; or ''. */
  clusterName: string
  language: Language
  /**
   * The code to run; a file's bytes are read up front so a bad file fails before any call.
   * Undefined when the step only manages the cluster (neither command nor file).
   */
  source?: CommandSource
  /** Run in this context, made by an earlier step: nothing is created or destroyed. '' if none. */
  contextId: string
  /** Values handed to the code as data (`params`), when the parameters input is given. */
  parameters?: Parameters
  /** When post terminates the cluster. */
  terminateCluster: TerminateMode
  /** "inline command" or the file's path, for logs and the summary. */
  sourceLabel: string
  /** The whole step's deadline, and how the user wrote it. */
  timeoutMs: number
  timeoutLabel: string
  /** Fail the step when the command ends with an error result. */
  failOnError: boolean
  /** Start a TERMINATED cluster instead of failing. */
  startCluster: boolean
  /** Upper bound for a single HTTP exchange. */
  requestTimeoutMs: number
  /** Write the result as a sticky comment on the pull request (pull_request events only). */
  commentOnPr: boolean
  /** Token for that comment; registered as a secret, never printed. */
  githubToken: string
  /** Things the user should know about how the inputs were read (shown as notices). */
  notices: string[]
}

/**
 * Bounds of the durations. Node's timers hold at most 2^31-1 ms (24.8 days); past that they
 * fire at once, so every request would time out. A self-hosted job runs at most 5 days.
 */
export const MAX_TIMEOUT_MS = 5 * 24 * 3_600_000
export const MAX_REQUEST_TIMEOUT_MS = 3_600_000
export const MIN_DURATION_MS = 1000

const EXTENSIONS: Record<string, Language> = {
  py: 'python',
  scala: 'scala',
  sc: 'scala',
  sql: 'sql',
  r: 'r'
}

/** Validates and derives everything; throws InputError naming the input and the fix. */
export async function parseInputs(
  raw: RawInputs,
  env: NodeJS.ProcessEnv,
  workspace: string,
  fs: SourceFs
): Promise<Inputs> {
  const host = parseHost(raw.host || env.DATABRICKS_HOST?.trim() || '')
  const credentials = chooseCredentials(raw.credentials, env, new URL(host).hostname)
  const { clusterId, clusterName } = parseClusterChoice(raw, env)
  const timeoutMs = parseDurationInput('timeout', orDefault(raw, 'timeout'), MAX_TIMEOUT_MS)
  const requestTimeoutMs = parseDurationInput(
    'request-timeout',
    orDefault(raw, 'requestTimeout'),
    MAX_REQUEST_TIMEOUT_MS
  )
  const failOnError = parseBoolean('fail-on-error', orDefault(raw, 'failOnError'))
  const startCluster = parseBoolean('start-cluster', orDefault(raw, 'startCluster'))
  const commentOnPr = parseBoolean('comment-on-pr', orDefault(raw, 'commentOnPr'))
  if (raw.command && raw.file)
    throw new InputError(
      'Inputs command and file were both given: set exactly one (command for inline code, file for a path in the repository).'
    )
  const terminateCluster = parseTerminateMode(orDefault(raw, 'terminateCluster'))
  const contextId = parseContextId(raw.contextId)
  const notices: string[] = []
  const language = parseLanguage(raw.language, raw.file, notices)
  let source: CommandSource | undefined
  let label = 'cluster only'
  if (raw.command) [source, label] = [{ kind: 'inline', code: raw.command }, 'inline command']
  else if (raw.file)
    ({ source, label } = await resolveSource(
      raw.file,
      workspace,
      fs,
      env.RUNNER_TEMP?.trim() ?? ''
    ))
  else checkClusterOnlyStep(raw, startCluster, terminateCluster)
  const parameters = await parseParameters(raw.parameters)
  return {
    host,
    credentials,
    clusterId,
    clusterName,
    language,
    source,
    contextId,
    parameters,
    terminateCluster,
    sourceLabel: label,
    timeoutMs,
    timeoutLabel: orDefault(raw, 'timeout'),
    failOnError,
    startCluster,
    requestTimeoutMs,
    commentOnPr,
    githubToken: raw.githubToken,
    notices
  }
}

function parseLanguage(value: string, file: string, notices: string[]): Language {
  if (value) {
    const lower = value.toLowerCase()
    if ((LANGUAGES as readonly string[]).includes(lower)) return lower as Language
    throw new InputError(
      `Invalid input language '${value}': expected one of ${LANGUAGES.join(', ')}.`
    )
  }
  const ext = file.match(/\.([A-Za-z]+)$/)?.[1]?.toLowerCase() ?? ''
  const known = EXTENSIONS[ext]
  if (known || !file) return known ?? 'python'
  notices.push(
    `Input file '${file}' has no extension that names a language (${Object.keys(EXTENSIONS)
      .map(e => `.${e}`)
      .join(', ')}); running it as python. Set the language input to choose another.`
  )
  return 'python'
}

function parseDurationInput(name: string, value: string, maxMs: number): number {
  const ms = parseDuration(value)
  if (ms === undefined || ms <= 0)
    throw new InputError(
      `Invalid input ${name} '${value}': expected a positive duration such as 90s, 20m, 1h, 1h30m or plain seconds (600).`
    )
  if (ms < MIN_DURATION_MS || ms > maxMs)
    throw new InputError(
      `Invalid input ${name} '${value}': it must be between ${formatDuration(MIN_DURATION_MS)} and ${formatDuration(maxMs)}.`
    )
  return ms
}

/** Only the YAML spellings the runner itself accepts, so a typo is not silently false. */
export function parseBoolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Invalid input ${name} '${value}': expected true or false.`)
}
