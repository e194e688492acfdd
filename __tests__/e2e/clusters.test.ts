import { describe, expect, it } from '@jest/globals'
import { calls, Emulator, job, theError, useEmulator } from '../support/e2e.js'

let emu: Emulator
// Two clusters a page, so a lookup has to follow the list's pages.
useEmulator(e => (emu = e), { checkNothingLeft: true, clusterPageSize: 2 })

/** The connection without a cluster: each test says which cluster, by id or by name. */
const noCluster = (over: Record<string, string>) => ({ 'cluster-id': '', ...over })

const FLEET = [
  { id: 'c-etl-1', name: 'etl' },
  { id: 'c-bi', name: 'bi-warehouse' },
  { id: 'c-etl-2', name: 'etl', state: 'TERMINATED' as const },
  { id: 'c-nightly', name: 'nightly-etl', startDelayMs: 300, terminateDelayMs: 300 },
  { id: 'c-last', name: 'on the last page' }
]

describe('cluster-name', () => {
  it('finds the one cluster of that name across pages and outputs its id', async () => {
    emu.setClusters(FLEET)
    const { main } = await job(
      emu,
      noCluster({ 'cluster-name': 'on the last page', command: '1 + 1' })
    )
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({
      'cluster-id': 'c-last',
      'cluster-state': 'RUNNING',
      result: '2'
    })
    expect(calls(emu, 'GET', '2.1/clusters/list')).toHaveLength(3)
    expect(emu.registry.list()).toEqual([])
  })

  it('lists the names that exist, closest first, when none matches; nothing else is called', async () => {
    emu.setClusters(FLEET)
    const { main } = await job(emu, noCluster({ 'cluster-name': 'ETL', command: '1' }))
    expect(main.exitCode).toBe(1)
    expect(theError(main)).toBe(
      "No cluster is named 'ETL' (input cluster-name; the match is exact, case included). Clusters you can see (closest first): 'etl', 'nightly-etl', 'bi-warehouse', 'on the last page'. Set cluster-name to one of them, or set cluster-id."
    )
    expect(emu.calls.filter(c => !c.path.includes('clusters/list'))).toEqual([])
  })

  it('lists the ids when several clusters share the name', async () => {
    emu.setClusters(FLEET)
    const { main, post } = await job(emu, noCluster({ 'cluster-name': 'etl', command: '1' }))
    expect(theError(main)).toBe(
      "2 clusters are named 'etl' (input cluster-name): c-etl-1 (RUNNING), c-etl-2 (TERMINATED). Cluster names are not unique; set cluster-id to the one you mean instead."
    )
    expect(post.log).toContain('Nothing to clean up')
  })

  it('takes DATABRICKS_CLUSTER_NAME from the environment, and refuses both inputs at once', async () => {
    emu.setClusters(FLEET)
    const fromEnv = await job(emu, noCluster({ command: '1' }), {
      env: { DATABRICKS_CLUSTER_NAME: 'bi-warehouse' }
    })
    expect(fromEnv.main.outputs['cluster-id']).toBe('c-bi')
    emu.reset()
    const both = await job(emu, {
      'cluster-id': 'c-bi',
      'cluster-name': 'bi-warehouse',
      command: '1'
    })
    expect(theError(both.main)).toBe(
      "Inputs cluster-id and cluster-name were both given ('c-bi', 'bi-warehouse'): set only one."
    )
    expect(emu.calls).toEqual([])
  })
})

describe('a working day: start at 07:00, terminate at 19:00', () => {
  it('starts a TERMINATED cluster and waits for RUNNING, then terminates it and waits; no context', async () => {
    emu.setClusters([
      {
        id: 'c-day',
        name: 'office-hours',
        state: 'TERMINATED',
        startDelayMs: 300,
        terminateDelayMs: 300
      }
    ])
    const morning = await job(
      emu,
      noCluster({ 'cluster-name': 'office-hours', 'start-cluster': 'true' })
    )
    expect(morning.main.exitCode).toBe(0)
    expect(morning.main.outputs).toEqual({
      status: 'Finished',
      'auth-type': 'pat',
      'cluster-id': 'c-day',
      'cluster-state': 'RUNNING'
    })
    expect(morning.main.summary).toContain('Databricks cluster: RUNNING')
    expect(morning.main.log).toContain('Cluster c-day is TERMINATED; starting it')
    expect(calls(emu, 'POST', '2.0/clusters/start')).toHaveLength(1)
    expect(morning.post.log).toContain('Nothing to clean up')
    expect(emu.clusters.get('c-day')?.state).toBe('RUNNING')

    const evening = await job(
      emu,
      noCluster({ 'cluster-name': 'office-hours', 'terminate-cluster': 'always' })
    )
    expect(evening.main.exitCode).toBe(0)
    expect(evening.main.outputs.status).toBe('Finished')
    expect(['TERMINATING', 'TERMINATED']).toContain(evening.main.outputs['cluster-state'])
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(1)
    // Done in main: post does not ask a second time.
    expect(evening.post.log).toContain('Nothing to clean up')
    expect(calls(emu, 'POST', '1.2/contexts/create')).toHaveLength(0)
  })

  it('treats a cluster already in the wanted state as success', async () => {
    emu.setClusters([{ id: 'c-up' }, { id: 'c-down', state: 'TERMINATED' }])
    const up = await job(emu, { 'cluster-id': 'c-up', 'start-cluster': 'true' })
    expect(up.main.exitCode).toBe(0)
    expect(up.main.outputs['cluster-state']).toBe('RUNNING')
    const down = await job(emu, { 'cluster-id': 'c-down', 'terminate-cluster': 'always' })
    expect(down.main.exitCode).toBe(0)
    expect(down.main.outputs['cluster-state']).toBe('TERMINATED')
    expect(down.main.log).toContain('Cluster c-down is already TERMINATED; nothing to do')
    expect(calls(emu, 'POST', '2.0/clusters/start')).toHaveLength(0)
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(0)
  })

  it('if-started: post terminates the cluster only when this step started it', async () => {
    emu.setClusters([{ id: 'c-cold', state: 'TERMINATED', startDelayMs: 300 }, { id: 'c-warm' }])
    const inputs = { command: '"ran"', 'start-cluster': 'true', 'terminate-cluster': 'if-started' }
    const cold = await job(emu, { ...inputs, 'cluster-id': 'c-cold' })
    expect(cold.main.outputs).toMatchObject({ result: "'ran'", 'cluster-state': 'RUNNING' })
    // The terminate goes first and takes the context with the cluster: no destroy is spent.
    expect(cold.post.log).toContain('Asked cluster c-cold to terminate (it was RUNNING)')
    expect(cold.post.log).toMatch(/Execution context \S+ ends with the cluster; no destroy needed/)
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(1)
    expect(calls(emu, 'POST', '1.2/contexts/destroy')).toHaveLength(0)
    expect(emu.clusters.get('c-cold')?.state).toMatch(/^TERMINAT/)

    emu.reset()
    const warm = await job(emu, { ...inputs, 'cluster-id': 'c-warm' })
    expect(warm.main.exitCode).toBe(0)
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(0)
    expect(emu.clusters.get('c-warm')?.state).toBe('RUNNING')
  })

  it('always: post terminates after the command, also when it failed', async () => {
    emu.setClusters([{ id: 'c-any' }])
    const { main, post } = await job(emu, {
      'cluster-id': 'c-any',
      command: '1/0',
      'terminate-cluster': 'always'
    })
    expect(main.exitCode).toBe(1)
    expect(post.exitCode).toBe(0)
    expect(post.log).toContain('Asked cluster c-any to terminate')
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(1)
    expect(post.warnings).toEqual([])
  })

  it('always: post says so when main stopped before it knew the cluster', async () => {
    emu.setClusters(FLEET)
    const { main, post } = await job(
      emu,
      noCluster({ 'cluster-name': 'no such cluster', command: '1', 'terminate-cluster': 'always' })
    )
    expect(main.exitCode).toBe(1)
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toEqual([
      expect.stringMatching(
        /^terminate-cluster is always, but main stopped before it knew which cluster to use .* no cluster was terminated/
      )
    ])
    expect(calls(emu, 'POST', '2.0/clusters/delete')).toHaveLength(0)
  })

  it('a refused start or terminate says it needs CAN RESTART', async () => {
    emu.setClusters([
      { id: 'c-locked', state: 'TERMINATED', canRestart: false },
      { id: 'c-mine', canRestart: false }
    ])
    const start = await job(emu, { 'cluster-id': 'c-locked', 'start-cluster': 'true' })
    expect(theError(start.main)).toMatch(
      /^Databricks refused to start cluster c-locked: HTTP 403 PERMISSION_DENIED: .*CAN RESTART permission/
    )
    const stop = await job(emu, { 'cluster-id': 'c-mine', 'terminate-cluster': 'always' })
    expect(theError(stop.main)).toMatch(
      /^Databricks refused to terminate cluster c-mine: .*CAN RESTART/
    )
  })

  it('a step that fails still reports the cluster state it last saw', async () => {
    emu.setClusters([{ id: 'c-off', state: 'TERMINATED' }])
    const off = await job(emu, { 'cluster-id': 'c-off', command: '1' })
    expect(theError(off.main)).toMatch(
      /Cluster c-off is TERMINATED\. Set the input start-cluster: true/
    )
    expect(off.main.outputs).toMatchObject({ status: 'Failed', 'cluster-state': 'TERMINATED' })
    emu.setClusters([{ id: 'c-slow', state: 'TERMINATED', startDelayMs: 60_000 }])
    const slow = await job(emu, {
      'cluster-id': 'c-slow',
      'start-cluster': 'true',
      timeout: '3s'
    })
    expect(slow.main.outputs).toMatchObject({ status: 'Timed out', 'cluster-state': 'PENDING' })
    emu.setClusters([{ id: emu.clusterId }])
  })

  it('a step with nothing to do is an input error before any call', async () => {
    const { main } = await job(emu, {})
    expect(theError(main)).toMatch(
      /^Neither command nor file was given: .*set start-cluster: true to start it, or terminate-cluster: always to terminate it/
    )
    expect(emu.calls).toEqual([])
  })
})
