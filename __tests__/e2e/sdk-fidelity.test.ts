import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../../harness/runner.js'
import { Emulator, expectNothingLeft, useEmulator } from '../support/e2e.js'
import type { WireCommand } from '../support/emulator-client.js'

/** What __tests__/support/sdk-client.mjs prints: the SDK's own answers. */
interface SdkRun {
  clusterState: string
  context: { id: string; status: string }
  text: WireCommand
  persisted: WireCommand
  error: WireCommand
  table: WireCommand
}

let emu: Emulator
useEmulator(e => (emu = e))

describe('fidelity: the official Databricks JS SDK against the emulator', () => {
  it('creates and waits, executes and waits, reads results, destroys', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, '__tests__/support/sdk-client.mjs'), emu.url, emu.token, emu.clusterId],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_EXTRA_CA_CERTS: emu.caCert
        },
        timeout: 60_000
      }
    )
    const out = JSON.parse(stdout) as SdkRun
    expect(out.clusterState).toBe('RUNNING')
    expect(out.context).toEqual({ id: expect.any(String), status: 'Running' })
    expect(out.text).toMatchObject({
      status: 'Finished',
      results: { resultType: 'text', data: '42' }
    })
    expect(out.persisted.results.data).toMatch(/^Out\[\d+\]: 41$/)
    expect(out.error.status).toBe('Finished')
    expect(out.error.results.resultType).toBe('error')
    expect(out.error.results.summary).toBe(
      "<span class='ansi-red-fg'>KeyError</span>: &#x27;missing&#x27;"
    )
    expect(out.error.results.cause).toContain('\u001b[0;31mKeyError\u001b[0m')
    expect(out.table.results).toEqual({
      resultType: 'table',
      data: [[1, 'two']],
      schema: [
        { name: 'one', type: '"long"', metadata: '{}' },
        { name: 'two', type: '"string"', metadata: '{}' }
      ],
      truncated: false,
      isJsonSchema: true
    })
    await expectNothingLeft(emu)
  })

  it('is refused without trust in the emulator certificate (TLS is really checked)', async () => {
    const run = promisify(execFile)(
      process.execPath,
      [join(ROOT, '__tests__/support/sdk-client.mjs'), emu.url, emu.token, emu.clusterId],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        timeout: 60_000
      }
    )
    await expect(run).rejects.toThrow(/self-signed|certificate/i)
  })
})
