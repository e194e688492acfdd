/**
 * One measured run for `npm run bench`: one client (the bundled action through the harness, or
 * the SDK's waiters) runs one command through a delay proxy to its own emulator, as two
 * processes (main, then post), the way the runner starts them.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Emulator, type CallRecord } from '../emulator/emulator.js'
import { ROOT, runJob } from '../harness/runner.js'
import { DelayProxy } from './delay-proxy.js'

const execFileAsync = promisify(execFile)

export type Client = 'action' | 'sdk'

export interface Sample {
  client: Client
  rttMs: number
  seconds: number
  /** Main and post, each from spawn to exit. */
  totalMs: number
  /** Beyond the command's own run time. */
  overheadMs: number
  /** From the command's end (on the server) to the client holding its final status. */
  detectionMs: number
  /** From main's spawn to its first TCP connection at the proxy. */
  firstRequestMs: number
  statusCalls: number
  contextStatusCalls: number
  totalCalls: number
  connections: number
}

/** The command: sleeps, then prints when it ended (epoch seconds) as its result. */
const code = (seconds: number): string =>
  `import time\ntime.sleep(${seconds})\nprint(repr(time.time()))`

export async function runCell(client: Client, rttMs: number, seconds: number): Promise<Sample> {
  const emu = await Emulator.start()
  const proxy = await DelayProxy.start(Number(new URL(emu.url).port), rttMs)
  // When each call reached the emulator; the emulator answers a GET in the same tick.
  const at = new WeakMap<CallRecord, number>()
  const push = emu.calls.push.bind(emu.calls)
  emu.calls.push = (...records: CallRecord[]): number => {
    for (const r of records) at.set(r, Date.now())
    return push(...records)
  }
  const host = `https://127.0.0.1:${proxy.port}`
  const env = { NODE_EXTRA_CA_CERTS: emu.caCert }
  try {
    const started = Date.now()
    const run = client === 'action' ? action : sdk
    const { totalMs, result } = await run(host, emu, env, code(seconds))
    const endedAt = Number(result) * 1000
    if (!Number.isFinite(endedAt)) throw new Error(`${client}: unexpected result '${result}'`)
    const api = emu.calls.filter(c => c.path.startsWith('/api/'))
    const status = api.filter(c => c.path === '/api/1.2/commands/status')
    const lastStatus = at.get(status[status.length - 1] as CallRecord) ?? NaN
    return {
      client,
      rttMs,
      seconds,
      totalMs,
      overheadMs: totalMs - seconds * 1000,
      detectionMs: lastStatus + rttMs / 2 - endedAt,
      firstRequestMs: (proxy.connectedAt[0] ?? NaN) - started,
      statusCalls: status.length,
      contextStatusCalls: api.filter(c => c.path === '/api/1.2/contexts/status').length,
      totalCalls: api.length,
      connections: proxy.connections
    }
  } finally {
    await proxy.stop()
    await emu.stop()
  }
}

type Run = (
  host: string,
  emu: Emulator,
  env: Record<string, string>,
  command: string
) => Promise<{ totalMs: number; result: string }>

const action: Run = async (host, emu, env, command) => {
  const { main, post } = await runJob({
    inputs: { host, token: emu.token, 'cluster-id': emu.clusterId, command },
    env
  })
  if (main.exitCode !== 0 || post.exitCode !== 0)
    throw new Error(`the bundled action failed:\n${main.log}\n${post.log}`)
  return { totalMs: main.durationMs + post.durationMs, result: main.outputs.result ?? '' }
}

const sdk: Run = async (host, emu, env, command) => {
  const step = async (...args: string[]): Promise<{ ms: number; out: string }> => {
    const started = Date.now()
    const { stdout } = await execFileAsync(
      process.execPath,
      [join(ROOT, 'bench/sdk-step.mjs'), ...args],
      { env: { ...process.env, ...env } }
    )
    return { ms: Date.now() - started, out: stdout }
  }
  const main = await step('main', host, emu.token, emu.clusterId, command)
  const { contextId, result } = JSON.parse(main.out) as { contextId: string; result: string }
  const post = await step('post', host, emu.token, emu.clusterId, contextId)
  return { totalMs: main.ms + post.ms, result: result.trim() }
}

/** Node's own start-up on this machine: spawn to exit of an empty script. */
export async function nodeStartupMs(): Promise<number> {
  const started = Date.now()
  await execFileAsync(process.execPath, ['-e', '0'])
  return Date.now() - started
}
