/**
 * `npm run bench`: how fast this action sees a context become ready and a command finish,
 * against the official Databricks JS SDK's waiters, on the same local emulator in the same run.
 * Also times the bundled action end to end as the runner would run it.
 *
 * Options: --reps N (default 3), --seconds 0,0.5,2,5 (command durations to measure).
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { Emulator } from '../emulator/emulator.js'
import type { Sample } from './sample.js'
import { NODE_BINARY, nodeBinaryVersion, ROOT, runJob } from '../harness/runner.js'

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '0,0.5,2,5' }
  }
})

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

const emulator = await Emulator.start()
try {
  const tsx = join(ROOT, 'node_modules/.bin/tsx')
  const { stdout } = await promisify(execFile)(
    tsx,
    [
      join(ROOT, 'bench/measure.ts'),
      emulator.url,
      emulator.token,
      emulator.clusterId,
      values.reps,
      values.seconds
    ],
    {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caCert },
      maxBuffer: 16 * 1024 * 1024
    }
  )
  const samples = JSON.parse(stdout) as Sample[]

  console.log(
    `\nPolling benchmark: ${values.reps} runs per cell, medians. "overshoot" = time from execute to result, minus the command's own duration.\n`
  )
  console.log(
    '| command | client | context ready | command result | overshoot | context polls | command polls |'
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const seconds of [...new Set(samples.map(s => s.seconds))]) {
    for (const client of ['this action', 'Databricks JS SDK']) {
      const cell = samples.filter(s => s.seconds === seconds && s.client === client)
      const ctx = median(cell.map(s => s.contextMs))
      const cmd = median(cell.map(s => s.commandMs))
      console.log(
        `| sleep ${seconds}s | ${client} | ${ctx.toFixed(0)} ms | ${cmd.toFixed(0)} ms | ${(cmd - seconds * 1000).toFixed(0)} ms | ${median(cell.map(s => s.contextPolls))} | ${median(cell.map(s => s.commandPolls))} |`
      )
    }
  }

  // The whole bundled action, main and post, as separate processes like the runner starts them.
  const whole: number[] = []
  for (let i = 0; i < Number(values.reps); i++) {
    const started = performance.now()
    const { main, post } = await runJob({
      inputs: {
        host: emulator.url,
        token: emulator.token,
        'cluster-id': emulator.clusterId,
        command: '1 + 1'
      },
      env: { NODE_EXTRA_CA_CERTS: emulator.caCert }
    })
    if (main.exitCode !== 0 || post.exitCode !== 0)
      throw new Error(`bundled action failed: ${main.log}`)
    whole.push(performance.now() - started)
  }
  console.log(
    `\nBundled action end to end (main + post processes, quick command): median ${median(whole).toFixed(0)} ms over ${whole.length} runs, on Node ${nodeBinaryVersion()} (${NODE_BINARY}).`
  )
  console.log(`Contexts left on the emulator: ${emulator.registry.liveContexts}`)
} finally {
  await emulator.stop()
}
