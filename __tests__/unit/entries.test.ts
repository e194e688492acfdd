import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run as runMain } from '../../src/flow/main.js'
import { run as runPost } from '../../src/flow/post.js'
import type { ActionDeps } from '../../src/flow/deps.js'
import { parseEnvFile } from '../../harness/workflow-commands.js'
import { FakeTime, FakeTransport, json } from '../support/fakes.js'

const CTX = '1234567890123456789'
const CLUSTER = '0123-456789-abcdefgh'
let dir = ''
const saved = { ...process.env }

/** Runs an entry with its stdout captured: workflow commands stay out of the test output. */
async function capture(f: () => Promise<void>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout)
  let out = ''
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += chunk.toString()
    return true
  }
  try {
    await f()
  } finally {
    process.stdout.write = write
  }
  return out
}

function deps(http: FakeTransport, time = new FakeTime()): ActionDeps {
  return {
    transport: http,
    clock: time.clock,
    sleep: time.sleep,
    env: { RUNNER_TEMP: dir },
    workspace: dir,
    fs: {
      stat: async () => ({ isFile: () => true, size: 1 }),
      readFile: async () => Buffer.from('x'),
      realpath: async (p: string) => p
    },
    signal: new AbortController().signal
  }
}

function setInputs(inputs: Record<string, string>): void {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v
}

const file = (name: string): Record<string, string> =>
  parseEnvFile(readFileSync(join(dir, name), 'utf8'))

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'entries-'))
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '')
  Object.assign(process.env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary')
  })
  setInputs({
    host: 'https://example.cloud.databricks.com',
    token: 'dapi-unit',
    'cluster-id': CLUSTER,
    command: '1 + 1',
    timeout: '10m'
  })
})
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
})

function healthy(http: FakeTransport, results: unknown): FakeTransport {
  return http
    .always('GET /api/2.0/clusters/get', json({ state: 'RUNNING' }))
    .always('POST /api/1.2/contexts/create', json({ id: CTX }))
    .always('GET /api/1.2/contexts/status', json({ id: CTX, status: 'Running' }))
    .always('POST /api/1.2/commands/execute', json({ id: 'cmd1' }))
    .always('GET /api/1.2/commands/status', json({ id: 'cmd1', status: 'Finished', results }))
}

describe('runMain', () => {
  it('writes outputs, state and summary, and succeeds', async () => {
    const http = healthy(new FakeTransport(), { resultType: 'text', data: 'Out[1]: 2' })
    const out = await capture(() => runMain(deps(http)))
    expect(process.exitCode).toBeUndefined()
    expect(file('output')).toMatchObject({
      status: 'Finished',
      'result-type': 'text',
      result: '2',
      'context-id': CTX,
      'command-id': 'cmd1'
    })
    expect(file('state')).toEqual({
      host: 'https://example.cloud.databricks.com',
      'cluster-id': CLUSTER,
      'context-id': CTX,
      'command-id': 'cmd1',
      'command-done': 'true',
      'context-requested': 'true'
    })
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toContain('✅ Databricks command: Finished')
    expect(out).toContain('::add-mask::dapi-unit')
    expect(http.closed).toBe(1)
    const resultFile = file('output')['result-file'] ?? ''
    expect(resultFile.startsWith(join(dir, 'databricks-run-command'))).toBe(true)
    expect(readFileSync(resultFile, 'utf8')).toBe('2')
  })

  it('fails with one ::error:: line on an error result', async () => {
    const http = healthy(new FakeTransport(), {
      resultType: 'error',
      summary: "<span class='ansi-red-fg'>NameError</span>: name 'x' is not defined",
      cause: 'Traceback'
    })
    const out = await capture(() => runMain(deps(http)))
    expect(process.exitCode).toBe(1)
    expect(out.match(/^::error::.*$/gm)).toEqual(["::error::NameError: name 'x' is not defined"])
  })

  it('fails on a bad input without any request', async () => {
    setInputs({ language: 'java' })
    const http = new FakeTransport()
    const out = await capture(() => runMain(deps(http)))
    expect(process.exitCode).toBe(1)
    expect(out).toContain("::error::Invalid input language 'java'")
    expect(http.requests).toHaveLength(0)
    expect(file('state')).toEqual({})
  })
})

describe('runPost', () => {
  const withState = (state: Record<string, string>) => {
    for (const [k, v] of Object.entries(state)) process.env[`STATE_${k}`] = v
  }

  it('does nothing without saved state', async () => {
    const http = new FakeTransport()
    const out = await capture(() => runPost(deps(http)))
    expect(out).toContain('Nothing to clean up')
    expect(http.requests).toHaveLength(0)
  })

  it('cancels a command that may still run, then destroys the context', async () => {
    withState({
      host: 'https://example.cloud.databricks.com',
      'cluster-id': CLUSTER,
      'context-id': CTX,
      'command-id': 'cmd1'
    })
    const http = new FakeTransport()
      .always('POST /api/1.2/commands/cancel', json({ id: 'cmd1' }))
      .always('POST /api/1.2/contexts/destroy', json({ id: CTX }))
    const out = await capture(() => runPost(deps(http)))
    expect(http.requests.map(r => new URL(r.url).pathname)).toEqual([
      '/api/1.2/commands/cancel',
      '/api/1.2/contexts/destroy'
    ])
    expect(JSON.parse(String(http.requests[1]?.body))).toEqual({
      clusterId: CLUSTER,
      contextId: CTX
    })
    expect(out).toContain(`Destroyed execution context ${CTX}`)
    expect(process.exitCode).toBeUndefined()
    expect(http.closed).toBe(1)
  })

  it('treats an already-gone context as done', async () => {
    withState({
      host: 'https://example.cloud.databricks.com',
      'cluster-id': CLUSTER,
      'context-id': CTX,
      'command-done': 'true',
      'command-id': 'cmd1'
    })
    const http = new FakeTransport().always(
      'POST /api/1.2/contexts/destroy',
      json({ error: `ContextNotFound: Context ${CTX} does not exist` }, 400)
    )
    const out = await capture(() => runPost(deps(http)))
    expect(http.calls('POST /api/1.2/commands/cancel')).toHaveLength(0)
    expect(out).toContain('was already gone')
    expect(out).not.toContain('::warning::')
  })

  it('warns with a manual command, and never fails the job, when destroy keeps failing', async () => {
    withState({
      host: 'https://example.cloud.databricks.com',
      'cluster-id': CLUSTER,
      'context-id': CTX
    })
    const http = new FakeTransport().always('POST /api/1.2/contexts/destroy', {
      status: 503,
      body: '<h1>503 Service Unavailable</h1>'
    })
    const out = await capture(() => runPost(deps(http)))
    expect(out).toMatch(
      /::warning::Could not destroy execution context 1234567890123456789 .*HTTP 503: 503 Service Unavailable.*curl -X POST https:\/\/example.cloud.databricks.com\/api\/1.2\/contexts\/destroy/
    )
    expect(process.exitCode).toBeUndefined()
    expect(http.calls('POST /api/1.2/contexts/destroy').length).toBeGreaterThan(1)
  })

  it('warns when credentials are gone by post time', async () => {
    withState({
      host: 'https://example.cloud.databricks.com',
      'cluster-id': CLUSTER,
      'context-id': CTX
    })
    delete process.env.INPUT_TOKEN
    const out = await capture(() => runPost(deps(new FakeTransport())))
    expect(out).toMatch(
      /::warning::Execution context 1234567890123456789 was not destroyed: No credentials/
    )
  })
})
