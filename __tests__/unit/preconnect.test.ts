import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { generateCertificate } from '../../emulator/tls.js'
import { EarlyConnectAgent } from '../../src/databricks/preconnect.js'
import { connectEarly } from '../../src/action/early.js'
import { ActionsHttpTransport } from '../../src/databricks/transport.js'

let server: Server
let origin = ''
let ca = ''
const accepted: number[] = []
const requested: number[] = []
beforeAll(async () => {
  const tls = generateCertificate()
  ca = tls.cert
  server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
    requested.push(Date.now())
    res.end('{}')
  })
  server.on('connection', () => accepted.push(Date.now()))
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()))
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(r => server.close(r))
})

const get = (url: string, agent: EarlyConnectAgent) =>
  new ActionsHttpTransport({ agent }).send({
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 5000,
    idempotent: true
  })

describe('EarlyConnectAgent', () => {
  it('opens the connection before the first request, which then uses it', async () => {
    accepted.length = 0
    const agent = new EarlyConnectAgent({ ca })
    agent.connectEarly(origin)
    for (let i = 0; i < 100 && accepted.length === 0; i++) await new Promise(r => setTimeout(r, 20))
    expect(accepted).toHaveLength(1)
    const sentAt = Date.now()
    expect((await get(`${origin}/x`, agent)).status).toBe(200)
    expect((await get(`${origin}/y`, agent)).status).toBe(200)
    expect(accepted).toHaveLength(1)
    expect(accepted[0]).toBeLessThan(sentAt)
    agent.destroy()
  })

  it('drops an early connection to another host and connects as usual', async () => {
    accepted.length = 0
    const agent = new EarlyConnectAgent({ ca })
    agent.connectEarly('https://127.0.0.1:9')
    expect((await get(`${origin}/x`, agent)).status).toBe(200)
    expect(accepted).toHaveLength(1)
    agent.destroy()
  })

  it('ignores a host that does not parse: the input check reports it later', () => {
    expect(() => new EarlyConnectAgent().connectEarly('https://exa mple')).not.toThrow()
  })
})

describe('connectEarly', () => {
  it('reads the host as main and post will, and stays away behind a proxy', async () => {
    accepted.length = 0
    connectEarly('main', { INPUT_HOST: '', DATABRICKS_HOST: origin, HTTPS_PROXY: 'http://p:1' })
    connectEarly('post', { STATE_host: origin, https_proxy: 'http://p:1' })
    await new Promise(r => setTimeout(r, 200))
    expect(accepted).toHaveLength(0)
    connectEarly('post', { STATE_host: origin })
    for (let i = 0; i < 100 && accepted.length === 0; i++) await new Promise(r => setTimeout(r, 20))
    expect(accepted).toHaveLength(1)
  })
})
