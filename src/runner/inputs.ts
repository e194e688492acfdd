import { InputError } from '../common/errors.js'
import { parseDuration } from '../common/duration.js'
import { LANGUAGES, type CommandSource, type Language } from '../databricks/execution.js'
import { chooseCredentials, type CredentialPlan } from './auth-choice.js'
import { parseHost } from './connection.js'
import { orDefault, type RawInputs } from './raw-inputs.js'
import { resolveSource, type SourceFs } from './source.js'

export { INPUTS, readRawInputs, type RawInputs } from './raw-inputs.js'

/** The validated inputs the action runs with. */
export interface Inputs {
  /** Workspace origin, always https, no trailing slash. */
  host: string
  /** The one way of authenticating, checked; the authenticator is built from it. */
  credentials: CredentialPlan
  clusterId: string
  language: Language
  /** The code to run; a file's bytes are read up front so a bad file fails before any call. */
  source: CommandSource
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
}

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
  const clusterId = raw.clusterId || env.DATABRICKS_CLUSTER_ID?.trim() || ''
  if (!clusterId)
    throw new InputError(
      'Input cluster-id is required: set it to the id of an all-purpose cluster (e.g. 0123-456789-abcdefgh), or set DATABRICKS_CLUSTER_ID.'
    )
  if (!/^[A-Za-z0-9][\w.-]*$/.test(clusterId))
    throw new InputError(
      `Invalid input cluster-id '${clusterId}': a cluster id holds only letters, digits, '-', '_' and '.', e.g. 0123-456789-abcdefgh.`
    )
  const timeoutMs = parseDurationInput('timeout', orDefault(raw, 'timeout'))
  const requestTimeoutMs = parseDurationInput('request-timeout', orDefault(raw, 'requestTimeout'))
  const failOnError = parseBoolean('fail-on-error', orDefault(raw, 'failOnError'))
  const startCluster = parseBoolean('start-cluster', orDefault(raw, 'startCluster'))
  if (raw.command && raw.file)
    throw new InputError(
      'Inputs command and file were both given: set exactly one (command for inline code, file for a path in the repository).'
    )
  if (!raw.command && !raw.file)
    throw new InputError(
      'Neither command nor file was given: set command to inline code, or file to a path in the repository.'
    )
  const language = parseLanguage(raw.language, raw.file)
  const { source, label } = raw.command
    ? { source: { kind: 'inline' as const, code: raw.command }, label: 'inline command' }
    : await resolveSource(raw.file, workspace, fs)
  return {
    host,
    credentials,
    clusterId,
    language,
    source,
    sourceLabel: label,
    timeoutMs,
    timeoutLabel: orDefault(raw, 'timeout'),
    failOnError,
    startCluster,
    requestTimeoutMs
  }
}

function parseLanguage(value: string, file: string): Language {
  if (value) {
    const lower = value.toLowerCase()
    if ((LANGUAGES as readonly string[]).includes(lower)) return lower as Language
    throw new InputError(
      `Invalid input language '${value}': expected one of ${LANGUAGES.join(', ')}.`
    )
  }
  const ext = file.match(/\.([A-Za-z]+)$/)?.[1]?.toLowerCase() ?? ''
  return EXTENSIONS[ext] ?? 'python'
}

function parseDurationInput(name: string, value: string): number {
  const ms = parseDuration(value)
  if (ms === undefined || ms <= 0)
    throw new InputError(
      `Invalid input ${name} '${value}': expected a positive duration such as 90s, 20m, 1h, 1h30m or plain seconds (600).`
    )
  return ms
}

/** Only the YAML spellings the runner itself accepts, so a typo is not silently false. */
export function parseBoolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Invalid input ${name} '${value}': expected true or false.`)
}
