import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { canned } from '../../emulator/canned-results.js'
import { barePre, jettyPage, plainCode, rateLimited400 } from '../../emulator/faults.js'
import {
  calls,
  Emulator,
  expectNoDuplicateWork,
  expectNothingLeft,
  job,
  startEmulator,
  theError,
  useEmulator
} from '../support/e2e.js'

// The bundled action against the emulator reproducing what the real service does
// (docs/service-facts.md). Every test also checks that no context or process is left.
let emu: Emulator
useEmulator(e => (emu = e), { checkNothingLeft: true })

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const pngUrl = `data:image/png;base64,${PNG.toString('base64')}`

describe('text and tables as the service returns them', () => {
  it('gives printed text without a trailing newline', async () => {
    const { main } = await job(emu, { command: 'print(1)' })
    expect(main.outputs).toMatchObject({ result: '1', truncated: 'false' })
  })

  it('keeps head and tail of long text, and says truncated', async () => {
    const { main } = await job(emu, {
      command: 'print("".join(chr(97 + i % 26) for i in range(80_000)))'
    })
    const result = main.outputs.result ?? ''
    expect(result).toMatch(
      /^abcd[\s\S]*\n\*\*\* WARNING: skipped 30000 bytes of output \*\*\*\n\n[\s\S]*/
    )
    expect(result.length).toBeLessThan(50_100)
    expect(main.outputs.truncated).toBe('true')
  })

  it('says truncated when the whole output was dropped for the service warning', async () => {
    const small = await startEmulator({ limits: { maxOutputBytes: 10_000 } })
    try {
      const { main } = await job(small, { command: 'for i in range(5000):\n    print(i)' })
      expect(main.outputs.result).toBe(
        '*** WARNING: max output size exceeded, skipping output. ***'
      )
      expect(main.outputs.truncated).toBe('true')
    } finally {
      await small.stop()
    }
  })

  it('caps a table at 10,000 rows with truncated: true', async () => {
    const { main } = await job(emu, {
      language: 'sql',
      command:
        'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10005) SELECT i FROM n'
    })
    expect(main.outputs.truncated).toBe('true')
    expect(main.log).toMatch(/Table result: 10000 rows, columns i \(truncated by Databricks\)/)
  })
})

describe('images', () => {
  it('saves every image shape under RUNNER_TEMP, lists them in image-files, never outputs a data URL', async () => {
    emu.faults.set({ commandOutcomes: [canned.images([pngUrl, '/plots/b6a7ad70.png', pngUrl])] })
    const { main } = await job(emu, { command: 'display(fig)' })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['result-type']).toBe('images')
    const files = JSON.parse(main.outputs['image-files'] ?? '') as string[]
    expect(files).toHaveLength(2)
    for (const f of files) expect(readFileSync(f)).toEqual(PNG)
    expect(JSON.parse(main.outputs.result ?? '')).toEqual([
      files[0],
      '/plots/b6a7ad70.png',
      files[1]
    ])
    expect(JSON.stringify(main.outputs)).not.toContain('data:')
    expect(main.summary).not.toContain('data:')
    expect(main.summary).toContain(
      `3 images. 2 saved on the runner in <code>${dirname(files[0] ?? '')}</code>`
    )
    expect(main.summary).toContain('/plots/b6a7ad70.png')
  })

  it('reads an image result that carries only fileNames', async () => {
    emu.faults.set({ commandOutcomes: [canned.imageWithFileNames([pngUrl])] })
    const { main } = await job(emu, { command: 'plot()' })
    const files = JSON.parse(main.outputs['image-files'] ?? '') as string[]
    expect(files).toHaveLength(1)
    expect(existsSync(files[0] ?? '')).toBe(true)
    expect(main.outputs.result).toBe(files[0])
  })
})

describe('clusters', () => {
  it('waits for a TERMINATING cluster to be TERMINATED, starts it, waits through PENDING', async () => {
    emu.setClusters([
      { id: emu.clusterId, state: 'TERMINATING', settleMs: 1500, startDelayMs: 1500 }
    ])
    try {
      const { main } = await job(emu, { command: '"up"', 'start-cluster': 'true' })
      expect(main.exitCode).toBe(0)
      expect(main.log).toMatch(
        /is TERMINATING \(Terminating the cluster\); waiting for it to be TERMINATED before starting it/
      )
      expect(calls(emu, 'POST', '2.0/clusters/start').map(c => c.status)).toEqual([200])
      expect(main.outputs.result).toBe("'up'")
    } finally {
      emu.setClusters([{ id: emu.clusterId }])
    }
  })
})

describe('contexts', () => {
  it('destroys a context that ends in Error and creates another', async () => {
    emu.faults.set({ contextErrors: 2 })
    const { main, post } = await job(emu, { command: '6 * 7' })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.result).toBe('42')
    expect(
      main.warnings.filter(w => /ended in state Error \(attempt \d of 5/.test(w))
    ).toHaveLength(2)
    expect(calls(emu, 'POST', '1.2/contexts/create')).toHaveLength(3)
    // Two destroyed by main as they failed, the third by post.
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(3)
    expect(post.log).toContain(`Destroyed execution context ${main.outputs['context-id']}`)
  })

  it('says the context was shut down under the command, and why', async () => {
    const shut = setInterval(() => {
      const ctx = emu.registry.list()[0]
      if (ctx && calls(emu, 'POST', '1.2/commands/execute')[0]?.status === 200) {
        emu.registry.shutdown(ctx.id, 'the cluster is restarting')
        clearInterval(shut)
      }
    }, 20)
    const { main, post } = await job(emu, { command: 'import time\ntime.sleep(30)' })
    clearInterval(shut)
    expect(theError(main)).toMatch(
      /^Command \S+ did not finish: its execution context was shut down while it ran\. Databricks does this when the cluster restarts or terminates, or when it evicts the context/
    )
    expect(main.outputs.status).toBe('Cancelled')
    expect(post.exitCode).toBe(0)
  })

  it('works with ids of any shape', async () => {
    const other = await startEmulator({ limits: { idStyle: 'opaque' } })
    try {
      const { main, post } = await job(other, { command: '1' })
      expect(main.exitCode).toBe(0)
      const id = main.outputs['context-id'] ?? ''
      expect(id).toMatch(/^ctx_/)
      expect(main.outputs['command-id']).toMatch(/^cmd-/)
      expect(post.log).toContain(`Destroyed execution context ${id}`)
      await expectNothingLeft(other)
    } finally {
      await other.stop()
    }
  })
})

describe('rate limits and error bodies', () => {
  it("retries HTTP 400 REQUEST_LIMIT_EXCEEDED and the SDKs' messages like a 429, create included", async () => {
    emu.faults.set({
      rules: [
        rateLimited400('/api/1.2/contexts/create', 2),
        rateLimited400('/api/1.2/commands/execute', 1, 'RPC token bucket limit has been exceeded'),
        rateLimited400(
          '/api/1.2/commands/status',
          1,
          'Please try again later or try a faster operation.'
        )
      ]
    })
    const { main } = await job(emu, { command: '1 + 1' })
    expect(main.exitCode).toBe(0)
    expect(calls(emu, 'POST', '1.2/contexts/create').map(c => c.status)).toEqual([400, 400, 200])
    expect(main.log).toMatch(
      /Retry 1 of 5 in \d+ ms: POST \/api\/1\.2\/contexts\/create: HTTP 400 REQUEST_LIMIT_EXCEEDED/
    )
    expectNoDuplicateWork(emu)
  })

  it('reads Jetty, bare <pre> and plain CODE: bodies', async () => {
    emu.faults.set({
      rules: [
        {
          path: '/api/1.2/commands/status',
          status: 503,
          body: barePre('Worker environment not ready')
        },
        {
          // The step creates its context without a cluster check, so the first call it makes
          // that can carry this body is the execute.
          path: '/api/1.2/commands/execute',
          status: 400,
          body: plainCode('MALFORMED_REQUEST', 'language is malformed'),
          contentType: 'text/plain'
        }
      ]
    })
    const a = await job(emu, { command: '1' })
    expect(theError(a.main)).toMatch(
      new RegExp(
        `^Failed to start the command in context \\S+ on cluster ${emu.clusterId}: HTTP 400 MALFORMED_REQUEST: language is malformed$`
      )
    )
    emu.faults.set({
      rules: [
        {
          path: '/api/1.2/contexts/create',
          status: 400,
          body: jettyPage(400, 'Bad Request: language')
        }
      ]
    })
    const b = await job(emu, { command: '1' })
    expect(theError(b.main)).toMatch(
      /^Failed to create a python execution context on cluster \S+: HTTP 400: Bad Request: language$/
    )
    emu.faults.set({
      rules: [
        {
          path: '/api/1.2/commands/status',
          status: 503,
          body: barePre('Worker environment not ready')
        }
      ]
    })
    const c = await job(emu, { command: '1' })
    expect(c.main.exitCode).toBe(0)
    expect(c.main.log).toMatch(/HTTP 503: Worker environment not ready/)
  })
})

describe('command results of other shapes', () => {
  it('surfaces a status Error message from results.data', async () => {
    emu.faults.set({
      commandOutcomes: [canned.statusError('The Spark driver restarted unexpectedly')]
    })
    const { main } = await job(emu, { command: '1' })
    expect(theError(main)).toMatch(
      /^Command \S+ ended with status Error: The Spark driver restarted unexpectedly$/
    )
    expect(main.outputs.status).toBe('Error')
  })

  it('reads the message of an ExecutionError cause', async () => {
    emu.faults.set({
      commandOutcomes: [
        canned.executionError('Could not reach the metastore', 503, 'ServiceUnavailable')
      ]
    })
    const { main } = await job(emu, { command: 'spark.table("x")' })
    expect(theError(main)).toBe(
      'Could not reach the metastore (StatusCode=503, StatusDescription=ServiceUnavailable)'
    )
    expect(main.outputs.result).toBe(theError(main))
  })

  it('turns R HTML into text and drops the R temp-file prefix from errors', async () => {
    emu.faults.set({
      commandOutcomes: [canned.rText('[1] "a < b"\n[1] 42'), canned.rError("object 'x' not found")]
    })
    const text = await job(emu, { language: 'r', command: 'print("a < b"); 42' })
    expect(text.main.outputs.result).toBe('[1] "a < b"\n[1] 42')
    const err = await job(emu, { language: 'r', command: 'x' })
    expect(theError(err.main)).toBe("Error in eval(ei, envir): object 'x' not found")
    expect(err.main.log).not.toContain('DATABRICKS_CURRENT_TEMP_CMD__')
  })
})
