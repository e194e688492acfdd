import { describe, expect, it } from '@jest/globals'
import { Emulator, expectNothingLeft, job, useEmulator } from '../support/e2e.js'

let emu: Emulator
useEmulator(e => (emu = e))

const COPIES = 20

describe('load: a job matrix of 20 copies against one cluster', () => {
  it('all succeed, results are not crossed, and no context is left', async () => {
    const started = Date.now()
    // Each copy stores its own number in its context, waits a different time, then reads it
    // back: a crossed context or result shows up as a wrong number.
    const runs = await Promise.all(
      Array.from({ length: COPIES }, (_, i) =>
        job(
          emu,
          {
            command: `import time\nmine = ${i}\ntime.sleep(${((i * 7) % 10) / 20})\nprint(f"copy {mine} of ${COPIES}")\nmine * 1000`
          },
          { killAfterMs: 90_000 }
        )
      )
    )
    const wallMs = Date.now() - started
    runs.forEach(({ main, post }, i) => {
      expect({ i, exit: main.exitCode, post: post.exitCode }).toEqual({ i, exit: 0, post: 0 })
      expect(main.outputs.result).toBe(`copy ${i} of ${COPIES}\n${i * 1000}`)
    })
    const contextIds = new Set(runs.map(r => r.main.outputs['context-id']))
    expect(contextIds.size).toBe(COPIES)
    const creates = emu.calls.filter(c => c.path === '/api/1.2/contexts/create')
    expect(creates).toHaveLength(COPIES)
    await expectNothingLeft(emu)
    // Reported in the issue note.
    process.stdout.write(
      `load: ${COPIES} jobs in ${wallMs} ms wall, peak ${emu.registry.peakContexts} open contexts, ${emu.calls.length} API calls\n`
    )
  }, 120_000)
})
