/**
 * `npm run bench`: the bundled action (main and post through the harness, as the runner starts
 * them) and the official SDK's waiters, side by side in one run, each through a delay proxy
 * that gives every connection a real network's round-trip time. Prints a markdown table and
 * writes the same figures as JSON.
 *
 * Options: --rtts 0,50,100 --seconds 0.2,2,12,60 --reps 1 --json bench/last-run.json
 * Commands of --parallel-from seconds or more run all at once (they mostly sleep).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from '../harness/runner.js'
import { fakeClockCounts } from './call-count.js'
import { nodeStartupMs, runCell, type Client, type Sample } from './cell.js'
import { median, table } from './table.js'
import { measureStartup } from './startup.js'

const { values } = parseArgs({
  options: {
    rtts: { type: 'string', default: '0,50,100' },
    seconds: { type: 'string', default: '0.2,2,12,60' },
    reps: { type: 'string', default: '1' },
    'parallel-from': { type: 'string', default: '10' },
    json: { type: 'string', default: 'bench/last-run.json' }
  }
})
const list = (s: string): number[] => s.split(',').map(Number)
const rtts = list(values.rtts)
const reps = Number(values.reps)
const parallelFrom = Number(values['parallel-from'])
const CLIENTS: Client[] = ['action', 'sdk']

const startups: number[] = []
for (let i = 0; i < 5; i++) startups.push(await nodeStartupMs())
const startupMs = median(startups)

const samples: Sample[] = []
for (const seconds of list(values.seconds)) {
  for (let rep = 0; rep < reps; rep++) {
    const cells = rtts.flatMap(rtt => CLIENTS.map(client => ({ client, rtt })))
    const measure = (c: { client: Client; rtt: number }): Promise<Sample> =>
      runCell(c.client, c.rtt, seconds)
    if (seconds >= parallelFrom) samples.push(...(await Promise.all(cells.map(measure))))
    else for (const c of cells) samples.push(await measure(c))
    process.stderr.write(`measured ${seconds} s, run ${rep + 1} of ${reps}\n`)
  }
}
const fake = await fakeClockCounts(600, rtts)

const meta = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  nodeStartupMs: startupMs,
  mainBundleBytes: bundleBytes('main'),
  postBundleBytes: bundleBytes('post'),
  /** The machine's 1-minute load average at the end: absolute times grow with it. */
  loadAverage: Number((loadavg()[0] ?? 0).toFixed(1)),
  reps
}
const startup = [await measureStartup('main'), await measureStartup('post')]
const out = { meta, samples, fakeClock: fake, startup }
writeFileSync(resolve(ROOT, values.json), `${JSON.stringify(out, null, 2)}\n`)
console.log(table(out))

/** The entry and every chunk it may load. */
function bundleBytes(entry: string): number {
  const dir = join(ROOT, 'dist', entry)
  return readdirSync(dir)
    .filter(f => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
}
