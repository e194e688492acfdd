import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runJob, type StepResult } from '../../harness/runner.js'
import { Emulator, env, useEmulator } from '../support/e2e.js'

/**
 * What only the bundled step can show about bad input: the runner's INPUT_* variables and the
 * real file system reach the check, and a refused step makes no call, saves no state, writes
 * no output, and leaves its post step nothing to do. Every message of every bad input is
 * checked in __tests__/unit/inputs.test.ts; here one case per place an input error comes from.
 */
let emu: Emulator
useEmulator(e => (emu = e))

const ws = mkdtempSync(join(tmpdir(), 'ws-bad-'))
writeFileSync(join(ws, 'locked.py'), 'print(1)')
chmodSync(join(ws, 'locked.py'), 0o000)
const asRoot = process.getuid?.() === 0

function expectRefusedBeforeAnyCall(main: StepResult, post: StepResult, expected: RegExp): void {
  expect(main.exitCode).toBe(1)
  expect(main.errors).toHaveLength(1)
  expect(main.errors[0]).toMatch(expected)
  expect(main.state).toEqual({})
  // Only the status, as the README promises for every run: no ids, no result.
  expect(main.outputs).toEqual({ status: 'Failed' })
  expect(post.exitCode).toBe(0)
  expect(post.log).toContain('Nothing to clean up')
  expect(emu.calls).toEqual([])
}

/** [case, input overrides, expected ::error:: line]. */
const CASES: [string, Record<string, string>, RegExp][] = [
  // A hyphenated name read from INPUT_FAIL-ON-ERROR, over action.yml's default.
  [
    'a bad boolean input',
    { 'fail-on-error': 'maybe' },
    /^Invalid input fail-on-error 'maybe': expected true or false\.$/
  ],
  // Read relative to GITHUB_WORKSPACE on the real file system.
  [
    'a file that is not there',
    { command: '', file: 'nope.py' },
    new RegExp(`^Input file 'nope\\.py' was not found \\(looked for ${join(ws, 'nope.py')}\\)`)
  ],
  ['no credentials at all', { token: '' }, /^No credentials: set the token input/]
]
// Root reads any file, so the permission case only holds for other users.
if (!asRoot)
  CASES.push([
    'a file the runner cannot read',
    { command: '', file: 'locked.py' },
    /^Input file 'locked\.py' cannot be read: EACCES/
  ])

describe('bad input: a clear error before any API call, and a post step that does nothing', () => {
  it.each(CASES)('%s', async (_name, over, expected) => {
    const inputs = {
      host: emu.url,
      token: emu.token,
      'cluster-id': emu.clusterId,
      command: 'print(1)',
      ...over
    }
    const { main, post } = await runJob({ inputs, env: env(emu), workspace: ws })
    expectRefusedBeforeAnyCall(main, post, expected)
  })

  it('refuses two kinds of credentials coming from the environment', async () => {
    const inputs = { host: emu.url, 'cluster-id': emu.clusterId, command: '1' }
    const { main, post } = await runJob({
      inputs,
      env: {
        ...env(emu),
        DATABRICKS_TOKEN: 't',
        DATABRICKS_USERNAME: 'u',
        DATABRICKS_PASSWORD: 'p'
      }
    })
    expectRefusedBeforeAnyCall(
      main,
      post,
      /^More than one authorization method configured: pat \(DATABRICKS_TOKEN\) and basic \(DATABRICKS_USERNAME, DATABRICKS_PASSWORD\)/
    )
  })
})
