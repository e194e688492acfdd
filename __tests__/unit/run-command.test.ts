import { describe, expect, it } from '@jest/globals'
import { MAX_CONTEXTS_PER_CLUSTER } from '../../src/common/limits.js'
import { CancelledError, DeadlineError } from '../../src/common/errors.js'
import { Deadline } from '../../src/common/time.js'
import type { CommandSource } from '../../src/databricks/execution.js'
import { runCommand } from '../../src/flow/run-command.js'
import { TransportError } from '../../src/databricks/transport.js'
import { fakeApi, json } from '../support/fakes.js'

const CLUSTER = '0123-456789-abcdefgh'
const CTX = '1234567890123456789'
const CMD = 'c0ffee'
const running = json({ cluster_id: CLUSTER, state: 'RUNNING' })
const finished = (results: unknown) => json({ id: CMD, status: 'Finished', results })

function setup(timeoutMs = 60_000) {
  const { time, http, logger, api } = fakeApi()
  const events: string[] = []
  const phases: string[] = []
  const hooks = {
    onContextCreated: (id: string) => events.push(`context ${id}`),
    onCommandStarted: (id: string) => events.push(`command ${id}`),
    onCommandEnded: () => events.push('ended'),
    onPhaseEnded: (phase: string, ms: number) => phases.push(`${phase} ${ms} ms`)
  }
  const run = (
    source: CommandSource = { kind: 'inline', code: '1+1' },
    startCluster = false,
    signal?: AbortSignal
  ) =>
    runCommand(
      {
        clusterId: CLUSTER,
        language: 'python',
        source,
        startCluster,
        deadline: Deadline.after(time.clock, timeoutMs, `${timeoutMs / 1000}s`)
      },
      hooks,
      { api, clock: time.clock, sleep: time.sleep, logger, signal }
    )
  // A healthy cluster by default; tests queue what differs.
  http.always('GET /api/2.0/clusters/get', running)
  http.always('POST /api/1.2/contexts/create', json({ id: CTX }))
  http.always('GET /api/1.2/contexts/status', json({ id: CTX, status: 'Running' }))
  http.always('POST /api/1.2/commands/execute', json({ id: CMD }))
  http.always('POST /api/1.2/commands/cancel', json({ id: CMD }))
  return { time, http, logger, run, events, phases }
}

describe('runCommand', () => {
  it('runs a quick command with the first poll at 100 ms and saves ids as they appear', async () => {
    const { http, run, events, time, phases } = setup()
    http.queue('GET /api/1.2/commands/status', json({ id: CMD, status: 'Running', results: null }))
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'Out[1]: 2' }))
    const out = await run()
    expect(out).toEqual({
      contextId: CTX,
      commandId: CMD,
      status: 'Finished',
      result: { type: 'text', text: '2', truncated: false },
      clusterState: 'RUNNING'
    })
    expect(events).toEqual([`context ${CTX}`, `command ${CMD}`, 'ended'])
    expect(time.sleeps).toEqual([100])
    expect(phases).toEqual(['cluster 0 ms', 'context 0 ms', 'command 100 ms'])
    const exec = http.calls('POST /api/1.2/commands/execute')
    expect(exec).toHaveLength(1)
    expect(JSON.parse(String(exec[0]?.body))).toEqual({
      language: 'python',
      clusterId: CLUSTER,
      contextId: CTX,
      command: '1+1'
    })
    expect(exec[0]?.headers.Authorization).toBe('Bearer dapi-secret')
  })

  it('uploads a file as multipart/form-data with a command file part', async () => {
    const { http, run } = setup()
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'ok' }))
    await run({ kind: 'file', name: 'job.py', bytes: Buffer.from('print("ok")\n') })
    const req = http.calls('POST /api/1.2/commands/execute')[0]
    const type = req?.headers['Content-Type'] ?? ''
    expect(type).toMatch(/^multipart\/form-data; boundary=/)
    const form = await new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(req?.body as Buffer)
    }).formData()
    expect(form.get('language')).toBe('python')
    expect(form.get('contextId')).toBe(CTX)
    const file = form.get('command') as File
    expect(file.name).toBe('job.py')
    expect(await file.text()).toBe('print("ok")\n')
  })

  it('waits for a Pending context on the command schedule', async () => {
    const { http, run, time } = setup()
    http.queue(
      'GET /api/1.2/contexts/status',
      ...Array.from({ length: 10 }, () => json({ id: CTX, status: 'Pending' }))
    )
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: '' }))
    await run()
    // 100 ms gaps for the first 0.77 s, then 13% of the time waited.
    expect(time.sleeps.slice(0, 10).map(Math.round)).toEqual([
      100, 100, 100, 100, 100, 100, 100, 100, 104, 118
    ])
  })

  it('fails clearly when the context ends in Error, after saving its id', async () => {
    const { http, run, events } = setup()
    http.always('GET /api/1.2/contexts/status', json({ id: CTX, status: 'Error' }))
    await expect(run()).rejects.toThrow(
      `Execution context ${CTX} on cluster ${CLUSTER} ended in state Error`
    )
    // Each of the 5 contexts was saved as it appeared, so post always knows the latest.
    expect(events).toEqual(Array.from({ length: 5 }, () => `context ${CTX}`))
    expect(http.calls('POST /api/1.2/commands/execute')).toHaveLength(0)
  })

  it('times out on a context stuck in Pending', async () => {
    const { http, run, phases } = setup(10_000)
    http.always('GET /api/1.2/contexts/status', json({ id: CTX, status: 'Pending' }))
    await expect(run()).rejects.toThrow(
      /Timed out after 10s waiting for execution context .* \(still Pending\)\. The cluster may be overloaded/
    )
    // The phase that failed is the first one not reported.
    expect(phases).toEqual(['cluster 0 ms'])
  })

  it('cancels on timeout and reports Finished + CommandCancelledException as cancelled', async () => {
    const { http, run, events } = setup(5000)
    let cancelled = false
    http.always('POST /api/1.2/commands/cancel', () => ((cancelled = true), json({ id: CMD })))
    http.always('GET /api/1.2/commands/status', () =>
      cancelled
        ? finished({
            resultType: 'error',
            summary: 'Cancelled',
            cause: 'CommandCancelledException'
          })
        : json({ id: CMD, status: 'Running', results: null })
    )
    const err = await run().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DeadlineError)
    expect((err as Error).message).toBe(
      'The command timed out after 5s (the timeout input) and was cancelled.'
    )
    expect(http.calls('POST /api/1.2/commands/cancel')).toHaveLength(1)
    expect(events).toContain('ended')
  })

  it('bounds the wait for a cancel that never takes effect', async () => {
    const { http, run, events, time } = setup(5000)
    http.always('GET /api/1.2/commands/status', json({ id: CMD, status: 'Running', results: null }))
    const started = time.now
    await expect(run()).rejects.toThrow(
      /did not stop within 15.0 s of being cancelled; the post step destroys its context/
    )
    expect(time.now - started).toBeLessThanOrEqual(5000 + 15_000)
    expect(events).not.toContain('ended')
  })

  it('on job cancel sends a cancel and rethrows CancelledError', async () => {
    const { http, run, time } = setup()
    const controller = new AbortController()
    let cancelled = false
    http.always('POST /api/1.2/commands/cancel', () => ((cancelled = true), json({ id: CMD })))
    http.always('GET /api/1.2/commands/status', () =>
      cancelled
        ? json({ id: CMD, status: 'Cancelled', results: null })
        : json({ id: CMD, status: 'Running', results: null })
    )
    time.onSleep = n => n === 3 && controller.abort()
    const err = await run(undefined, false, controller.signal).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CancelledError)
    expect((err as Error).message).toBe(`The job was cancelled; command ${CMD} was cancelled.`)
    expect(http.calls('POST /api/1.2/commands/cancel')).toHaveLength(1)
  })

  it('reports a command cancelled by someone else', async () => {
    const { http, run } = setup()
    http.always(
      'GET /api/1.2/commands/status',
      json({ id: CMD, status: 'Cancelled', results: null })
    )
    expect((await run()).status).toBe('Cancelled')
  })

  const refused = json({ error: `Cluster ${CLUSTER} is TERMINATED: it must be RUNNING` }, 400)

  it('creates the context first: no cluster check on a running cluster', async () => {
    const { http, run } = setup()
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'x' }))
    await run()
    expect(http.calls('GET /api/2.0/clusters/get')).toHaveLength(0)
    expect(new URL(http.requests[0]?.url ?? '').pathname).toBe('/api/1.2/contexts/create')
  })

  it('fails on a TERMINATED cluster without start-cluster once the create is refused', async () => {
    const { http, run } = setup()
    http.queue('POST /api/1.2/contexts/create', refused)
    http.always(
      'GET /api/2.0/clusters/get',
      json({ state: 'TERMINATED', state_message: 'Inactive cluster terminated' })
    )
    await expect(run()).rejects.toThrow(
      `Cluster ${CLUSTER} is TERMINATED (Inactive cluster terminated). Set the input start-cluster: true`
    )
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(1)
  })

  it('starts a TERMINATED cluster with start-cluster, waits for RUNNING, then creates', async () => {
    const { http, run, logger, events } = setup(600_000)
    http.queue('POST /api/1.2/contexts/create', refused)
    http.queue(
      'GET /api/2.0/clusters/get',
      json({ state: 'TERMINATED' }),
      json({ state: 'TERMINATED' }),
      json({ state: 'PENDING' }),
      json({ state: 'PENDING' })
    )
    http.always('POST /api/2.0/clusters/start', json({}))
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'x' }))
    await run(undefined, true)
    expect(http.calls('POST /api/2.0/clusters/start')).toHaveLength(1)
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(2)
    expect(events[0]).toBe(`context ${CTX}`)
    expect(logger.lines.some(l => /is RUNNING after/.test(l))).toBe(true)
  })

  it('lets a refusal from a running cluster stand: the create is not repeated', async () => {
    const { http, run } = setup()
    http.queue(
      'POST /api/1.2/contexts/create',
      json({ error: 'requirement failed: unknown language' }, 400)
    )
    await expect(run()).rejects.toThrow(
      `Failed to create a python execution context on cluster ${CLUSTER}: HTTP 400: requirement failed: unknown language`
    )
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(1)
    expect(http.calls('GET /api/2.0/clusters/get')).toHaveLength(1)
  })

  it('checks the cluster at once on ClusterNotReadyException, then waits it out on a running one', async () => {
    const { http, run } = setup()
    const notReady = json({ error: 'ClusterNotReadyException: libraries installing' }, 500)
    http.queue('POST /api/1.2/contexts/create', notReady, notReady)
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'x' }))
    await run()
    expect(http.calls('GET /api/2.0/clusters/get')).toHaveLength(1)
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(3)
  })

  it('never repeats a create that got no answer, nor checks the cluster for it', async () => {
    const { http, run } = setup()
    http.queue('POST /api/1.2/contexts/create', new TransportError('socket hang up', 'ECONNRESET'))
    await expect(run()).rejects.toThrow(/may have created the context anyway/)
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(1)
    expect(http.calls('GET /api/2.0/clusters/get')).toHaveLength(0)
  })

  it('retries create on ClusterNotReadyException but never execute after a 502', async () => {
    const { http, run } = setup()
    http.queue(
      'POST /api/1.2/contexts/create',
      json({ error: 'ClusterNotReadyException: not ready' }, 500),
      json({ error: 'ClusterNotReadyException: not ready' }, 500)
    )
    http.queue('POST /api/1.2/commands/execute', {
      status: 502,
      body: '<html><h1>502 Bad Gateway</h1></html>'
    })
    await expect(run()).rejects.toThrow(
      `Failed to start the command in context ${CTX} on cluster ${CLUSTER}: HTTP 502: 502 Bad Gateway`
    )
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(3)
    expect(http.calls('POST /api/1.2/commands/execute')).toHaveLength(1)
  })

  it('does not repeat execute after a read timeout', async () => {
    const { http, run } = setup()
    http.queue(
      'POST /api/1.2/commands/execute',
      new TransportError('no answer within 30000 ms', 'ETIMEDOUT')
    )
    await expect(run()).rejects.toThrow(
      /no answer within 30000 ms \(no answer came back, so the command may have started; it was not retried, to avoid running it twice/
    )
    expect(http.calls('POST /api/1.2/commands/execute')).toHaveLength(1)
  })

  it('says a create that got no answer may have happened, and does not repeat it', async () => {
    const { http, run } = setup()
    http.queue('POST /api/1.2/contexts/create', new TransportError('socket hang up', 'ECONNRESET'))
    await expect(run()).rejects.toThrow(
      /socket hang up \(no answer came back, so the service may have created the context anyway; it was not retried/
    )
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(1)
  })

  it('retries status polls on 503 and dropped connections', async () => {
    const { http, run } = setup()
    http.queue(
      'GET /api/1.2/commands/status',
      { status: 503, body: '<html>503</html>' },
      new TransportError('socket hang up', 'ECONNRESET')
    )
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'done' }))
    expect((await run()).result).toEqual({ type: 'text', text: 'done', truncated: false })
    expect(http.calls('GET /api/1.2/commands/status')).toHaveLength(3)
  })

  it('explains an evicted context and refused credentials', async () => {
    const a = setup()
    a.http.always(
      'GET /api/1.2/commands/status',
      json({ error: `Context ExecutionContextId(${CTX}) is disconnected` }, 400)
    )
    await expect(a.run()).rejects.toThrow(
      new RegExp(
        `is disconnected \\(the context was evicted: a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER}`
      )
    )
    const b = setup()
    b.http.always(
      'GET /api/1.2/commands/status',
      json({ error_code: 401, message: 'Token is expired.' }, 401)
    )
    await expect(b.run()).rejects.toThrow(
      /HTTP 401: Token is expired\. \(the credentials were refused/
    )
  })

  it('logs progress on long waits', async () => {
    const { http, run, logger } = setup(600_000)
    let polls = 0
    http.always('GET /api/1.2/commands/status', () =>
      ++polls < 60
        ? json({ id: CMD, status: 'Running', results: null })
        : finished({ resultType: 'text', data: '' })
    )
    await run()
    expect(
      logger.lines.filter(l => l.startsWith(`info: Waiting for command ${CMD}: Running after`))
        .length
    ).toBeGreaterThanOrEqual(2)
  })
})

describe('runCommand: the service as it really behaves', () => {
  // The create goes first; a cluster that is not running refuses it, and only then is it checked.
  const notRunning = json({ error: `Cluster ${CLUSTER} is TERMINATING: it must be RUNNING` }, 400)

  it('waits for a TERMINATING cluster to be TERMINATED, then starts it', async () => {
    const { http, run, logger } = setup(600_000)
    http.queue('POST /api/1.2/contexts/create', notRunning)
    http.queue(
      'GET /api/2.0/clusters/get',
      json({ state: 'TERMINATING', state_message: 'Terminating cluster' }),
      json({ state: 'TERMINATING', state_message: 'Terminating cluster' }),
      json({ state: 'TERMINATING' }),
      json({ state: 'TERMINATED' }),
      json({ state: 'PENDING' }),
      json({ state: 'RESTARTING' })
    )
    http.always('POST /api/2.0/clusters/start', json({}))
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'x' }))
    expect((await run(undefined, true)).status).toBe('Finished')
    expect(http.calls('POST /api/2.0/clusters/start')).toHaveLength(1)
    expect(logger.lines.join('\n')).toMatch(/waiting for it to be TERMINATED before starting it/)
  })

  it('fails at once on a TERMINATING cluster without start-cluster', async () => {
    const { http, run } = setup()
    http.queue('POST /api/1.2/contexts/create', notRunning)
    http.always('GET /api/2.0/clusters/get', json({ state: 'TERMINATING' }))
    await expect(run()).rejects.toThrow(/is TERMINATING\. Set the input start-cluster: true/)
    expect(http.calls('POST /api/2.0/clusters/start')).toHaveLength(0)
  })

  it('destroys a context that ends in Error and creates another, up to 5 in all', async () => {
    const { http, run, logger, events, time } = setup(600_000)
    http.queue('POST /api/1.2/contexts/create', json({ id: 'a' }), json({ id: 'b' }))
    http.queue(
      'GET /api/1.2/contexts/status',
      json({ status: 'Error' }),
      json({ status: 'Pending' }),
      json({ status: 'Error' })
    )
    http.always('POST /api/1.2/contexts/destroy', json({}))
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'ok' }))
    const out = await run()
    expect(out.contextId).toBe(CTX)
    expect(
      http.calls('POST /api/1.2/contexts/destroy').map(c => JSON.parse(String(c.body)) as unknown)
    ).toEqual([
      { clusterId: CLUSTER, contextId: 'a' },
      { clusterId: CLUSTER, contextId: 'b' }
    ])
    expect(events.slice(0, 3)).toEqual(['context a', 'context b', `context ${CTX}`])
    expect(logger.lines.filter(l => /attempt \d of 5/.test(l))).toHaveLength(2)
    expect(time.sleeps).toEqual(expect.arrayContaining([1000, 2000]))
  })

  it('gives up after 5 contexts in Error, with the cluster hint', async () => {
    const { http, run } = setup(600_000)
    http.always('GET /api/1.2/contexts/status', json({ status: 'Error' }))
    http.always('POST /api/1.2/contexts/destroy', json({}))
    await expect(run()).rejects.toThrow(
      /ended in state Error \(attempt 5 of 5\); the cluster could not start a python interpreter\. A busy cluster does this/
    )
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(5)
    expect(http.calls('POST /api/1.2/contexts/destroy')).toHaveLength(4)
  })

  it('waits for room at the context limit, logging progress, then creates', async () => {
    const { http, run, logger } = setup(600_000)
    const full = json(
      { error: 'Too many execution contexts are open right now.(Limit set currently to 145)' },
      500
    )
    http.queue('POST /api/1.2/contexts/create', ...Array.from({ length: 12 }, () => full))
    http.always('GET /api/1.2/commands/status', finished({ resultType: 'text', data: 'ok' }))
    expect((await run()).status).toBe('Finished')
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(13)
    const waits = logger.lines.filter(l =>
      /at its execution context limit and none is idle/.test(l)
    )
    expect(waits.length).toBeGreaterThanOrEqual(2)
    expect(logger.lines.join('\n')).toMatch(/had room after .* \(12 refused\)/)
  })

  it('stops waiting for room at the deadline', async () => {
    const { http, run } = setup(20_000)
    http.always(
      'POST /api/1.2/contexts/create',
      json({ error: 'Too many execution contexts are open right now.' }, 500)
    )
    await expect(run()).rejects.toThrow(
      /^Timed out after 20s waiting for room for an execution context on cluster .*: it holds its maximum/
    )
  })

  it('says a context was shut down under the command, and why that happens', async () => {
    const { http, run } = setup()
    http.always(
      'GET /api/1.2/commands/status',
      finished({
        resultType: 'error',
        summary: 'CommandCancelledException: Command was cancelled',
        cause:
          'com.databricks.backend.common.rpc.CommandCancelledException\n\tat ExecContextState.shutdown(x:1)'
      })
    )
    const out = await run()
    expect(out.status).toBe('Cancelled')
    expect(out.failure).toMatch(
      /^Command c0ffee did not finish: its execution context was shut down while it ran\. Databricks does this when the cluster restarts or terminates, or when it evicts the context/
    )
  })

  it('surfaces the message of a status Error from results.data', async () => {
    const { http, run } = setup()
    http.always(
      'GET /api/1.2/commands/status',
      json({
        id: CMD,
        status: 'Error',
        results: { resultType: 'error', data: 'Spark driver unavailable' }
      })
    )
    const out = await run()
    expect(out.status).toBe('Error')
    expect(out.failure).toBe('Command c0ffee ended with status Error: Spark driver unavailable')
    expect(out.result).toMatchObject({ type: 'error', message: 'Spark driver unavailable' })
  })
})
