import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { get } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, runJob } from '../../harness/runner.js'
import { MAX_CONTEXTS_PER_CLUSTER, SIGINT_TO_KILL_MS } from '../../src/common/limits.js'
import { clusterNotReady } from '../../emulator/faults.js'
import {
  calls,
  Emulator,
  expectNoDuplicateWork,
  expectLeftOnly,
  expectNothingLeft,
  job,
  startEmulator,
  theError,
  useEmulator
} from '../support/e2e.js'

let emu: Emulator
useEmulator(e => (emu = e))

const SLEEP = 'import time\ntime.sleep(30)'

describe('service behaviours that bite', () => {
  it('retries ClusterNotReadyException on create until the cluster is ready', async () => {
    emu.faults.set({ rules: [clusterNotReady(4)] })
    const { main } = await job(emu, { command: '"ready"' })
    expect(main.exitCode).toBe(0)
    expect(calls(emu, 'POST', '1.2/contexts/create').map(c => c.status)).toEqual([
      500, 500, 500, 500, 200
    ])
    expectNoDuplicateWork(emu)
    await expectNothingLeft(emu)
  })

  it('fails when a context stays Pending past the deadline, and post destroys it', async () => {
    emu.faults.set({ contextPendingMs: -1 })
    const { main, post } = await job(emu, { command: '1', timeout: '2s' })
    expect(theError(main)).toMatch(
      /^Timed out after 2s waiting for execution context \S+ on cluster .* \(still Pending\)\. The cluster may be overloaded; raise the timeout input/
    )
    expect(main.outputs.status).toBe('Timed out')
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(0)
    expect(post.log).toMatch(/Destroyed execution context \S+/)
    await expectNothingLeft(emu)
  })

  it('fails when 5 contexts in a row end in Error, and post destroys the last', async () => {
    emu.faults.set({ contextErrors: 5 })
    const { main, post } = await job(emu, { command: '1' })
    expect(theError(main)).toMatch(
      /^Execution context \S+ on cluster .* ended in state Error \(attempt 5 of 5\); the cluster could not start a python interpreter/
    )
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(5)
    expect(post.log).toMatch(/Destroyed execution context/)
    await expectNothingLeft(emu)
  })

  it('explains a context evicted mid-run; post treats it as already gone', async () => {
    const evict = setInterval(() => {
      const ctx = emu.registry.list()[0]
      if (ctx && calls(emu, 'POST', '1.2/commands/execute')[0]?.status === 200) {
        emu.registry.evict(ctx.id)
        clearInterval(evict)
      }
    }, 20)
    const { main, post } = await job(emu, { command: SLEEP })
    clearInterval(evict)
    expect(theError(main)).toMatch(
      new RegExp(
        `^Failed while waiting for command \\w+: HTTP 400: Context ExecutionContextId\\(\\S+\\) is disconnected \\(the context was evicted: a cluster keeps at most ${MAX_CONTEXTS_PER_CLUSTER} execution contexts`
      )
    )
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toEqual([])
    expect(post.log).toMatch(/Execution context \S+ was already gone/)
    await expectNothingLeft(emu)
  })

  it('evicts the least recently used idle context at the per-cluster limit', async () => {
    const small = await startEmulator({ limits: { maxContextsPerCluster: 2, idleAfterMs: 0 } })
    try {
      const a = await job(small, { command: '1' })
      expect(a.main.exitCode).toBe(0)
      // Two idle contexts left by hand, then a job: the oldest is evicted to make room.
      const first = small.registry.create(small.clusterId, 'python')
      const second = small.registry.create(small.clusterId, 'python')
      // Both Running (a Pending context is never idle), and `second` used last.
      while (
        small.registry.status(first) === 'Pending' ||
        small.registry.status(second) === 'Pending'
      )
        await new Promise(r => setTimeout(r, 20))
      const { main } = await job(small, { command: '2' })
      expect(main.exitCode).toBe(0)
      expect(small.registry.list().map(c => c.id)).toEqual([second])
      expect(() => small.registry.status(first)).toThrow(/is disconnected/)
      small.registry.destroy(second)
      await expectNothingLeft(small)
    } finally {
      await small.stop()
    }
  })

  it('reports a command cancelled by someone else as Cancelled', async () => {
    emu.faults.set({ cancelMode: 'cancelled' })
    const cancelOther = setInterval(() => {
      const ctx = emu.registry.list()[0]
      const exec = calls(emu, 'POST', '1.2/commands/execute')
      if (ctx && exec.length && exec[0]?.status === 200) {
        clearInterval(cancelOther)
        const cmdId = emu.registry.commandIds(ctx.id)[0]
        if (cmdId) emu.registry.cancel(ctx.id, cmdId)
      }
    }, 20)
    const { main } = await job(emu, { command: SLEEP })
    clearInterval(cancelOther)
    expect(main.outputs.status).toBe('Cancelled')
    expect(theError(main)).toMatch(/^Command \w+ was cancelled outside this step$/)
    await expectNothingLeft(emu)
  })

  // 6 s timeouts below leave the context's Python room to start on a loaded machine: the
  // command is what must time out here, not the context wait.
  it('handles a cancel that ends as Finished with CommandCancelledException', async () => {
    emu.faults.set({ cancelMode: 'finished-error' })
    const { main } = await job(emu, { command: SLEEP, timeout: '6s' })
    expect(theError(main)).toBe(
      'The command timed out after 6s (the timeout input) and was cancelled.'
    )
    await expectNothingLeft(emu)
  })

  it('bounds the wait for a cancel that never takes effect, then post cancels again and destroys', async () => {
    emu.faults.set({ cancelMode: 'ignore' })
    const { main, post } = await job(emu, { command: SLEEP, timeout: '6s' })
    expect(theError(main)).toBe(
      'The command timed out after 6s (the timeout input) and did not stop within 15.0 s of being cancelled; the post step destroys its context, which stops it.'
    )
    expect(main.durationMs).toBeLessThan(25_000)
    expect(main.state['command-done']).toBe('false')
    expect(post.log).toMatch(/Cancelled command \w+/)
    expect(post.log).toMatch(/Destroyed execution context/)
    expect(calls(emu, 'POST', '1.2/commands/cancel')).toHaveLength(2)
    await expectNothingLeft(emu)
  }, 40_000)

  it('names the cause when the token expires mid-run; post says how to remove the context by hand', async () => {
    // Expire it once execute has been answered: the run is then truly mid-way.
    const expire = setInterval(() => {
      if (calls(emu, 'POST', '1.2/commands/execute')[0]?.status === 200) {
        emu.expireTokenNow()
        clearInterval(expire)
      }
    }, 10)
    const { main, post } = await job(emu, { command: SLEEP })
    clearInterval(expire)
    const message = theError(main)
    expect(message).toMatch(
      /HTTP 401: Token is expired\. \[ReqId: [\w-]+\] \(the credentials were refused: check that the token or password is valid, has not expired/
    )
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(1)
    // With the token expired, post cannot destroy; it warns and never fails the job.
    expect(post.exitCode).toBe(0)
    expect(post.warnings[0]).toMatch(
      /^Could not destroy execution context \S+ on cluster .*HTTP 401.*To remove it now: curl -X POST https:\/\/127\.0\.0\.1:\d+\/api\/1\.2\/contexts\/destroy/
    )
    expect(post.warnings[0]).not.toContain(emu.token)
    // The one context post could not destroy is left, and nothing else.
    await expectLeftOnly(emu, [main.outputs['context-id']])
  })

  it('never resends execute when the answer is lost after the service ran it', async () => {
    emu.faults.set({ rules: [{ path: '/api/1.2/commands/execute', dropAfter: true }] })
    const { main, post } = await job(emu, { command: 'print("ran once")' })
    expect(theError(main)).toMatch(/^Failed to start the command in context \S+/)
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(1)
    expect(post.log).toMatch(/Destroyed execution context/)
    await expectNothingLeft(emu)
  })

  it('post warns, with manual steps, when destroy keeps failing, and never fails the job', async () => {
    emu.faults.set({ rules: [{ path: '/api/1.2/contexts/destroy', status: 503, times: 'always' }] })
    const { main, post } = await job(emu, { command: '1' })
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(post.warnings[0]).toMatch(
      new RegExp(
        `^Could not destroy execution context \\S+ .*HTTP 503.*each cluster holds at most ${MAX_CONTEXTS_PER_CLUSTER}.*curl -X POST`
      )
    )
    expect(post.durationMs).toBeLessThan(SIGINT_TO_KILL_MS)
    await expectLeftOnly(emu, [main.outputs['context-id']])
  })
})

describe('fault plans from a JSON file (npm run emulator -- --faults file.json)', () => {
  it('starts the emulator CLI with terminated clusters, ClusterNotReady and HTML faults', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faults-')), 'faults.json')
    writeFileSync(
      file,
      JSON.stringify({
        clusterNotReady: 2,
        clusters: [{ id: 'c-file', state: 'TERMINATED', startDelayMs: 1500 }],
        rules: [
          {
            path: '/api/1.2/commands/status',
            status: 503,
            body: '<html><h1>503 Service Unavailable</h1></html>'
          }
        ]
      })
    )
    const cli = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'emulator/cli.ts'), '--port', '0', '--faults', file],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    try {
      type Ready = { url: string; token: string; clusterId: string; caCert: string }
      const ready = await new Promise<Ready>((resolve, reject) => {
        cli.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as Ready))
        cli.once('exit', code => reject(new Error(`emulator exited ${code}`)))
      })
      expect(ready.clusterId).toBe('c-file')
      const inputs = {
        host: ready.url,
        token: ready.token,
        'cluster-id': ready.clusterId,
        command: '"from cli"',
        'start-cluster': 'true'
      }
      const { main, post } = await runJob({ inputs, env: { NODE_EXTRA_CA_CERTS: ready.caCert } })
      expect(main.exitCode).toBe(0)
      expect(main.outputs.result).toBe("'from cli'")
      expect(main.log).toContain('starting it (start-cluster: true)')
      // The first ClusterNotReady sends the step to the cluster (TERMINATED: started); the
      // rest are waited out by the create sent after the start.
      expect(main.log).toMatch(
        /Retry 1 in \d+ ms: POST \/api\/1\.2\/contexts\/create: HTTP 500: ClusterNotReadyException/
      )
      expect(main.log).toMatch(
        /GET \/api\/1\.2\/commands\/status: HTTP 503: 503 Service Unavailable/
      )
      expect(post.log).toMatch(/Destroyed execution context/)
      // Read the CLI emulator's own state, trusting its certificate explicitly.
      type State = { liveContexts: number; liveProcesses: number }
      const state = await new Promise<State>((resolve, reject) => {
        get(`${ready.url}/__emulator/state`, { ca: readFileSync(ready.caCert) }, res => {
          let body = ''
          res.on('data', c => (body += c))
          res.on('end', () => resolve(JSON.parse(body) as State))
        }).on('error', reject)
      })
      expect({ contexts: state.liveContexts, processes: state.liveProcesses }).toEqual({
        contexts: 0,
        processes: 0
      })
    } finally {
      cli.kill('SIGTERM')
      await new Promise(r => cli.once('exit', r))
    }
  }, 60_000)
})
