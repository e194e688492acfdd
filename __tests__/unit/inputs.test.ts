import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/common/errors.js'
import { parseHost } from '../../src/runner/connection.js'
import { parseInputs, type RawInputs } from '../../src/runner/inputs.js'
import { CREDENTIAL_INPUTS, type CredentialInputs } from '../../src/runner/auth-choice.js'
import type { SourceFs } from '../../src/runner/source.js'
import { RAW_INPUTS as base } from '../support/raw-inputs.js'

/** A file system with a few files, a directory and a file that cannot be read. */
const fs: SourceFs = {
  async stat(p) {
    if (p.endsWith('/dir')) return { isFile: () => false, size: 0 }
    if (p.endsWith('/huge.py')) return { isFile: () => true, size: 11 * 1024 * 1024 }
    if (p.endsWith('/empty.py')) return { isFile: () => true, size: 0 }
    if (/\/(job\.py|q\.sql|a\.scala|b\.R|c\.txt|locked\.py)$/.test(p))
      return { isFile: () => true, size: 10 }
    throw Object.assign(new Error(`ENOENT: no such file or directory, stat '${p}'`), {
      code: 'ENOENT'
    })
  },
  async readFile(p) {
    if (p.endsWith('/locked.py')) throw new Error(`EACCES: permission denied, open '${p}'`)
    if (p.endsWith('/empty.py')) return Buffer.alloc(0)
    return Buffer.from('select 1')
  },
  async realpath(p) {
    return p
  }
}

type Over = Partial<Omit<RawInputs, 'credentials'>> & Partial<CredentialInputs>
/** Input overrides; credential fields (token, username, ...) go into `credentials`. */
const parse = (over: Over, env: NodeJS.ProcessEnv = {}) => {
  const raw = { ...base, credentials: { ...base.credentials } } as RawInputs
  for (const [k, v] of Object.entries(over)) {
    if (k in CREDENTIAL_INPUTS) raw.credentials[k as keyof CredentialInputs] = v
    else (raw as unknown as Record<string, unknown>)[k] = v
  }
  return parseInputs(raw, env, '/ws', fs)
}

describe('parseInputs', () => {
  it('derives defaults', async () => {
    const i = await parse({})
    expect(i).toMatchObject({
      host: 'https://adb-1.2.azuredatabricks.net',
      clusterId: '0123-456789-abcdefgh',
      language: 'python',
      timeoutMs: 1_800_000,
      timeoutLabel: '30m',
      failOnError: true,
      startCluster: false,
      requestTimeoutMs: 30_000,
      sourceLabel: 'inline command',
      commentOnPr: false,
      githubToken: 'ghs_token'
    })
    expect(i.credentials).toEqual({ type: 'pat', token: 'dapi123' })
  })

  it('falls back to the environment', async () => {
    const i = await parse(
      { host: '', token: '', clusterId: '' },
      {
        DATABRICKS_HOST: 'dbc-1.cloud.databricks.com',
        DATABRICKS_TOKEN: 'env-token',
        DATABRICKS_CLUSTER_ID: '0001-x'
      }
    )
    expect(i.host).toBe('https://dbc-1.cloud.databricks.com')
    expect(i.clusterId).toBe('0001-x')
    expect(i.credentials).toEqual({ type: 'pat', token: 'env-token' })
  })

  it('uses Basic for username and password', async () => {
    const i = await parse({ token: '', username: 'me@x.com', password: 'pw' })
    expect(i.credentials).toEqual({ type: 'basic', username: 'me@x.com', password: 'pw' })
  })

  it('infers the language from the file extension', async () => {
    const lang = async (file: string) => (await parse({ command: '', file })).language
    expect(await lang('job.py')).toBe('python')
    expect(await lang('q.sql')).toBe('sql')
    expect(await lang('a.scala')).toBe('scala')
    expect(await lang('b.R')).toBe('r')
    expect(await lang('c.txt')).toBe('python')
    expect((await parse({ command: '', file: 'job.py', language: 'SQL' })).language).toBe('sql')
  })

  it('reads a file relative to the workspace', async () => {
    const i = await parse({ command: '', file: 'q.sql' })
    expect(i.source).toEqual({ kind: 'file', name: 'q.sql', bytes: Buffer.from('select 1') })
    expect(i.sourceLabel).toBe('q.sql')
  })

  it.each<[string, Partial<RawInputs>, NodeJS.ProcessEnv, RegExp]>([
    ['no host', { host: '' }, {}, /^Input host is required: set it to your workspace URL/],
    [
      'http host',
      { host: 'http://adb-1.net' },
      {},
      /^Invalid input host 'http:\/\/adb-1.net': http is refused .* Use https:\/\/adb-1.net\.$/
    ],
    ['ftp host', { host: 'ftp://adb-1.net' }, {}, /only https:\/\//],
    ['malformed host', { host: 'https://exa mple.com' }, {}, /^Invalid input host/],
    ['host with junk', { host: 'adb_1!.net' }, {}, /is not a host name|not a URL/],
    ['no cluster', { clusterId: '' }, {}, /^Input cluster-id is required/],
    ['bad cluster', { clusterId: 'my cluster' }, {}, /^Invalid input cluster-id 'my cluster'/],
    [
      'unknown language',
      { language: 'java' },
      {},
      /^Invalid input language 'java': expected one of python, scala, sql, r\.$/
    ],
    ['both command and file', { file: 'job.py' }, {}, /^Inputs command and file were both given/],
    ['neither command nor file', { command: '' }, {}, /^Neither command nor file was given/],
    [
      'missing file',
      { command: '', file: 'nope.py' },
      {},
      /^Input file 'nope.py' was not found \(looked for \/ws\/nope.py\)/
    ],
    [
      'directory as file',
      { command: '', file: 'dir' },
      {},
      /^Input file 'dir' is not a regular file/
    ],
    [
      'huge file',
      { command: '', file: 'huge.py' },
      {},
      /^Input file 'huge.py' is 11.0 MiB; the limit is 10 MiB/
    ],
    [
      'unreadable file',
      { command: '', file: 'locked.py' },
      {},
      /^Input file 'locked.py' cannot be read: EACCES/
    ],
    ['empty file', { command: '', file: 'empty.py' }, {}, /^Input file 'empty.py' is empty/],
    [
      'bad timeout',
      { timeout: '5 minutes' },
      {},
      /^Invalid input timeout '5 minutes': expected a positive duration such as 90s/
    ],
    ['zero timeout', { timeout: '0' }, {}, /^Invalid input timeout '0'/],
    [
      'bad request-timeout',
      { requestTimeout: 'fast' },
      {},
      /^Invalid input request-timeout 'fast'/
    ],
    [
      'maybe',
      { failOnError: 'maybe' },
      {},
      /^Invalid input fail-on-error 'maybe': expected true or false\.$/
    ],
    ['yes', { startCluster: 'yes' }, {}, /^Invalid input start-cluster 'yes'/],
    [
      'on',
      { commentOnPr: 'on' },
      {},
      /^Invalid input comment-on-pr 'on': expected true or false\.$/
    ],
    [
      'token and basic',
      { username: 'u', password: 'p' },
      {},
      /^More than one authorization method configured: pat \(input token\) and basic \(input username, input password\)\. Set auth-type/
    ],
    [
      'token and basic in env',
      { token: '' },
      { DATABRICKS_TOKEN: 't', DATABRICKS_USERNAME: 'u', DATABRICKS_PASSWORD: 'p' },
      /^More than one authorization method configured: pat \(DATABRICKS_TOKEN\) and basic \(DATABRICKS_USERNAME, DATABRICKS_PASSWORD\)/
    ],
    [
      'username alone',
      { token: '', username: 'u' },
      {},
      /^basic authentication needs input password \(or DATABRICKS_PASSWORD\): set it, or choose another auth-type\.$/
    ],
    [
      'password alone',
      { token: '', password: 'p' },
      {},
      /^basic authentication needs input username \(or DATABRICKS_USERNAME\)/
    ],
    ['no credentials', { token: '' }, {}, /^No credentials: set the token input/]
  ] as [string, Over, NodeJS.ProcessEnv, RegExp][])(
    'refuses %s',
    async (_name, over, env, message) => {
      const err = await parse(over, env).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(InputError)
      expect((err as Error).message).toMatch(message)
    }
  )

  it('never puts a secret in an input error', async () => {
    const err = await parse({ username: 'u', password: 'hunter2-secret' }).catch((e: unknown) => e)
    expect(String(err)).not.toContain('hunter2-secret')
    expect(String(err)).not.toContain('dapi123')
  })
})

describe('parseHost', () => {
  it('adds https, keeps ports and drops paths and queries', () => {
    expect(parseHost('adb-1.2.azuredatabricks.net')).toBe('https://adb-1.2.azuredatabricks.net')
    expect(parseHost('https://adb-1.2.azuredatabricks.net/?o=123#job')).toBe(
      'https://adb-1.2.azuredatabricks.net'
    )
    expect(parseHost('127.0.0.1:8443')).toBe('https://127.0.0.1:8443')
    expect(parseHost('HTTPS://Example.COM/')).toBe('https://example.com')
  })
})

describe('duration bounds (Node timers overflow past 2^31-1 ms)', () => {
  it.each([
    ['timeout', '1000h'],
    ['timeout', '2147484s'],
    ['timeout', '500ms'],
    ['requestTimeout', '2h'],
    ['requestTimeout', '100ms']
  ])('%s %s is refused with the allowed range', async (input, value) => {
    await expect(parse({ [input]: value })).rejects.toThrow(/it must be between 1\.0 s and /)
  })

  it('accepts the bounds themselves', async () => {
    expect((await parse({ timeout: '120h', requestTimeout: '1h' })).timeoutMs).toBe(120 * 3_600_000)
  })
})

describe('a file with an unknown extension', () => {
  it('runs as python with a notice naming the fix', async () => {
    const i = await parse({ command: '', file: 'c.txt' })
    expect(i.language).toBe('python')
    expect(i.notices).toEqual([
      expect.stringMatching(/^Input file 'c\.txt' has no extension .* Set the language input/)
    ])
    expect((await parse({ command: '', file: 'job.py' })).notices).toEqual([])
  })
})
