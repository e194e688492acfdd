import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Emulator, env, startEmulator } from '../support/e2e.js'
import { runJob } from '../../harness/runner.js'

let emu: Emulator
const ws = mkdtempSync(join(tmpdir(), 'ws-bad-'))
beforeAll(async () => {
  emu = await startEmulator()
  mkdirSync(join(ws, 'scripts'))
  writeFileSync(join(ws, 'huge.py'), Buffer.alloc(11 * 1024 * 1024, 0x23))
  writeFileSync(join(ws, 'locked.py'), 'print(1)')
  chmodSync(join(ws, 'locked.py'), 0o000)
  writeFileSync(join(ws, 'empty.py'), '')
})
afterAll(() => emu.stop())
beforeEach(() => emu.reset())
// A test that fails half way must not leave contexts that fail the next one too.
afterEach(() => emu.registry.stopAll())

const asRoot = process.getuid?.() === 0

/** [case, input overrides, expected ::error:: line]. Every case is refused before any API call. */
const CASES: [string, Record<string, string>, RegExp][] = [
  [
    'empty host',
    { host: '' },
    /^Input host is required: set it to your workspace URL, e\.g\. https:\/\/.*, or set DATABRICKS_HOST\.$/
  ],
  [
    'http:// host',
    { host: 'http://adb-1.azuredatabricks.net' },
    /^Invalid input host 'http:\/\/adb-1\.azuredatabricks\.net': http is refused .* Use https:\/\/adb-1\.azuredatabricks\.net\.$/
  ],
  [
    'malformed host',
    { host: 'https://exa mple.com' },
    /^Invalid input host 'https:\/\/exa mple\.com'/
  ],
  [
    'host with a bad scheme',
    { host: 'ftp://x.example.com' },
    /^Invalid input host 'ftp:\/\/x\.example\.com': only https:\/\//
  ],
  ['empty cluster-id', { 'cluster-id': '' }, /^Input cluster-id is required/],
  [
    'cluster-id with spaces',
    { 'cluster-id': 'my cluster' },
    /^Invalid input cluster-id 'my cluster'/
  ],
  [
    'unknown language',
    { language: 'cobol' },
    /^Invalid input language 'cobol': expected one of python, scala, sql, r\.$/
  ],
  [
    'both command and file',
    { command: '1', file: 'job.py' },
    /^Inputs command and file were both given: set exactly one/
  ],
  [
    'neither command nor file',
    { command: '', file: '' },
    /^Neither command nor file was given: set command to inline code, or file to a path/
  ],
  [
    'missing file',
    { command: '', file: 'nope.py' },
    /^Input file 'nope\.py' was not found \(looked for .*nope\.py\)\. Paths are relative to the repository root/
  ],
  [
    'directory as file',
    { command: '', file: 'scripts' },
    /^Input file 'scripts' is not a regular file/
  ],
  [
    'huge file',
    { command: '', file: 'huge.py' },
    /^Input file 'huge\.py' is 11\.0 MiB; the limit is 10 MiB/
  ],
  [
    'empty file',
    { command: '', file: 'empty.py' },
    /^Input file 'empty\.py' is empty: there is nothing to run\.$/
  ],
  [
    'bad timeout',
    { timeout: 'ten minutes' },
    /^Invalid input timeout 'ten minutes': expected a positive duration such as 90s, 20m, 1h/
  ],
  ['zero timeout', { timeout: '0s' }, /^Invalid input timeout '0s'/],
  ['bad request-timeout', { 'request-timeout': '-1' }, /^Invalid input request-timeout '-1'/],
  [
    'fail-on-error: maybe',
    { 'fail-on-error': 'maybe' },
    /^Invalid input fail-on-error 'maybe': expected true or false\.$/
  ],
  [
    'start-cluster: yes',
    { 'start-cluster': 'yes' },
    /^Invalid input start-cluster 'yes': expected true or false\.$/
  ],
  [
    'token and username/password at once',
    { username: 'u', password: 'p' },
    /^More than one authorization method configured: pat \(input token\) and basic \(input username, input password\)\. Set auth-type to the one to use/
  ],
  [
    'username without password',
    { token: '', username: 'u' },
    /^basic authentication needs input password \(or DATABRICKS_PASSWORD\)/
  ],
  ['no credentials at all', { token: '' }, /^No credentials: set the token input/]
]
if (!asRoot)
  CASES.push([
    'unreadable file',
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
    expect(main.exitCode).toBe(1)
    expect(main.errors).toHaveLength(1)
    expect(main.errors[0]).toMatch(expected)
    expect(emu.calls).toEqual([])
    expect(main.state).toEqual({})
    // Only the status, as the README promises for every run: no ids, no result.
    expect(main.outputs).toEqual({ status: 'Failed' })
    expect(post.exitCode).toBe(0)
    expect(post.log).toContain('Nothing to clean up')
    expect(emu.calls).toEqual([])
  })

  it('refuses two kinds of credentials coming from the environment', async () => {
    const inputs = { host: emu.url, 'cluster-id': emu.clusterId, command: '1' }
    const { main } = await runJob({
      inputs,
      env: {
        ...env(emu),
        DATABRICKS_TOKEN: 't',
        DATABRICKS_USERNAME: 'u',
        DATABRICKS_PASSWORD: 'p'
      }
    })
    expect(main.errors[0]).toMatch(
      /^More than one authorization method configured: pat \(DATABRICKS_TOKEN\) and basic \(DATABRICKS_USERNAME, DATABRICKS_PASSWORD\)/
    )
    expect(emu.calls).toEqual([])
  })
})
