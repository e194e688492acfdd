import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runJob } from '../../harness/runner.js'
import { call } from '../support/emulator-client.js'
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js'

// The context limit (145 on the service; 20 here): with every context busy, contexts/create
// fails and creates nothing, so the action waits for room instead of failing. Three times as
// many steps as the limit start at once on one cluster; all must succeed and leave nothing.
const LIMIT = 20
const STEPS = 3 * LIMIT
/** Long enough that the first LIMIT commands hold every context while the rest ask. */
const COMMAND_SECONDS = 6

interface State {
  liveContexts: number
  liveProcesses: number
  peakContexts: number
  calls: { method: string; path: string; status: number | string }[]
}

let emu: EmulatorProcess
beforeAll(async () => {
  // Its own process: 60 steps' harness and the emulator do not share one event loop.
  emu = await startEmulatorProcess(['--limits', JSON.stringify({ maxContextsPerCluster: LIMIT })])
})
afterAll(() => emu.stop())

async function state(): Promise<State> {
  return (await call(emu, 'GET', '/__emulator/state')).body as unknown as State
}

describe(`the context limit: ${STEPS} steps at once on a limit of ${LIMIT}`, () => {
  it('all succeed, none is left behind, and the waits are logged', async () => {
    const started = Date.now()
    const runs = await Promise.all(
      Array.from({ length: STEPS }, (_, i) =>
        runJob({
          inputs: {
            host: emu.url,
            token: emu.token,
            'cluster-id': emu.clusterId,
            command: `import time\nmine = ${i}\ntime.sleep(${COMMAND_SECONDS})\nmine * 10`,
            timeout: '10m'
          },
          env: { NODE_EXTRA_CA_CERTS: emu.caCert },
          killAfterMs: 600_000
        })
      )
    )
    const wallMs = Date.now() - started
    let s = await state()
    for (let i = 0; i < 40 && (s.liveContexts || s.liveProcesses); i++) {
      await new Promise(r => setTimeout(r, 50))
      s = await state()
    }
    const creates = s.calls.filter(c => c.path === '/api/1.2/contexts/create')
    const refused = creates.filter(c => c.status === 500).length
    const waited = runs.filter(r => /waiting for room/.test(r.main.log)).length
    const figures = {
      steps: STEPS,
      limit: LIMIT,
      commandSeconds: COMMAND_SECONDS,
      wallSeconds: Math.round(wallMs / 100) / 10,
      peakContexts: s.peakContexts,
      createRetries: refused,
      stepsThatWaited: waited,
      leftBehind: s.liveContexts
    }
    // Recorded before the checks, so a failing run still shows its figures.
    process.stdout.write(`context-limit: ${JSON.stringify(figures)}\n`)
    runs.forEach(({ main, post }, i) => {
      expect({
        i,
        main: main.exitCode,
        post: post.exitCode,
        errors: main.errors,
        postWarnings: post.warnings
      }).toEqual({ i, main: 0, post: 0, errors: [], postWarnings: [] })
      expect(main.outputs.result).toBe(String(i * 10))
    })
    expect(creates.length - refused).toBe(STEPS)
    // The limit held and was reached: the extra steps really had to wait.
    expect(s.peakContexts).toBe(LIMIT)
    expect(refused).toBeGreaterThan(0)
    // Steps that start late (2 cores start 60 Node processes slowly) may find room at once.
    expect(waited).toBeGreaterThan(0)
    expect({ contexts: s.liveContexts, processes: s.liveProcesses }).toEqual({
      contexts: 0,
      processes: 0
    })
  }, 900_000)
})
