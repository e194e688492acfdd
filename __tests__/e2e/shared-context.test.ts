import { describe, expect, it } from '@jest/globals'
import { calls, Emulator, step, target, theError, useEmulator } from '../support/e2e.js'
import type { StepResult } from '../../harness/runner.js'

let emu: Emulator
useEmulator(e => (emu = e), { checkNothingLeft: true })

const main = (inputs: Record<string, string>) =>
  step(emu, { entry: 'main', inputs: target(emu, inputs) })
/** Posts run at the end of the job, after every main step, in reverse order. */
const post = (of: StepResult) => step(emu, { entry: 'post', inputs: target(emu), state: of.state })

describe('one execution context across steps', () => {
  it('three steps share one context; only the creating step destroys it, at the end of the job', async () => {
    const setup = await main({ command: 'import math\nbase = 40' })
    expect(setup.exitCode).toBe(0)
    const contextId = setup.outputs['context-id'] ?? ''
    const shared = { 'context-id': contextId }
    const second = await main({
      ...shared,
      command: 'base += 1\nspark.sql("CREATE TEMP VIEW v AS SELECT 1 AS x")'
    })
    const third = await main({
      ...shared,
      command:
        'dbutils.notebook.exit(str(base + math.floor(1.5) + spark.sql("SELECT x FROM v").first().x - 1))'
    })
    expect([second.exitCode, third.exitCode]).toEqual([0, 0])
    expect(third.outputs).toMatchObject({ result: '42', 'context-id': contextId })
    expect(third.log).toContain(`Running in execution context ${contextId}`)
    expect(calls(emu, 'POST', '1.2/contexts/create')).toHaveLength(1)

    for (const s of [third, second]) {
      const p = await post(s)
      expect(p.exitCode).toBe(0)
      expect(p.log).toContain(`Leaving execution context ${contextId} (input context-id)`)
      expect(p.warnings).toEqual([])
    }
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(0)
    expect(emu.registry.liveContexts).toBe(1)
    const last = await post(setup)
    expect(last.log).toContain(`Destroyed execution context ${contextId}`)
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(1)
  })

  it('a context that is gone is a clear error naming the id and what to do; nothing is created', async () => {
    const setup = await main({ command: 'x = 1' })
    const contextId = setup.outputs['context-id'] ?? ''
    await post(setup)
    emu.reset()
    const late = await main({ 'context-id': contextId, command: 'x' })
    expect(late.exitCode).toBe(1)
    expect(theError(late)).toMatch(
      new RegExp(
        `^Execution context ${contextId} \\(input context-id\\) is gone from cluster ${emu.clusterId}: it was destroyed .*evicted .*restarted.* Pass the context-id output of a step that ran earlier in this same job .* or remove context-id to run in a fresh context\\.$`
      )
    )
    expect(calls(emu, 'POST', '1.2/contexts/create')).toHaveLength(0)
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(0)
    const p = await post(late)
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(0)
    expect(p.warnings).toEqual([])
  })

  it('says the cluster went down when it took the context with it', async () => {
    emu.setClusters([{ id: emu.clusterId, terminateDelayMs: 100 }])
    const setup = await main({ command: 'x = 1' })
    const contextId = setup.outputs['context-id'] ?? ''
    emu.clusters.get(emu.clusterId)?.terminate('someone')
    await new Promise(r => setTimeout(r, 200))
    const late = await main({ 'context-id': contextId, command: 'x' })
    expect(theError(late)).toContain(
      `Execution context ${contextId} (input context-id) is gone from cluster ${emu.clusterId}: the cluster is TERMINATED, and a context does not outlive its cluster`
    )
    emu.setClusters([{ id: emu.clusterId }])
  })

  it.each([
    ['', {}],
    [' (with parameters, whose own command ends first)', { parameters: '{"a": "1"}' }]
  ])(
    'post cancels its own command that main could not stop%s, and leaves the context to its owner',
    async (_, extra: Record<string, string>) => {
      const setup = await main({ command: 'x = 1' })
      const contextId = setup.outputs['context-id'] ?? ''
      // Main's cancel on the job cancel has no effect, so the command is still running in post.
      emu.faults.set({ cancelMode: 'ignore' })
      const slow = await step(emu, {
        entry: 'main',
        inputs: target(emu, {
          ...extra,
          'context-id': contextId,
          command: 'import time\ntime.sleep(30)'
        }),
        cancel: { whenLog: /Started command/ }
      })
      expect(slow.exitCode).not.toBe(0)
      const commandId = slow.outputs['command-id'] ?? ''
      expect(slow.state['command-id']).toBe(commandId)
      expect(slow.state['command-done']).toBe('false')
      expect(theError(slow)).toMatch(/was asked to cancel/)
      const byMain = calls(emu, 'POST', '1.2/commands/cancel').length
      emu.faults.set({})
      const p = await post(slow)
      expect(calls(emu, 'POST', '1.2/commands/cancel')).toHaveLength(byMain + 1)
      expect(p.log).toContain(`Cancelled command ${commandId}`)
      expect(emu.registry.command(contextId, commandId).status).toMatch(/Cancel|Finished/)
      expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(0)
      await post(setup)
      expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(1)
    }
  )
})
