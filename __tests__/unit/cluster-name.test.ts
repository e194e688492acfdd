import { describe, expect, it } from '@jest/globals'
import { listClusters, terminateCluster } from '../../src/databricks/cluster-list.js'
import { closestNames, pickClusterByName, resolveClusterName } from '../../src/flow/cluster-name.js'
import { MemoryLogger, fakeApi, json } from '../support/fakes.js'

const c = (id: string, name: string, state = 'RUNNING') => ({ id, name, state })

/** A client whose fake transport the test scripts. */
function api() {
  const { api: a, http, deadline } = fakeApi()
  return { a, http, call: { deadline } }
}

describe('pickClusterByName', () => {
  const clusters = [c('1', 'etl'), c('2', 'ETL-nightly'), c('3', 'analytics'), c('4', 'etl-dev')]

  it('finds the one exact, case-sensitive match', () => {
    expect(pickClusterByName('etl', clusters)).toBe('1')
    expect(pickClusterByName('ETL-nightly', clusters)).toBe('2')
  })

  it('lists the names that exist, closest first, when none matches', () => {
    expect(() => pickClusterByName('ETL', clusters)).toThrow(
      "No cluster is named 'ETL' (input cluster-name; the match is exact, case included). Clusters you can see (closest first): 'etl', 'etl-dev', 'ETL-nightly', 'analytics'. Set cluster-name to one of them, or set cluster-id."
    )
  })

  it('lists at most 20 names and says how many there are', () => {
    const many = Array.from({ length: 45 }, (_, i) => c(`id${i}`, `cluster-${i}`))
    let message = ''
    try {
      pickClusterByName('cluster-4x', many)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toContain('(20 of 45, closest first)')
    expect(message.match(/'cluster-\d+'/g)).toHaveLength(20)
    expect(message).toMatch(/see \(20 of 45, closest first\): 'cluster-4', /)
  })

  it('lists the ids when several clusters share the name', () => {
    const dup = [...clusters, c('5', 'etl', 'TERMINATED')]
    expect(() => pickClusterByName('etl', dup)).toThrow(
      "2 clusters are named 'etl' (input cluster-name): 1 (RUNNING), 5 (TERMINATED). Cluster names are not unique; set cluster-id to the one you mean instead."
    )
  })

  it('says so when the credentials see no cluster', () => {
    expect(() => pickClusterByName('x', [])).toThrow(/see no clusters at all/)
  })

  it('sorts by edit distance, then by name', () => {
    expect(closestNames('abc', ['xyz', 'abd', 'ab', 'abcd', 'ABC'])).toEqual([
      'ABC',
      'ab',
      'abcd',
      'abd',
      'xyz'
    ])
  })
})

describe('listClusters', () => {
  it('follows next_page_token until the last page', async () => {
    const { a, http, call } = api()
    http.queue(
      'GET /api/2.1/clusters/list',
      json({
        clusters: [{ cluster_id: 'a', cluster_name: 'A', state: 'RUNNING' }],
        next_page_token: 'p2'
      }),
      json({
        clusters: [{ cluster_id: 'b', cluster_name: 'B', state: 'TERMINATED' }],
        next_page_token: 'p3'
      }),
      json({ clusters: [{ cluster_id: 'c', cluster_name: 'C' }], next_page_token: '' })
    )
    expect(await listClusters(a, call)).toEqual([
      c('a', 'A'),
      c('b', 'B', 'TERMINATED'),
      c('c', 'C', '')
    ])
    const tokens = http
      .calls('GET /api/2.1/clusters/list')
      .map(r => new URL(r.url).searchParams.get('page_token'))
    expect(tokens).toEqual([null, 'p2', 'p3'])
  })

  it('reads an empty workspace (no clusters field) as no clusters', async () => {
    const { a, http, call } = api()
    http.queue('GET /api/2.1/clusters/list', json({}))
    expect(await listClusters(a, call)).toEqual([])
  })

  it('stops on a page token that repeats instead of looping', async () => {
    const { a, http, call } = api()
    http.always('GET /api/2.1/clusters/list', json({ clusters: [], next_page_token: 'same' }))
    await expect(listClusters(a, call)).rejects.toThrow(/page token same twice/)
  })

  it('keeps one entry per cluster id when the list shifts between pages; the later page wins', async () => {
    const { a, http, call } = api()
    // Between the pages a cluster was created ahead of c-1, so c-1 is sent again on page 2,
    // by then restarted: its later state is the one kept, in its first place.
    http.queue(
      'GET /api/2.1/clusters/list',
      json({
        clusters: [
          { cluster_id: 'c-1', cluster_name: 'x', state: 'PENDING' },
          { cluster_id: 'c-2', cluster_name: 'y', state: 'RUNNING' }
        ],
        next_page_token: 'p2'
      }),
      json({
        clusters: [
          { cluster_id: 'c-2', cluster_name: 'y', state: 'RUNNING' },
          { cluster_id: 'c-1', cluster_name: 'x', state: 'RUNNING' },
          { cluster_id: 'c-3', cluster_name: 'x-dev', state: 'TERMINATED' }
        ]
      })
    )
    expect(await listClusters(a, call)).toEqual([
      c('c-1', 'x'),
      c('c-2', 'y'),
      c('c-3', 'x-dev', 'TERMINATED')
    ])
  })

  it('finds the one cluster of a name that the shifting list sent twice', async () => {
    const { a, http, call } = api()
    const page = (ids: string[], next?: string) =>
      json({
        clusters: ids.map(id => ({ cluster_id: id, cluster_name: id === 'c-1' ? 'x' : id })),
        ...(next ? { next_page_token: next } : {})
      })
    http.queue('GET /api/2.1/clusters/list', page(['c-0', 'c-1'], 'p2'), page(['c-1', 'c-2']))
    expect(await resolveClusterName(a, 'x', call, new MemoryLogger())).toBe('c-1')
  })

  it('resolves a name through every page', async () => {
    const { a, http, call } = api()
    http.queue(
      'GET /api/2.1/clusters/list',
      json({ clusters: [{ cluster_id: 'a', cluster_name: 'A' }], next_page_token: 'p2' }),
      json({ clusters: [{ cluster_id: 'z', cluster_name: 'wanted' }] })
    )
    expect(await resolveClusterName(a, 'wanted', call, new MemoryLogger())).toBe('z')
  })
})

describe('terminateCluster', () => {
  it('posts clusters/delete with the id, and repeats it on a transient failure', async () => {
    const { a, http, call } = api()
    http.queue(
      'POST /api/2.0/clusters/delete',
      json({ error_code: 'TEMPORARILY_UNAVAILABLE' }, 503),
      json({})
    )
    await terminateCluster(a, 'x-1', call)
    const sent = http.calls('POST /api/2.0/clusters/delete')
    expect(sent).toHaveLength(2)
    expect(JSON.parse(String(sent[1]?.body))).toEqual({ cluster_id: 'x-1' })
  })
})
