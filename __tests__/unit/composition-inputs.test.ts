import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/common/errors.js'
import { parseInputs, type RawInputs } from '../../src/runner/inputs.js'
import type { SourceFs } from '../../src/runner/source.js'
import { RAW_INPUTS } from '../support/raw-inputs.js'

const base: RawInputs = { ...RAW_INPUTS, clusterId: '' }
const fs: SourceFs = {
  stat: async () => ({ isFile: () => true, size: 9 }),
  readFile: async () => Buffer.from('SELECT :a'),
  realpath: async (p: string) => p
}
const parse = (over: Partial<RawInputs>, env: NodeJS.ProcessEnv = {}) =>
  parseInputs({ ...base, ...over }, env, '/ws', fs)
const refused = (over: Partial<RawInputs>, env: NodeJS.ProcessEnv = {}) =>
  parse(over, env).then(
    () => 'accepted',
    (e: unknown) => (e instanceof InputError ? e.message : `not an InputError: ${String(e)}`)
  )

describe('cluster-id and cluster-name', () => {
  it('takes either input, inputs before the environment', async () => {
    expect(await parse({ clusterName: 'etl' })).toMatchObject({ clusterId: '', clusterName: 'etl' })
    expect(await parse({ clusterId: 'c-1' }, { DATABRICKS_CLUSTER_NAME: 'etl' })).toMatchObject({
      clusterId: 'c-1',
      clusterName: ''
    })
    expect(await parse({ clusterName: 'x' }, { DATABRICKS_CLUSTER_ID: 'c-1' })).toMatchObject({
      clusterId: '',
      clusterName: 'x'
    })
    expect(await parse({}, { DATABRICKS_CLUSTER_NAME: 'etl' })).toMatchObject({
      clusterName: 'etl'
    })
  })

  it('refuses both, and neither', async () => {
    expect(await refused({ clusterId: 'c-1', clusterName: 'etl' })).toBe(
      "Inputs cluster-id and cluster-name were both given ('c-1', 'etl'): set only one."
    )
    expect(
      await refused({}, { DATABRICKS_CLUSTER_ID: 'c-1', DATABRICKS_CLUSTER_NAME: 'etl' })
    ).toMatch(/^DATABRICKS_CLUSTER_ID and DATABRICKS_CLUSTER_NAME are both set/)
    expect(await refused({})).toMatch(/^Input cluster-id is required: .* or set cluster-name/)
    // context-id does not stand in for the cluster: a context belongs to one cluster.
    expect(await refused({ contextId: '123' })).toMatch(/^Input cluster-id is required/)
  })
})

describe('terminate-cluster, context-id and cluster-only steps', () => {
  it('parses the terminate modes and refuses others', async () => {
    for (const mode of ['never', 'if-started', 'always'] as const)
      expect((await parse({ clusterId: 'c', terminateCluster: mode })).terminateCluster).toBe(mode)
    expect((await parse({ clusterId: 'c' })).terminateCluster).toBe('never')
    expect(await refused({ clusterId: 'c', terminateCluster: 'Always' })).toBe(
      "Invalid input terminate-cluster 'Always': expected one of never, if-started, always."
    )
  })

  it('takes an opaque context id, and refuses junk', async () => {
    expect((await parse({ clusterId: 'c', contextId: '1234567890123456789' })).contextId).toBe(
      '1234567890123456789'
    )
    expect((await parse({ clusterId: 'c', contextId: 'ctx_a-1.2' })).contextId).toBe('ctx_a-1.2')
    expect(await refused({ clusterId: 'c', contextId: '12 34' })).toMatch(
      /^Invalid input context-id '12 34': give the context-id output of the step that created the context/
    )
  })

  it('allows a step without command or file only when it starts or terminates the cluster', async () => {
    const start = await parse({ clusterId: 'c', command: '', startCluster: 'true' })
    expect(start.source).toBeUndefined()
    expect(start.sourceLabel).toBe('cluster only')
    const stop = await parse({ clusterId: 'c', command: '', terminateCluster: 'always' })
    expect(stop.source).toBeUndefined()
    expect(await refused({ clusterId: 'c', command: '' })).toMatch(
      /^Neither command nor file was given: .*start-cluster: true .* terminate-cluster: always/
    )
    expect(await refused({ clusterId: 'c', command: '', terminateCluster: 'if-started' })).toMatch(
      /^Neither command nor file was given/
    )
    expect(
      await refused({ clusterId: 'c', command: '', startCluster: 'true', contextId: '1' })
    ).toMatch(/context-id needs something to run/)
    expect(
      await refused({ clusterId: 'c', command: '', startCluster: 'true', parameters: '{"a": 1}' })
    ).toMatch(/parameters are handed to a command; there is none/)
  })

  it('parses parameters along with the rest', async () => {
    const i = await parse({ clusterId: 'c', parameters: '{"a": 1, "b": "x"}' })
    expect(Object.fromEntries(i.parameters ?? [])).toEqual({ a: '1', b: 'x' })
    expect((await parse({ clusterId: 'c' })).parameters).toBeUndefined()
  })
})
