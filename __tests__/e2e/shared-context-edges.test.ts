import { describe, expect, it } from '@jest/globals'
import { canned } from '../../emulator/canned-results.js'
import { calls, Emulator, step, target, theError, useEmulator } from '../support/e2e.js'
import type { StepResult } from '../../harness/runner.js'

let emu: Emulator
useEmulator(e => (emu = e), { checkNothingLeft: true })

const main = (inputs: Record<string, string>) =>
  step(emu, { entry: 'main', inputs: target(emu, inputs) })
const post = (of: StepResult) => step(emu, { entry: 'post', inputs: target(emu), state: of.state })

/** Everything the user could see of a step: the log, the summary and its outputs. */
const seen = (r: StepResult) => `${r.rawLog}\n${r.summary}\n${JSON.stringify(r.outputs)}`

describe('a shared context asked on another cluster', () => {
  it('says the cluster differs from the creating step and how to pass it; the fix works', async () => {
    emu.setClusters([
      { id: 'c-setup', name: 'ci' },
      { id: 'c-other', name: 'ci-2' }
    ])
    try {
      const setup = await main({ 'cluster-id': 'c-setup', command: 'x = 41' })
      expect(setup.exitCode).toBe(0)
      const contextId = setup.outputs['context-id'] ?? ''
      expect(setup.outputs['cluster-id']).toBe('c-setup')

      // A later step that names another cluster (a different cluster-id or cluster-name).
      const wrong = await main({
        'cluster-id': '',
        'cluster-name': 'ci-2',
        'context-id': contextId,
        command: 'x'
      })
      expect(wrong.exitCode).toBe(1)
      const message = theError(wrong)
      expect(message).toMatch(
        new RegExp(
          `^Execution context ${contextId} \\(input context-id\\) is gone from cluster c-other: it was destroyed .*or, likeliest, it was made on another cluster: this step's cluster-id or cluster-name differs from the one of the step that created it`
        )
      )
      expect(message).toContain('(Databricks said: HTTP 400: ContextNotFound: Context')
      expect(message).toContain(
        'Give this step the cluster of the step that created the context (cluster-id: ${{ steps.<setup>.outputs.cluster-id }}).'
      )
      // Nothing was created, run or destroyed on the other cluster.
      expect(calls(emu, 'POST', '1.2/contexts/create')).toHaveLength(1)
      expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(1)
      expect((await post(wrong)).warnings).toEqual([])

      // The advice followed: the setup step's cluster-id output reaches the same context.
      const right = await main({
        'cluster-id': setup.outputs['cluster-id'] ?? '',
        'context-id': contextId,
        command: 'dbutils.notebook.exit(str(x + 1))'
      })
      expect(right.outputs.result).toBe('42')
      await post(right)
      expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(0)
      const last = await post(setup)
      expect(last.log).toContain(`Destroyed execution context ${contextId}`)
    } finally {
      emu.setClusters([{ id: emu.clusterId }])
    }
  })
})

describe('parameters in a shared context that is not a Python one', () => {
  it('says to create the shared context with language python, and never shows the encoded values', async () => {
    // The setup step made an R context (the emulator cannot run R: its answer is canned).
    emu.faults.set({ commandOutcomes: [canned.rText('[1] "ready"')] })
    const setup = await main({ language: 'r', command: 'ready <- TRUE' })
    expect(setup.exitCode).toBe(0)
    const contextId = setup.outputs['context-id'] ?? ''
    const value = "ann'; DROP TABLE users; -- a value nobody should see in a message"
    const sql = {
      'context-id': contextId,
      language: 'sql',
      parameters: JSON.stringify({ who: value }),
      command: 'SELECT :who AS who'
    }
    const advice =
      'and params are defined by a Python command (SQL with parameters runs in Python too), so that context must be a Python one: create the shared context with language: python in the step that makes it.'

    // The Python prelude, refused in the R context.
    const refused = await main(sql)
    expect(refused.exitCode).toBe(1)
    expect(theError(refused)).toMatch(
      new RegExp(
        `^Failed to define the parameters \\(params\\) in execution context ${contextId}: the command ended Finished with .*Python.*\\. Execution context ${contextId} was made by an earlier step \\(input context-id\\), `
      )
    )
    expect(theError(refused)).toContain(advice)
    await post(refused)

    // A service that echoes the failing code: the base64 of the values is cut out.
    const encoded = Buffer.from(JSON.stringify({ who: value })).toString('base64')
    emu.faults.set({
      commandOutcomes: [
        {
          results: {
            resultType: 'error',
            summary: `SyntaxError: cannot run "${encoded}" here`,
            cause: `  File "<command>", line 3\n    "${encoded}"\n    ^\nSyntaxError: cannot run "${encoded}" here`
          }
        }
      ]
    })
    const echoed = await main(sql)
    expect(theError(echoed)).toContain(
      `with SyntaxError: cannot run "[encoded parameters]" here. Execution context ${contextId} was made by an earlier step`
    )
    for (const part of [encoded.slice(0, 12), encoded.slice(40, 52), value])
      expect(seen(echoed)).not.toContain(part)
    // The user's command never ran: only the setup's command and the two preludes did.
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(3)
    await post(echoed)
    const last = await post(setup)
    expect(last.log).toContain(`Destroyed execution context ${contextId}`)
  })
})
