/**
 * `npm run bench:profile -- --rtt 100 --seconds 0.2`: one run of the bundled action through the
 * delay proxy, as a timeline: when each process started, connected, each call reached the
 * server, the command ended, and each process exited (ms since main was spawned). Shows where
 * the overhead beyond the command goes.
 *
 * BENCH_NODE_OPTIONS is passed to the steps as NODE_OPTIONS, e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` for CPU profiles, or `--import=$PWD/bench/marks.mjs` with
 * BENCH_MARKS=/tmp/marks.txt for each process's own timeline (bench/marks.mjs).
 */
import { parseArgs } from 'node:util'
import { Emulator, type CallRecord } from '../emulator/emulator.js'
import { runStep } from '../harness/runner.js'
import { DelayProxy } from './delay-proxy.js'

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '0.2' },
    runs: { type: 'string', default: '1' }
  }
})
const rttMs = Number(values.rtt)
const seconds = Number(values.seconds)

for (let run = 0; run < Number(values.runs); run++) {
  const emu = await Emulator.start()
  const proxy = await DelayProxy.start(Number(new URL(emu.url).port), rttMs)
  const events: [number, string][] = []
  const push = emu.calls.push.bind(emu.calls)
  emu.calls.push = (...records: CallRecord[]): number => {
    for (const r of records) events.push([Date.now(), `server got ${r.method} ${r.path}`])
    return push(...records)
  }
  const host = `https://127.0.0.1:${proxy.port}`
  const inputs = {
    host,
    token: emu.token,
    'cluster-id': emu.clusterId,
    command: `import time\ntime.sleep(${seconds})\nprint(repr(time.time()))`
  }
  const env: Record<string, string> = { NODE_EXTRA_CA_CERTS: emu.caCert }
  if (process.env.BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS
  if (process.env.BENCH_MARKS) env.BENCH_MARKS = process.env.BENCH_MARKS
  try {
    const t0 = Date.now()
    events.push([t0, 'main spawned'])
    const main = await runStep({ entry: 'main', inputs, env })
    events.push([t0 + main.durationMs, `main exited (${main.exitCode})`])
    const ended = Number(main.outputs.result) * 1000
    events.push([ended, 'command ended on the server'])
    events.push([ended - seconds * 1000, 'command started on the server'])
    const t1 = Date.now()
    events.push([t1, 'post spawned'])
    const post = await runStep({ entry: 'post', inputs, env, state: main.state })
    events.push([t1 + post.durationMs, `post exited (${post.exitCode})`])
    for (const at of proxy.connectedAt) events.push([at, 'TCP connection accepted by the proxy'])
    events.sort((a, b) => a[0] - b[0])
    let last = t0
    console.log(`\nRTT ${rttMs} ms, ${seconds} s command, run ${run + 1}:`)
    for (const [at, what] of events) {
      console.log(`${String(at - t0).padStart(6)} ms (+${String(at - last).padStart(4)})  ${what}`)
      last = at
    }
    const overhead = main.durationMs + post.durationMs - seconds * 1000
    console.log(
      `overhead beyond the command: ${overhead} ms (main ${main.durationMs}, post ${post.durationMs})`
    )
  } finally {
    await proxy.stop()
    await emu.stop()
  }
}
