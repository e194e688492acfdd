import { describe, expect, it } from '@jest/globals'
import { ExecutionApi } from '../../src/databricks/execution.js'
import {
  manageCluster,
  terminateAndWait,
  terminateInPost
} from '../../src/flow/cluster-lifecycle.js'
import { defineParameters } from '../../src/flow/parameters.js'
import { attachContext } from '../../src/flow/shared-context.js'
import { fakeApi, json } from '../support/fakes.js'

const ID = 'c-1'
const state = (s: string) => json({ cluster_id: ID, state: s })

function setup(timeoutMs = 60_000) {
  const f = fakeApi(timeoutMs)
  const { api, deadline, time, logger } = f
  const o = { api, clusterId: ID, deadline, clock: time.clock, sleep: time.sleep, logger }
  return { ...f, o }
}

describe('terminateAndWait', () => {
  it('asks once and waits through RUNNING until TERMINATING', async () => {
    const { http, o } = setup()
    http.queue(
      'GET /api/2.0/clusters/get',
      state('RUNNING'),
      state('RUNNING'),
      state('TERMINATING')
    )
    http.always('POST /api/2.0/clusters/delete', json({}))
    expect(await terminateAndWait(o)).toBe('TERMINATING')
    expect(http.calls('POST /api/2.0/clusters/delete')).toHaveLength(1)
  })

  it('does nothing to a cluster already on its way down', async () => {
    for (const s of ['TERMINATING', 'TERMINATED']) {
      const { http, o, logger } = setup()
      http.always('GET /api/2.0/clusters/get', state(s))
      expect(await terminateAndWait(o)).toBe(s)
      expect(http.calls('POST /api/2.0/clusters/delete')).toHaveLength(0)
      expect(logger.lines).toContain(`info: Cluster ${ID} is already ${s}; nothing to do`)
    }
  })

  it('times out with the last state when the cluster never goes down', async () => {
    const { http, o } = setup(5000)
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.always('POST /api/2.0/clusters/delete', json({}))
    await expect(terminateAndWait(o)).rejects.toThrow(
      /Timed out after 5s waiting for cluster c-1 to terminate \(last state RUNNING\)/
    )
  })

  it('says a refused terminate needs CAN RESTART', async () => {
    const { http, o } = setup()
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.always(
      'POST /api/2.0/clusters/delete',
      json({ error_code: 'PERMISSION_DENIED', message: 'no' }, 403)
    )
    await expect(terminateAndWait(o)).rejects.toThrow(/needs the CAN RESTART permission/)
  })
})

describe('manageCluster (start)', () => {
  it('reports that it started a TERMINATED cluster, and not a RUNNING one', async () => {
    const cold = setup()
    cold.http.queue('GET /api/2.0/clusters/get', state('TERMINATED'), state('PENDING'))
    cold.http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    cold.http.always('POST /api/2.0/clusters/start', json({}))
    let started = 0
    const onStarted = () => started++
    expect(await manageCluster({ ...cold.o, start: true, onStarted })).toBe('RUNNING')
    expect(started).toBe(1)
    const warm = setup()
    warm.http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    expect(await manageCluster({ ...warm.o, start: true, onStarted })).toBe('RUNNING')
    expect(started).toBe(1)
  })

  it('does not count a start someone else made first (INVALID_STATE)', async () => {
    const { http, o } = setup()
    http.queue('GET /api/2.0/clusters/get', state('TERMINATED'))
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.always(
      'POST /api/2.0/clusters/start',
      json(
        { error_code: 'INVALID_STATE', message: 'Cluster c-1 is in unexpected state Pending.' },
        400
      )
    )
    let started = 0
    expect(await manageCluster({ ...o, start: true, onStarted: () => started++ })).toBe('RUNNING')
    expect(started).toBe(0)
  })
})

describe('terminateInPost', () => {
  it('asks without waiting, and skips a cluster already down', async () => {
    const { http, api, deadline } = setup()
    http.queue('GET /api/2.0/clusters/get', state('RUNNING'), state('TERMINATED'))
    http.always('POST /api/2.0/clusters/delete', json({}))
    expect(await terminateInPost(api, ID, { deadline })).toBe(
      'Asked cluster c-1 to terminate (it was RUNNING); it stops on its own'
    )
    expect(await terminateInPost(api, ID, { deadline })).toBe('Cluster c-1 is already TERMINATED')
    expect(http.calls('POST /api/2.0/clusters/delete')).toHaveLength(1)
  })
})

describe('attachContext', () => {
  it('checks the cluster and the context together and returns the cluster state', async () => {
    const { http, api, deadline, time, logger } = setup()
    http.always('GET /api/2.0/clusters/get', state('RESIZING'))
    http.queue('GET /api/1.2/contexts/status', json({ id: '9', status: 'Pending' }))
    http.always('GET /api/1.2/contexts/status', json({ id: '9', status: 'Running' }))
    const exec = new ExecutionApi(api, ID)
    const d = { api, clock: time.clock, sleep: time.sleep, logger }
    expect(await attachContext(exec, '9', deadline, d)).toBe('RESIZING')
    expect(http.calls('POST /api/1.2/contexts/create')).toHaveLength(0)
  })

  it('calls a context in Error unusable, and one the service does not know gone', async () => {
    const { http, api, deadline, time, logger } = setup()
    const exec = new ExecutionApi(api, ID)
    const d = { api, clock: time.clock, sleep: time.sleep, logger }
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.queue('GET /api/1.2/contexts/status', json({ id: '9', status: 'Error' }))
    await expect(attachContext(exec, '9', deadline, d)).rejects.toThrow(
      /Execution context 9 \(input context-id\) on cluster c-1 is in state Error and cannot run commands/
    )
    http.queue('GET /api/1.2/contexts/status', json({ error: 'Context 9 is disconnected' }, 400))
    await expect(attachContext(exec, '9', deadline, d)).rejects.toThrow(
      /^Execution context 9 \(input context-id\) is gone from cluster c-1: it was destroyed/
    )
  })

  it('names another cluster as the likeliest cause of ContextNotFound, with the fix', async () => {
    const { http, api, deadline, time, logger } = setup()
    const exec = new ExecutionApi(api, ID)
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.always(
      'GET /api/1.2/contexts/status',
      json({ error: 'ContextNotFound: Context 9 does not exist' }, 400)
    )
    const message = await attachContext(exec, '9', deadline, {
      api,
      clock: time.clock,
      sleep: time.sleep,
      logger
    }).then(
      () => '',
      (e: unknown) => (e as Error).message
    )
    expect(message).toContain(
      "or, likeliest, it was made on another cluster: this step's cluster-id or cluster-name differs from the one of the step that created it, and a context is known only on its own cluster (Databricks said: HTTP 400: ContextNotFound: Context 9 does not exist)."
    )
    expect(message).toContain(
      'Give this step the cluster of the step that created the context (cluster-id: ${{ steps.<setup>.outputs.cluster-id }}).'
    )
  })

  it('wraps other failures with what it was doing', async () => {
    const { http, api, deadline, time, logger } = setup()
    const exec = new ExecutionApi(api, ID)
    http.always('GET /api/2.0/clusters/get', state('RUNNING'))
    http.always('GET /api/1.2/contexts/status', json({ error: 'bad request' }, 400))
    await expect(
      attachContext(exec, '9', deadline, { api, clock: time.clock, sleep: time.sleep, logger })
    ).rejects.toThrow(/^Failed to check execution context 9 on cluster c-1: HTTP 400: bad request$/)
  })
})

describe('defineParameters', () => {
  const prelude = {
    language: 'python' as const,
    source: { kind: 'inline' as const, code: 'params = {}' }
  }

  it('runs the prelude to the end and reports its command id', async () => {
    const { http, api, deadline, time, logger } = setup()
    http.always('POST /api/1.2/commands/execute', json({ id: 'p1' }))
    http.queue('GET /api/1.2/commands/status', json({ id: 'p1', status: 'Running', results: null }))
    http.always(
      'GET /api/1.2/commands/status',
      json({ id: 'p1', status: 'Finished', results: { resultType: 'text', data: '' } })
    )
    const events: string[] = []
    await defineParameters(
      new ExecutionApi(api, ID),
      '9',
      prelude,
      deadline,
      { onStarted: id => events.push(`started ${id}`), onEnded: () => events.push('ended') },
      { clock: time.clock, sleep: time.sleep, logger }
    )
    expect(events).toEqual(['started p1', 'ended'])
  })

  it('fails clearly when the prelude ends in an error', async () => {
    const { http, api, deadline, time, logger } = setup()
    http.always('POST /api/1.2/commands/execute', json({ id: 'p1' }))
    http.always(
      'GET /api/1.2/commands/status',
      json({
        id: 'p1',
        status: 'Finished',
        results: { resultType: 'error', summary: 'NameError: boom', cause: 'NameError: boom' }
      })
    )
    await expect(
      defineParameters(
        new ExecutionApi(api, ID),
        '9',
        prelude,
        deadline,
        { onStarted: () => {}, onEnded: () => {} },
        { clock: time.clock, sleep: time.sleep, logger }
      )
    ).rejects.toThrow(
      /^Failed to define the parameters \(params\) in execution context 9: the command ended Finished with NameError: boom/
    )
  })
})
