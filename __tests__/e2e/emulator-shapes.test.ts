import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { canned } from '../../emulator/canned-results.js'
import { barePre, jettyPage, plainCode, rateLimited400 } from '../../emulator/faults.js'
import { Emulator, expectNothingLeft, startEmulator } from '../support/e2e.js'
import {
  call,
  context,
  run,
  start,
  type RawAnswer,
  type WireCommand
} from '../support/emulator-client.js'

// The shapes the real service returns (docs/service-facts.md), seen on the wire.
let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({
    limits: { maxReplOutputLength: 1000, rowLimit: 50, tableBytes: 4000 }
  })
})
afterAll(() => emu.stop())

async function destroy(id: string): Promise<void> {
  await call(emu, 'POST', '/api/1.2/contexts/destroy', {
    body: JSON.stringify({ clusterId: emu.clusterId, contextId: id })
  })
}

async function status(ctx: string, cmd: string): Promise<RawAnswer['body']> {
  const q = `clusterId=${emu.clusterId}&contextId=${ctx}&commandId=${cmd}`
  return (await call(emu, 'GET', `/api/1.2/commands/status?${q}`)).body
}

describe('text results as the service returns them', () => {
  it('has no trailing newline, and the last value on its own line', async () => {
    const ctx = await context(emu)
    expect((await run(emu, ctx, 'print(1)')).results).toEqual({ resultType: 'text', data: '1' })
    expect((await run(emu, ctx, 'print("a")\nprint("b")\n\n7')).results.data).toMatch(
      /^a\nb\nOut\[\d+\]: 7$/
    )
    await destroy(ctx)
  })

  it('keeps head and tail around a skipped-bytes warning past maxReplOutputLength', async () => {
    const ctx = await context(emu)
    // 3000 characters of digits, 1000 kept: the first 500 and the last 500.
    const code = 'print("".join(str(i % 10) for i in range(3000)), end="")'
    const data = (await run(emu, ctx, code)).results.data as string
    const all = Array.from({ length: 3000 }, (_, i) => String(i % 10)).join('')
    const m = /^([\s\S]*)\n\*\*\* WARNING: skipped (\d+) bytes of output \*\*\*\n\n([\s\S]*)$/.exec(
      data
    )
    expect(m).not.toBeNull()
    expect(m?.[1]).toBe(all.slice(0, 500))
    expect(m?.[3]).toBe(all.slice(-500))
    expect(Number(m?.[2])).toBe(2000)
    await destroy(ctx)
  })

  it('caps tables at the row limit and at the byte limit, with truncated: true', async () => {
    const ctx = await context(emu, 'sql')
    const many = await run(
      emu,
      ctx,
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 80) SELECT x FROM n',
      'sql'
    )
    expect(many.results).toMatchObject({ resultType: 'table', truncated: true, isJsonSchema: true })
    expect(many.results.data).toHaveLength(50)
    const wide = await run(
      emu,
      ctx,
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20) SELECT x, printf('%.500c', 'y') AS pad FROM n",
      'sql'
    )
    expect(wide.results.truncated).toBe(true)
    expect((wide.results.data as unknown[]).length).toBeLessThan(20)
    expect(JSON.stringify(wide.results.data).length).toBeLessThanOrEqual(4000)
    const few = await run(emu, ctx, 'SELECT 1 AS a', 'sql')
    expect(few.results.truncated).toBe(false)
    await destroy(ctx)
  })
})

describe('canned outcomes for shapes code cannot make here', () => {
  it('answers R, image, ExecutionError and status Error shapes in order', async () => {
    const png = `data:image/png;base64,${Buffer.from('png-bytes').toString('base64')}`
    emu.faults.set({
      commandOutcomes: [
        canned.rText('[1] 2'),
        canned.rError('object x not found'),
        canned.images([png, '/plots/plot-1.png']),
        canned.imageWithFileNames([png]),
        canned.executionError('An error occurred'),
        canned.statusError('Driver is temporarily unavailable')
      ]
    })
    const ctx = await context(emu)
    const got: WireCommand[] = []
    for (let i = 0; i < 6; i++) got.push(await run(emu, ctx, '1', 'r'))
    const [r0, r1, r2, r3, r4, r5] = got as [
      WireCommand,
      WireCommand,
      WireCommand,
      WireCommand,
      WireCommand,
      WireCommand
    ]
    expect(r0.results.data).toMatch(/^<html>.*\[1\] 2.*<\/html>$/s)
    expect(r1.results.cause).toMatch(/^DATABRICKS_CURRENT_TEMP_CMD__\w+: Error in/)
    expect(r2.results).toEqual({ resultType: 'images', fileNames: [png, '/plots/plot-1.png'] })
    expect(r3.results).toEqual({ resultType: 'image', fileNames: [png] })
    expect(r4.results.cause).toContain('ExecutionError: An error occurred\nStatusCode=400\n')
    expect(r5).toMatchObject({
      status: 'Error',
      results: { data: 'Driver is temporarily unavailable' }
    })
    // Without a canned outcome, R says plainly that the emulator cannot run it.
    expect((await run(emu, ctx, '1', 'r')).results.summary).toMatch(/cannot run R/)
    await destroy(ctx)
  })
})

describe('contexts shut down under a command', () => {
  it('ends the running command Finished with a CommandCancelledException that shows the shutdown', async () => {
    const ctx = await context(emu)
    const exec = { body: { id: await start(emu, ctx, 'import time\ntime.sleep(60)') } }
    await new Promise(r => setTimeout(r, 200))
    const admin = await call(emu, 'POST', '/__emulator/shutdown', {
      body: JSON.stringify({ contextId: ctx, why: 'the cluster is restarting' })
    })
    expect(admin.status).toBe(200)
    const s = await status(ctx, exec.body.id)
    expect(s.status).toBe('Finished')
    expect(s.results.resultType).toBe('error')
    expect(s.results.cause).toMatch(/CommandCancelledException[\s\S]*shutdown/)
    expect(s.results.cause).toContain('the cluster is restarting')
    const ctxStatus = await call(
      emu,
      'GET',
      `/api/1.2/contexts/status?clusterId=${emu.clusterId}&contextId=${ctx}`
    )
    expect(ctxStatus.body.status).toBe('Error')
    await destroy(ctx)
    await expectNothingLeft(emu)
  })
})

describe('clusters pass through their states', () => {
  it('TERMINATING refuses a start, settles to TERMINATED, then starts', async () => {
    emu.setClusters([
      { id: emu.clusterId },
      { id: 'c-going', state: 'TERMINATING', settleMs: 300, startDelayMs: 300 }
    ])
    const start = (): Promise<RawAnswer> =>
      call(emu, 'POST', '/api/2.0/clusters/start', {
        body: JSON.stringify({ cluster_id: 'c-going' })
      })
    expect(await start()).toEqual({
      status: 400,
      body: {
        error_code: 'INVALID_STATE',
        message: 'Cluster c-going is in unexpected state Terminating.'
      }
    })
    await new Promise(r => setTimeout(r, 400))
    const get = async (): Promise<string> =>
      (await call(emu, 'GET', '/api/2.0/clusters/get?cluster_id=c-going')).body.state
    expect(await get()).toBe('TERMINATED')
    expect((await start()).status).toBe(200)
    expect(await get()).toBe('PENDING')
    await new Promise(r => setTimeout(r, 400))
    expect(await get()).toBe('RUNNING')
  })
})

describe('error bodies', () => {
  it('answers rate limits as HTTP 400 REQUEST_LIMIT_EXCEEDED, and Jetty, <pre> and CODE: pages', async () => {
    emu.faults.set({
      rules: [
        rateLimited400('/api/2.0/clusters/get', 1, 'RPC token bucket limit has been exceeded'),
        { path: '/api/2.0/clusters/list', status: 400, body: jettyPage(400, 'Bad Request') },
        {
          path: '/api/1.2/contexts/status',
          status: 503,
          body: barePre('Worker environment not ready')
        },
        {
          path: '/api/1.2/commands/status',
          status: 400,
          body: plainCode('MALFORMED_REQUEST', 'bad parameters'),
          contentType: 'text/plain'
        }
      ]
    })
    expect(await call(emu, 'GET', `/api/2.0/clusters/get?cluster_id=${emu.clusterId}`)).toEqual({
      status: 400,
      body: {
        error_code: 'REQUEST_LIMIT_EXCEEDED',
        message: 'RPC token bucket limit has been exceeded'
      }
    })
    const jetty = await call(emu, 'GET', '/api/2.0/clusters/list')
    expect(jetty.body).toMatch(
      /<title>Error 400 Bad Request<\/title>[\s\S]*<pre>\s*Bad Request<\/pre>/
    )
    expect((await call(emu, 'GET', '/api/1.2/contexts/status')).body).toBe(
      '<pre>Worker environment not ready</pre>'
    )
    expect((await call(emu, 'GET', '/api/1.2/commands/status')).body).toBe(
      'MALFORMED_REQUEST: bad parameters'
    )
    emu.faults.set({})
  })
})

describe('the context limit', () => {
  it('refuses a create when no context has been idle long enough; nothing is created', async () => {
    const one = await startEmulator({ limits: { maxContextsPerCluster: 1, idleAfterMs: 60_000 } })
    try {
      const first = await context(one)
      const create = (): Promise<RawAnswer> =>
        call(one, 'POST', '/api/1.2/contexts/create', {
          body: JSON.stringify({ clusterId: one.clusterId, language: 'python' })
        })
      const refused = await create()
      expect(refused.status).toBe(500)
      expect(refused.body.error).toMatch(/^Too many execution contexts are open right now/)
      expect(one.registry.liveContexts).toBe(1)
      await call(one, 'POST', '/api/1.2/contexts/destroy', {
        body: JSON.stringify({ clusterId: one.clusterId, contextId: first })
      })
      expect((await create()).status).toBe(200)
    } finally {
      await one.stop()
    }
  })
})

describe('ids are opaque', () => {
  it('can hand out ids in other shapes', async () => {
    const other = await startEmulator({ limits: { idStyle: 'opaque' } })
    try {
      const ctx = await context(other)
      expect(ctx).not.toMatch(/^\d+$/)
      const exec = await run(other, ctx, '1')
      expect(exec.id).not.toMatch(/^[0-9a-f]{32}$/)
    } finally {
      await other.stop()
    }
  })
})
