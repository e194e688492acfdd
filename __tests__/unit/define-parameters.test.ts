import { describe, expect, it } from '@jest/globals'
import { ExecutionApi } from '../../src/databricks/execution.js'
import { bindParameters, pythonPrelude, rPrelude } from '../../src/databricks/parameters.js'
import { defineParameters, redact } from '../../src/flow/parameters.js'
import { TransportError } from '../../src/databricks/transport.js'
import { fakeApi, json } from '../support/fakes.js'

const CTX = '1234567890123456789'
const CMD = 'c0ffee'
/** A value whose base64 the tests look for in the messages. */
const SECRETISH = `token=${'s3cr3t-'.repeat(200)}`
const params = new Map([['who', SECRETISH]])
const b64 = Buffer.from(JSON.stringify({ who: SECRETISH })).toString('base64')

function setup(answer: { status: string; results: unknown }) {
  const { api, http, time, logger, deadline } = fakeApi()
  http.always('POST /api/1.2/commands/execute', json({ id: CMD }))
  http.always('GET /api/1.2/commands/status', json({ id: CMD, ...answer }))
  const events: string[] = []
  const run = (attached: boolean, language: 'sql' | 'python' | 'r' = 'sql') => {
    const prelude = bindParameters(
      language,
      { kind: 'inline', code: 'SELECT :who' },
      params
    ).prelude!
    return defineParameters(
      new ExecutionApi(api, 'cluster-1'),
      CTX,
      prelude,
      deadline,
      { onStarted: id => events.push(`started ${id}`), onEnded: () => events.push('ended') },
      { clock: time.clock, sleep: time.sleep, logger, attached }
    )
  }
  return { http, run, events, logger }
}

const failure = (p: Promise<void>) =>
  p.then(
    () => '',
    (e: unknown) => (e as Error).message
  )

/** What a service that echoes the failing line (as Python's SyntaxError does) would say. */
const echoing = {
  status: 'Finished',
  results: {
    resultType: 'error',
    summary: `SyntaxError: invalid syntax near "${b64.slice(0, 300)}" (line 3)`,
    cause: `  File "<command>", line 3\n    "${b64.slice(0, 900)}"\n    ^\nSyntaxError: invalid syntax`
  }
}

describe('defineParameters', () => {
  it('defines params, reports the command id, and says so in the log', async () => {
    const { run, events, logger, http } = setup({
      status: 'Finished',
      results: { resultType: 'text', data: '' }
    })
    await run(false)
    expect(events).toEqual([`started ${CMD}`, 'ended'])
    expect(logger.lines).toContain(`info: Defined params (python) in execution context ${CTX}`)
    expect(JSON.parse(String(http.calls('POST /api/1.2/commands/execute')[0]?.body))).toMatchObject(
      { language: 'python', contextId: CTX }
    )
  })

  it('in a shared context, a failed prelude says to create that context with language python', async () => {
    const { run } = setup({
      status: 'Finished',
      results: {
        resultType: 'error',
        summary: 'UnsupportedOperationException: this context runs Scala only',
        cause:
          'java.lang.UnsupportedOperationException: this context runs Scala only\n\tat x.y(z.scala:1)'
      }
    })
    const message = await failure(run(true))
    expect(message).toBe(
      `Failed to define the parameters (params) in execution context ${CTX}: the command ended Finished with UnsupportedOperationException: this context runs Scala only. Execution context ${CTX} was made by an earlier step (input context-id), and params are defined by a Python command (SQL with parameters runs in Python too), so that context must be a Python one: create the shared context with language: python in the step that makes it.`
    )
  })

  it('names the language of the prelude (R defines params in R)', async () => {
    const { run } = setup({ status: 'Error', results: null })
    expect(await failure(run(true, 'r'))).toMatch(
      /ended Error\. .*params are defined by an R command, so that context must be an R one: create the shared context with language: r/
    )
  })

  it('gives no shared-context advice to a step that made its own context', async () => {
    const { run } = setup({ status: 'Error', results: null })
    const message = await failure(run(false))
    expect(message).toBe(
      `Failed to define the parameters (params) in execution context ${CTX}: the command ended Error.`
    )
  })

  it('advises on a refused execute in a shared context, but not on a lost connection', async () => {
    const { http, run } = setup({ status: 'Finished', results: null })
    http.queue(
      'POST /api/1.2/commands/execute',
      json(
        { error_code: 'INVALID_PARAMETER_VALUE', message: `bad command: "${b64.slice(0, 200)}"` },
        400
      )
    )
    const refused = await failure(run(true))
    expect(refused).toMatch(
      /^Failed to define the parameters .*HTTP 400 INVALID_PARAMETER_VALUE: bad command: "\[encoded parameters\]"\. .*language: python/
    )
    expect(refused).not.toContain(b64.slice(0, 20))
    http.queue('POST /api/1.2/commands/execute', new TransportError('socket hang up', 'ECONNRESET'))
    expect(await failure(run(true))).toBe(
      `Failed to define the parameters (params) in execution context ${CTX}: socket hang up`
    )
  })

  it('never lets the encoded values into the message when the service echoes the code', async () => {
    for (const attached of [true, false]) {
      const { run } = setup(echoing)
      const message = await failure(run(attached))
      expect(message).toContain('SyntaxError: invalid syntax near "[encoded parameters]" (line 3)')
      expect(message).not.toContain(b64.slice(0, 8))
      expect(message).not.toContain(b64.slice(100, 108))
      expect(message).not.toMatch(/\n/)
    }
  })
})

describe('redact', () => {
  const prelude = {
    language: 'python' as const,
    source: { kind: 'inline' as const, code: pythonPrelude(params) }
  }

  it('cuts out any run of 8+ characters of the payload, a cut-off one included', () => {
    expect(redact(`x ${b64.slice(17, 40)} y ${b64.slice(0, 8)} z`, prelude)).toBe(
      'x [encoded parameters] y [encoded parameters] z'
    )
    // Runs that span two chunk literals are still each part of the payload.
    expect(redact(b64.slice(990, 1000), prelude)).toBe('[encoded parameters]')
  })

  it('leaves ids, numbers and words that are not the payload alone', () => {
    const text = `context ${CTX}, command 5d5b8e3a0f0b4b7c9d6a1e2f3a4b5c6d, SyntaxError: invalid`
    expect(redact(text, prelude)).toBe(text)
  })

  it('redacts the hex of R preludes too', () => {
    const r = {
      language: 'r' as const,
      source: { kind: 'inline' as const, code: rPrelude(params) }
    }
    const hex = Buffer.from(SECRETISH).toString('hex')
    expect(redact(`near ${hex.slice(10, 60)}`, r)).toBe('near [encoded parameters]')
  })
})
