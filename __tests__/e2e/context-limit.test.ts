import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Emulator, expectNothingLeft, job, startEmulator } from '../support/e2e.js'

// The context limit (145 on the service; 20 here): with every context busy, contexts/create
// fails and creates nothing, so the action waits for room instead of failing. Three times as
// many steps as the limit start at once on one cluster; all must succeed and leave nothing.
const LIMIT = 20
const STEPS = 3 * LIMIT
/** Long enough that the first LIMIT commands hold every context while the rest ask. */
const COMMAND_SECONDS = 6

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ limits: { maxContextsPerCluster: LIMIT } })
})
afterAll(() => emu.stop())

describe(`the context limit: ${STEPS} steps at once on a limit of ${LIMIT}`, () => {
  it('all succeed, none is left behind, and the waits are logged', async () => {
    const started = Date.now()
    const runs = await Promise.all(
      Array.from({ length: STEPS }, (_, i) =>
        job(
          emu,
          {
            command: `import time\nmine = ${i}\ntime.sleep(${COMMAND_SECONDS})\nmine * 10`,
            timeout: '10m',
            // Six other jobs share this machine's 2 cores: a slow answer here is the machine.
            'request-timeout': '5m'
          },
          { killAfterMs: 600_000 }
        )
      )
    )
    const wallMs = Date.now() - started
    // Recorded before the checks, so a failing run still shows its figures.
    process.stdout.write(
      `context-limit raw: ${JSON.stringify({ wallMs, peak: emu.registry.peakContexts, live: emu.registry.liveContexts, postWarnings: runs.flatMap(r => r.post.warnings).slice(0, 5) })}\n`
    )
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
    const creates = emu.calls.filter(c => c.path === '/api/1.2/contexts/create')
    const refused = creates.filter(c => c.status === 500).length
    const waited = runs.filter(r => /waiting for room/.test(r.main.log)).length
    expect(creates.length - refused).toBe(STEPS)
    // The limit held and was reached: the extra steps really had to wait.
    expect(emu.registry.peakContexts).toBeLessThanOrEqual(LIMIT)
    expect(emu.registry.peakContexts).toBe(LIMIT)
    expect(refused).toBeGreaterThan(0)
    expect(waited).toBeGreaterThanOrEqual(STEPS - LIMIT)
    const figures = {
      steps: STEPS,
      limit: LIMIT,
      commandSeconds: COMMAND_SECONDS,
      wallSeconds: Math.round(wallMs / 100) / 10,
      peakContexts: emu.registry.peakContexts,
      createRetries: refused,
      stepsThatWaited: waited,
      leftBehind: emu.registry.liveContexts
    }
    process.stdout.write(`context-limit: ${JSON.stringify(figures)}\n`)
    await expectNothingLeft(emu)
  }, 900_000)
})
