/**
 * The measuring half of `npm run bench`, started by poll-bench.ts with NODE_EXTRA_CA_CERTS so
 * both clients verify the emulator's certificate. Prints one JSON object of samples.
 */
import { Secrets } from '../src/common/secrets.js'
import { WorkspaceClient } from '@databricks/sdk-experimental'
import { realSleep, systemClock, Deadline } from '../src/common/time.js'
import { silentLogger } from '../src/common/logger.js'
import { DatabricksApi } from '../src/databricks/api.js'
import { TokenAuth } from '../src/databricks/auth/static.js'
import { ActionsHttpTransport } from '../src/databricks/transport.js'
import { ExecutionApi, isFinalCommandState } from '../src/databricks/execution.js'
import { pollUntil } from '../src/common/poll.js'
import type { Sample } from './sample.js'

const [url = '', token = '', clusterId = '', repsText = '3', secondsText = '0,0.5,2,5'] =
  process.argv.slice(2)
const reps = Number(repsText)
const durations = secondsText.split(',').map(Number)

async function admin(path: string, method = 'GET'): Promise<{ calls: { path: string }[] }> {
  const res = await fetch(`${url}/__emulator/${path}`, { method })
  return (await res.json()) as { calls: { path: string }[] }
}

async function statusCalls(): Promise<{ context: number; command: number }> {
  const { calls } = await admin('state')
  return {
    context: calls.filter(c => c.path === '/api/1.2/contexts/status').length,
    command: calls.filter(c => c.path === '/api/1.2/commands/status').length
  }
}

/** This action's own client and poller, exactly as the bundled action uses them. */
async function ours(seconds: number): Promise<Sample> {
  const secrets = new Secrets()
  const api = new DatabricksApi({
    host: url,
    auth: new TokenAuth(token, secrets),
    secrets,
    transport: new ActionsHttpTransport(),
    sleep: realSleep,
    logger: silentLogger,
    requestTimeoutMs: 30_000
  })
  const exec = new ExecutionApi(api, clusterId)
  const call = { deadline: Deadline.after(systemClock, 600_000, '10m') }
  const poll = {
    deadline: call.deadline,
    clock: systemClock,
    sleep: realSleep,
    logger: silentLogger
  }
  await admin('reset', 'POST')
  const t0 = performance.now()
  const ctx = await exec.createContext('python', call)
  await pollUntil({
    what: 'context',
    fetch: () => exec.contextStatus(ctx, call),
    isDone: s => s !== 'Pending',
    describe: s => s,
    ...poll
  })
  const t1 = performance.now()
  const cmd = await exec.execute(
    ctx,
    'python',
    { kind: 'inline', code: `import time\ntime.sleep(${seconds})` },
    call
  )
  await pollUntil({
    what: 'command',
    fetch: () => exec.commandStatus(ctx, cmd, call),
    isDone: isFinalCommandState,
    describe: s => s.status,
    ...poll
  })
  const t2 = performance.now()
  const polls = await statusCalls()
  await exec.destroyContext(ctx, call)
  return {
    client: 'this action',
    seconds,
    contextMs: t1 - t0,
    commandMs: t2 - t1,
    contextPolls: polls.context,
    commandPolls: polls.command
  }
}

/** The official SDK's waiters on the same calls. */
async function sdk(seconds: number): Promise<Sample> {
  const w = new WorkspaceClient({ host: url, token, authType: 'pat', skipVerify: false })
  await admin('reset', 'POST')
  const t0 = performance.now()
  const ctx = await (await w.commandExecution.create({ clusterId, language: 'python' })).wait()
  const t1 = performance.now()
  await (
    await w.commandExecution.execute({
      clusterId,
      contextId: ctx.id,
      language: 'python',
      command: `import time\ntime.sleep(${seconds})`
    })
  ).wait()
  const t2 = performance.now()
  const polls = await statusCalls()
  await w.commandExecution.destroy({ clusterId, contextId: ctx.id ?? '' })
  return {
    client: 'Databricks JS SDK',
    seconds,
    contextMs: t1 - t0,
    commandMs: t2 - t1,
    contextPolls: polls.context,
    commandPolls: polls.command
  }
}

const samples: Sample[] = []
for (const seconds of durations) {
  for (let i = 0; i < reps; i++) {
    // Alternate the order so neither client always runs on a warmer emulator.
    const pair = i % 2 === 0 ? [ours, sdk] : [sdk, ours]
    for (const f of pair) samples.push(await f(seconds))
  }
}
process.stdout.write(JSON.stringify(samples))
