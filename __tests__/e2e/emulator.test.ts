import { describe, expect, it } from '@jest/globals'
import { Emulator, expectNothingLeft, startEmulator, useEmulator } from '../support/e2e.js'
import { call, context, run, start } from '../support/emulator-client.js'

let emu: Emulator
useEmulator(e => (emu = e), {
  limits: { rowLimit: 5, maxOutputBytes: 2000, maxProcesses: 3 },
  maxRequestBytes: 64 * 1024
})

describe('the emulator speaks the wire protocol', () => {
  it('reads JSON under any label, form-urlencoded, and multipart with a command file part', async () => {
    const ctx = await context(emu)
    const asTextJson = await call(emu, 'POST', '/api/1.2/commands/execute', {
      contentType: 'text/json',
      body: JSON.stringify({
        clusterId: emu.clusterId,
        contextId: ctx,
        language: 'python',
        command: 'a = 1'
      })
    })
    expect(asTextJson.status).toBe(200)
    const form = new URLSearchParams({
      clusterId: emu.clusterId,
      contextId: ctx,
      language: 'python',
      command: 'b = 2'
    })
    const asForm = await call(emu, 'POST', '/api/1.2/commands/execute', {
      contentType: 'application/x-www-form-urlencoded',
      body: form.toString()
    })
    expect(asForm.status).toBe(200)
    const fd = new FormData()
    fd.append('clusterId', emu.clusterId)
    fd.append('contextId', ctx)
    fd.append('language', 'python')
    fd.append('command', new Blob(['print(a + b)']), 'job.py')
    const encoded = new Response(fd)
    const multipart = await call(emu, 'POST', '/api/1.2/commands/execute', {
      contentType: encoded.headers.get('content-type') ?? '',
      body: Buffer.from(await encoded.arrayBuffer())
    })
    expect(multipart.status).toBe(200)
    expect((await run(emu, ctx, 'print(a + b)')).results).toEqual({
      resultType: 'text',
      data: '3'
    })
    await call(emu, 'POST', '/api/1.2/contexts/destroy', {
      body: JSON.stringify({ clusterId: emu.clusterId, contextId: ctx })
    })
  })

  it('keeps variables within a context and never across contexts', async () => {
    const [a, b] = [await context(emu), await context(emu)]
    await run(emu, a, 'secret = "only-in-a"')
    expect((await run(emu, a, 'secret')).results.data).toBe("Out[2]: 'only-in-a'")
    const other = await run(emu, b, 'secret')
    expect(other.results.resultType).toBe('error')
    expect(other.results.summary).toBe(
      "<span class='ansi-red-fg'>NameError</span>: name &#x27;secret&#x27; is not defined"
    )
    for (const id of [a, b])
      await call(emu, 'POST', '/api/1.2/contexts/destroy', {
        body: JSON.stringify({ clusterId: emu.clusterId, contextId: id })
      })
  })

  it('answers errors in the shape of each API version', async () => {
    expect(await call(emu, 'GET', `/api/1.2/contexts/status?clusterId=${emu.clusterId}`)).toEqual({
      status: 400,
      body: { error: 'requirement failed: missing contextId' }
    })
    expect(await call(emu, 'GET', '/api/2.0/clusters/get?cluster_id=nope')).toEqual({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Cluster nope does not exist' }
    })
    const start = await call(emu, 'POST', '/api/2.1/clusters/start', {
      body: JSON.stringify({ cluster_id: emu.clusterId })
    })
    expect(start).toEqual({
      status: 400,
      body: {
        error_code: 'INVALID_STATE',
        message: `Cluster ${emu.clusterId} is in unexpected state Running.`
      }
    })
    expect((await call(emu, 'GET', '/api/2.0/clusters/list')).body.clusters).toHaveLength(1)
    expect((await call(emu, 'GET', '/api/9.9/nothing')).status).toBe(404)
  })

  it('answers 401 and 403 with numeric error codes, for Bearer and Basic', async () => {
    const none = await call(emu, 'GET', '/api/2.0/clusters/list', { auth: null })
    expect(none.status).toBe(401)
    expect(none.body).toEqual({
      error_code: 401,
      message: expect.stringMatching(
        /^Credential was not sent or was of an unsupported type for this API\. \[ReqId: [\w-]+\]$/
      )
    })
    expect(await call(emu, 'GET', '/api/2.0/clusters/list', { auth: 'Bearer wrong' })).toEqual({
      status: 403,
      body: { error_code: 403, message: 'Invalid access token.' }
    })
    const basic = `Basic ${Buffer.from(`${emu.creds.username}:${emu.creds.password}`).toString('base64')}`
    expect((await call(emu, 'GET', '/api/2.0/clusters/list', { auth: basic })).status).toBe(200)
  })
})

describe('the emulator is bounded', () => {
  it('truncates tables past the row limit and caps output like the service', async () => {
    const sql = await context(emu, 'sql')
    const table = await run(
      emu,
      sql,
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20) SELECT x FROM n',
      'sql'
    )
    expect(table.results.data).toHaveLength(5)
    expect(table.results.truncated).toBe(true)
    const py = await context(emu)
    const big = await run(emu, py, 'for i in range(1000):\n    print("x" * 50)')
    // Past the whole-output limit the service keeps nothing but its warning.
    expect(big.results.data).toBe('*** WARNING: max output size exceeded, skipping output. ***')
    for (const id of [sql, py])
      await call(emu, 'POST', '/api/1.2/contexts/destroy', {
        body: JSON.stringify({ clusterId: emu.clusterId, contextId: id })
      })
  })

  it('refuses requests over the size limit and contexts over the process limit', async () => {
    const huge = await call(emu, 'POST', '/api/1.2/commands/execute', {
      body: JSON.stringify({ command: 'x'.repeat(100 * 1024) })
    })
    expect(huge.status).toBe(413)
    expect(huge.body.error).toMatch(/larger than the limit of 65536 bytes/)
    const ids = [await context(emu), await context(emu), await context(emu)]
    const fourth = await call(emu, 'POST', '/api/1.2/contexts/create', {
      body: JSON.stringify({ clusterId: emu.clusterId, language: 'python' })
    })
    expect(fourth.status).toBe(500)
    expect(fourth.body.error).toMatch(/^Emulator limit: 3 Python processes are running/)
    for (const id of ids)
      await call(emu, 'POST', '/api/1.2/contexts/destroy', {
        body: JSON.stringify({ clusterId: emu.clusterId, contextId: id })
      })
    await expectNothingLeft(emu)
  })

  it('interrupts running code on cancel, ending as Finished with CommandCancelledException', async () => {
    const ctx = await context(emu)
    const exec = { body: { id: await start(emu, ctx, 'import time\ntime.sleep(60)') } }
    await new Promise(r => setTimeout(r, 200))
    await call(emu, 'POST', '/api/1.2/commands/cancel', {
      body: JSON.stringify({ clusterId: emu.clusterId, contextId: ctx, commandId: exec.body.id })
    })
    let status: { status: string; results: { resultType: string; cause: string } | null } = {
      status: '',
      results: null
    }
    for (let i = 0; i < 100 && status.status !== 'Finished'; i++) {
      status = (
        await call(
          emu,
          'GET',
          `/api/1.2/commands/status?clusterId=${emu.clusterId}&contextId=${ctx}&commandId=${exec.body.id}`
        )
      ).body
      await new Promise(r => setTimeout(r, 20))
    }
    expect(status.status).toBe('Finished')
    expect(status.results?.cause).toContain('CommandCancelledException')
    // The context is still usable after the interrupt.
    expect((await run(emu, ctx, '40 + 2')).results.data).toBe('Out[2]: 42')
    await call(emu, 'POST', '/api/1.2/contexts/destroy', {
      body: JSON.stringify({ clusterId: emu.clusterId, contextId: ctx })
    })
  })

  it('ends every python process when it stops', async () => {
    const other = await startEmulator()
    const ids = [await context(other), await context(other)]
    expect(ids).toHaveLength(2)
    const pids = other.registry.pids
    expect(pids).toHaveLength(2)
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    expect(pids.map(alive)).toEqual([true, true])
    await other.stop()
    await expectNothingLeft(other)
    // The OS agrees: the processes are gone.
    expect(pids.map(alive)).toEqual([false, false])
  })
})
