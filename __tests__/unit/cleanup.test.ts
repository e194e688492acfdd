import { describe, expect, it } from '@jest/globals'
import { AUTH_TYPES } from '../../src/databricks/auth/types.js'
import { cleanUp, manualDestroy, type Leftovers } from '../../src/flow/cleanup.js'
import { fakeApi, json } from '../support/fakes.js'

const CLUSTER = '0123-456789-abcdefgh'
const left: Leftovers = {
  host: 'https://example.cloud.databricks.com',
  clusterId: CLUSTER,
  contextId: 'ctx-1',
  commandId: 'cmd-1',
  commandDone: false,
  contextShared: false
}

function setup() {
  const f = fakeApi()
  const run = (l: Leftovers) =>
    cleanUp(l, {
      api: f.api,
      clock: f.time.clock,
      logger: f.logger,
      authType: 'pat',
      deadline: f.deadline
    })
  return { ...f, run }
}

describe('cleanUp (post)', () => {
  it('cancels a command that may still run, then destroys the context', async () => {
    const { http, logger, run } = setup()
    http.always('POST /api/1.2/commands/cancel', json({}))
    http.always('GET /api/1.2/commands/status', json({ id: 'cmd-1', status: 'Cancelled' }))
    http.always('POST /api/1.2/contexts/destroy', json({}))
    await run(left)
    const posts = http.requests.filter(r => r.method === 'POST').map(r => new URL(r.url).pathname)
    expect(posts).toEqual(['/api/1.2/commands/cancel', '/api/1.2/contexts/destroy'])
    expect(http.calls('POST /api/1.2/contexts/destroy').map(r => String(r.body))).toEqual([
      JSON.stringify({ clusterId: CLUSTER, contextId: 'ctx-1' })
    ])
    expect(logger.lines.filter(l => l.startsWith('warning'))).toEqual([])
  })

  it("cancels its own command in an earlier step's context but never destroys that context", async () => {
    const { http, logger, run } = setup()
    http.always('POST /api/1.2/commands/cancel', json({}))
    http.always('GET /api/1.2/commands/status', json({ id: 'cmd-1', status: 'Cancelled' }))
    await run({ ...left, contextShared: true })
    expect(http.calls('POST /api/1.2/commands/cancel')).toHaveLength(1)
    expect(http.calls('POST /api/1.2/contexts/destroy')).toEqual([])
    expect(logger.lines.join('\n')).toMatch(/Leaving execution context ctx-1 \(input context-id\)/)
  })

  it('treats a context that is already gone as cleaned up, without a warning', async () => {
    const { http, logger, run } = setup()
    http.always(
      'POST /api/1.2/contexts/destroy',
      json({ error: 'ContextNotFound: Context ctx-1 does not exist' }, 400)
    )
    await run({ ...left, commandId: '', commandDone: false })
    expect(http.calls('POST /api/1.2/commands/cancel')).toEqual([])
    expect(logger.lines.filter(l => l.startsWith('warning'))).toEqual([])
    expect(logger.lines.join('\n')).toMatch(/ctx-1 was already gone/)
  })
})

describe('manualDestroy', () => {
  it.each(AUTH_TYPES)('%s: says how to authenticate the curl for that method', authType => {
    const text = manualDestroy(left, authType)
    expect(text).toContain(`curl -X POST ${left.host}/api/1.2/contexts/destroy`)
    expect(text).toContain(`"contextId":"ctx-1"`)
    if (authType === 'basic')
      expect(text).toContain('-u "$DATABRICKS_USERNAME:$DATABRICKS_PASSWORD"')
    else if (authType === 'pat') expect(text).toContain('Bearer $DATABRICKS_TOKEN')
    // A minted token has no variable of its own: the CLI mints one for the same identity.
    else
      expect(text).toContain(`$(databricks auth token --host ${left.host} | jq -r .access_token)`)
  })
})
