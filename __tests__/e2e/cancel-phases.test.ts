import { beforeEach, describe, expect, it } from '@jest/globals'
import { SIGINT_TO_SIGTERM_MS } from '../../src/common/limits.js'
import { calls, Emulator, expectNothingLeft, job, step, useEmulator } from '../support/e2e.js'

let emu: Emulator
let cluster = ''
useEmulator(e => {
  emu = e
  cluster = e.clusterId
})
beforeEach(() => emu.setClusters([{ id: cluster }]))

/** The runner kills at 10 s after SIGINT; the action must be done well before SIGTERM at 7.5 s. */
function expectPromptExit(r: {
  exitCode: number | null
  signal: string | null
  durationMs: number
  cancelledAtMs?: number
}): void {
  expect(r.cancelledAtMs).toBeDefined()
  expect(r.signal).toBeNull()
  expect(r.exitCode).toBe(1)
  expect(r.durationMs - (r.cancelledAtMs ?? 0)).toBeLessThan(SIGINT_TO_SIGTERM_MS)
}

describe('job cancellation (SIGINT, SIGTERM at 7.5 s, kill at 10 s) at each phase', () => {
  it('during cluster start: stops waiting; nothing to clean up', async () => {
    emu.setClusters([{ id: cluster, state: 'TERMINATED', startDelayMs: 60_000 }])
    const { main, post } = await job(
      emu,
      { command: '1', 'start-cluster': 'true' },
      { cancel: { whenLog: /starting it/ } }
    )
    expectPromptExit(main)
    expect(main.errors[0]).toBe('The job was cancelled')
    expect(main.outputs.status).toBe('Cancelled')
    expect(calls(emu, 'POST', '1.2/contexts/create').map(c => c.status)).toEqual([400])
    expect(post.log).toContain('Nothing to clean up')
    await expectNothingLeft(emu)
  })

  it('during the context wait: stops waiting; post destroys the saved context', async () => {
    emu.faults.set({ contextPendingMs: -1 })
    const { main, post } = await job(
      emu,
      { command: '1' },
      { cancel: { whenLog: /waiting for it to be ready/ } }
    )
    expectPromptExit(main)
    expect(main.state['context-id']).toMatch(/^\S+$/)
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(0)
    expect(post.log).toContain(`Destroyed execution context ${main.state['context-id']}`)
    await expectNothingLeft(emu)
  })

  it.each([
    // Cancelled once main has logged the command's start.
    ['the cancel is slow to answer', '/api/1.2/commands/cancel', 1500, false],
    // Cancelled once main's status request is actually hanging: it must be aborted, not left
    // to hold the process.
    ['a status request hangs', '/api/1.2/commands/status', 30_000, true]
  ])(
    'during execution, when %s: cancels the remote command',
    async (_when, path, latencyMs, onStatus) => {
      emu.faults.set({ rules: [{ path, latencyMs }] })
      const statusSent = (): boolean => calls(emu, 'GET', '1.2/commands/status').length > 0
      const { main, post } = await job(
        emu,
        { command: 'import time\ntime.sleep(60)' },
        { cancel: onStatus ? { when: statusSent } : { whenLog: /Started command/ } }
      )
      expectPromptExit(main)
      expect(main.errors[0]).toMatch(/^The job was cancelled; command \w+ was cancelled\.$/)
      expect(main.state['command-done']).toBe('true')
      expect(calls(emu, 'POST', '1.2/commands/cancel')).toHaveLength(1)
      expect(post.exitCode).toBe(0)
      await expectNothingLeft(emu)
    }
  )

  it('during execution when the cancel never takes effect: exits within the window, post cancels again', async () => {
    emu.faults.set({ cancelMode: 'ignore' })
    const { main, post } = await job(
      emu,
      { command: 'import time\ntime.sleep(60)' },
      { cancel: { whenLog: /Started command/ } }
    )
    expectPromptExit(main)
    expect(main.errors[0]).toMatch(/^The job was cancelled; command \w+ was asked to cancel\.$/)
    expect(main.state['command-done']).toBe('false')
    expect(post.log).toMatch(/Cancelled command \w+/)
    expect(post.log).toMatch(/Destroyed execution context/)
    await expectNothingLeft(emu)
  })

  it('during post: cleanup finishes instead of dying half way', async () => {
    // Main alone, then its post with the destroy slowed down and a cancel sent meanwhile.
    const fresh = await step(emu, {
      entry: 'main',
      inputs: { host: emu.url, token: emu.token, 'cluster-id': cluster, command: '2' }
    })
    emu.faults.set({ rules: [{ path: '/api/1.2/contexts/destroy', latencyMs: 1500 }] })
    const post = await step(emu, {
      entry: 'post',
      inputs: { host: emu.url, token: emu.token },
      state: fresh.state,
      // Once the destroy is on its way: post's handler is in place by then, whatever the load.
      cancel: { when: () => calls(emu, 'POST', '1.2/contexts/destroy').length > 0 }
    })
    expect(post.cancelledAtMs).toBeDefined()
    expect(post.exitCode).toBe(0)
    expect(post.log).toContain('Cancel received; finishing cleanup first')
    expect(post.log).toContain(`Destroyed execution context ${fresh.state['context-id']}`)
    await expectNothingLeft(emu)
  })
})
