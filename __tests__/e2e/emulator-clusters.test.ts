import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Emulator, startEmulator } from '../support/e2e.js'
import { call, context, run } from '../support/emulator-client.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ clusterPageSize: 2 })
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.registry.stopAll()
  emu.setClusters([
    { id: 'c-1', name: 'etl' },
    { id: 'c-2', name: 'etl', state: 'TERMINATED' },
    { id: 'c-3', name: 'analytics', terminateDelayMs: 300 },
    { id: 'c-4', name: 'locked', state: 'TERMINATED', canRestart: false },
    { id: 'c-5', name: 'last' }
  ])
})

const post = (path: string, body: unknown) =>
  call(emu, 'POST', path, { body: JSON.stringify(body) })
const state = async (id: string): Promise<string> =>
  (await call(emu, 'GET', `/api/2.0/clusters/get?cluster_id=${id}`)).body.state

describe('the emulator models clusters as the service does', () => {
  it('lists clusters with names in pages on 2.1, following next_page_token', async () => {
    const seen: string[] = []
    const tokens: string[] = []
    let token = ''
    for (let i = 0; i < 10; i++) {
      const q = token ? `?page_size=100&page_token=${token}` : '?page_size=100'
      const page = await call(emu, 'GET', `/api/2.1/clusters/list${q}`)
      expect(page.body.clusters.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.clusters.map((c: { cluster_name: string }) => c.cluster_name))
      token = page.body.next_page_token ?? ''
      if (!token) break
      tokens.push(token)
    }
    expect(seen).toEqual(['etl', 'etl', 'analytics', 'locked', 'last'])
    expect(tokens).toHaveLength(2)
    // 2.0 answers every cluster at once.
    expect((await call(emu, 'GET', '/api/2.0/clusters/list')).body.clusters).toHaveLength(5)
    expect((await call(emu, 'GET', '/api/2.1/clusters/list?page_token=bogus')).status).toBe(400)
  })

  it('terminates asynchronously through TERMINATING, taking the contexts with it', async () => {
    emu.setClusters([{ id: emu.clusterId, terminateDelayMs: 300 }])
    const ctx = await context(emu)
    expect((await post('/api/2.0/clusters/delete', { cluster_id: emu.clusterId })).status).toBe(200)
    expect(await state(emu.clusterId)).toBe('TERMINATING')
    const gone = await call(
      emu,
      'GET',
      `/api/1.2/contexts/status?clusterId=${emu.clusterId}&contextId=${ctx}`
    )
    expect(gone).toEqual({
      status: 400,
      body: { error: `ContextNotFound: Context ${ctx} does not exist` }
    })
    // Terminating again while it terminates, or once it is down, changes nothing.
    expect((await post('/api/2.0/clusters/delete', { cluster_id: emu.clusterId })).status).toBe(200)
    await new Promise(r => setTimeout(r, 400))
    const down = (await call(emu, 'GET', `/api/2.0/clusters/get?cluster_id=${emu.clusterId}`)).body
    expect(down).toMatchObject({
      state: 'TERMINATED',
      termination_reason: { code: 'USER_REQUEST', type: 'SUCCESS' }
    })
    expect((await post('/api/2.0/clusters/delete', { cluster_id: emu.clusterId })).status).toBe(200)
    expect(emu.registry.liveContexts).toBe(0)
  })

  it('refuses start and terminate without CAN RESTART, with 403 PERMISSION_DENIED', async () => {
    for (const path of ['/api/2.0/clusters/start', '/api/2.1/clusters/delete']) {
      const refused = await post(path, { cluster_id: 'c-4' })
      expect(refused.status).toBe(403)
      expect(refused.body.error_code).toBe('PERMISSION_DENIED')
    }
    expect(await state('c-4')).toBe('TERMINATED')
  })

  it('does not know a context asked for on another cluster', async () => {
    emu.setClusters([{ id: emu.clusterId }, { id: 'other' }])
    const ctx = await context(emu)
    const elsewhere = await call(
      emu,
      'GET',
      `/api/1.2/contexts/status?clusterId=other&contextId=${ctx}`
    )
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.error).toMatch(/ContextNotFound/)
  })
})

describe('spark.sql binds parameters for real in a Python context', () => {
  it('binds :name markers as values, shares tables with SQL commands, and display() gives a table', async () => {
    emu.setClusters([{ id: emu.clusterId }])
    const ctx = await context(emu)
    await run(emu, ctx, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ann')", 'sql')
    await run(emu, ctx, 'params = {"who": "\'; DROP TABLE users; --", "n": "1"}')
    const shown = await run(
      emu,
      ctx,
      'display(spark.sql("SELECT :who AS who, :n AS n, (SELECT count(*) FROM users) AS users", args=params))'
    )
    expect(shown.results).toEqual({
      resultType: 'table',
      data: [["'; DROP TABLE users; --", '1', 1]],
      schema: [
        { name: 'who', type: '"string"', metadata: '{}' },
        { name: 'n', type: '"string"', metadata: '{}' },
        { name: 'users', type: '"long"', metadata: '{}' }
      ],
      truncated: false,
      isJsonSchema: true
    })
    const unbound = await run(emu, ctx, 'spark.sql("SELECT :missing", args=params)')
    expect(unbound.results.summary).toMatch(/AnalysisException.*UNBOUND_SQL_PARAMETER.*missing/)
    const rows = await run(emu, ctx, 'spark.sql("SELECT name FROM users").collect()[0].name')
    expect(rows.results.data).toBe("Out[4]: 'ann'")
  })
})
