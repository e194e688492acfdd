import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { createServer, type Server } from 'node:https'
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net'
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import { generateCertificate } from '../../emulator/tls.js'
import { openEarlySocket, type Openers } from '../../src/databricks/early-socket.js'
import { EarlyConnectAgent } from '../../src/databricks/preconnect.js'
import { ActionsHttpTransport } from '../../src/databricks/transport.js'
import { connectEarly, takeEarlySocket } from '../../src/runner/early-connection.js'

// No test here waits for anything to happen in time: the early connection is made through an
// injected `open`, and the real server only counts the connections it was given.

/** A socket that records what the agent does with it. */
class FakeSocket extends EventEmitter {
  destroyed = false
  refs: string[] = []
  ref(): this {
    this.refs.push('ref')
    return this
  }
  unref(): this {
    this.refs.push('unref')
    return this
  }
  destroy(): this {
    this.destroyed = true
    return this
  }
}

/** Openers that hand out fake sockets and record what they were asked for. */
function fakeOpen(): {
  open: Openers
  opened: ConnectionOptions[]
  tcps: FakeSocket[]
  sockets: FakeSocket[]
} {
  const opened: ConnectionOptions[] = []
  const tcps: FakeSocket[] = []
  const sockets: FakeSocket[] = []
  const open: Openers = {
    tcp: () => {
      const t = new FakeSocket()
      tcps.push(t)
      return t as unknown as Socket
    },
    tls: options => {
      opened.push(options)
      const s = new FakeSocket()
      sockets.push(s)
      return s as unknown as TLSSocket
    }
  }
  return { open, opened, tcps, sockets }
}

/** Calls the agent's connection factory as Node's http client does. */
const createConnection = (agent: EarlyConnectAgent, host: string, port: number): unknown =>
  (
    agent as unknown as {
      createConnection(o: { host: string; port: number }, cb: () => void): unknown
    }
  ).createConnection({ host, port }, () => {})

describe('EarlyConnectAgent', () => {
  it('opens the connection unref’ed, so an unused one never holds the process', () => {
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({}, f.open)
    agent.connectEarly('https://adb-1.azuredatabricks.net')
    agent.connectEarly('dbc-2.cloud.databricks.com:8443')
    agent.connectEarly('https://127.0.0.1:9')
    // TLS goes over the TCP connection opened just before it.
    expect(f.opened.map((o, i) => o.socket === (f.tcps[i] as unknown))).toEqual([true, true, true])
    expect(f.opened.map(o => [o.host, o.port, o.servername])).toEqual([
      ['adb-1.azuredatabricks.net', 443, 'adb-1.azuredatabricks.net'],
      ['dbc-2.cloud.databricks.com', 8443, 'dbc-2.cloud.databricks.com'],
      // No SNI for an IP address.
      ['127.0.0.1', 9, undefined]
    ])
    expect([...f.tcps, ...f.sockets].map(s => s.refs)).toEqual(Array(6).fill(['unref']))
  })

  it('hands the early connection to the first request for its host, and only to it', () => {
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({}, f.open)
    agent.connectEarly('https://127.0.0.1:9')
    const early = f.sockets[0]
    expect(createConnection(agent, '127.0.0.1', 9)).toBe(early)
    expect([f.tcps[0]?.refs, early?.refs]).toEqual([
      ['unref', 'ref'],
      ['unref', 'ref']
    ])
    // A second connection is a new one (here refused at once: nothing listens on port 9).
    const second = createConnection(agent, '127.0.0.1', 9) as TLSSocket
    expect(second).not.toBe(early)
    second.on('error', () => {})
    second.destroy()
    expect(early?.destroyed).toBe(false)
  })

  it('closes an early connection that a request for another host, or destroy(), leaves unused', () => {
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({}, f.open)
    agent.connectEarly('https://127.0.0.1:9')
    const other = createConnection(agent, '127.0.0.2', 9) as TLSSocket
    other.on('error', () => {})
    other.destroy()
    expect(f.sockets[0]?.destroyed).toBe(true)

    agent.connectEarly('https://127.0.0.1:9')
    agent.destroy()
    expect(f.sockets[1]?.destroyed).toBe(true)
  })

  it('never hands out an early connection that has already failed', () => {
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({}, f.open)
    agent.connectEarly('https://127.0.0.1:9')
    const early = f.sockets[0]
    if (early) early.destroyed = true
    const fresh = createConnection(agent, '127.0.0.1', 9) as TLSSocket
    expect(fresh).not.toBe(early)
    fresh.on('error', () => {})
    fresh.destroy()
  })

  it('ignores a host that does not parse or is not https: the input check reports it later', () => {
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({}, f.open)
    expect(() => agent.connectEarly('https://exa mple')).not.toThrow()
    agent.connectEarly('http://127.0.0.1:9')
    expect(f.opened).toEqual([])
  })
})

describe('EarlyConnectAgent against a real HTTPS server', () => {
  let server: Server
  let origin = ''
  let ca = ''
  let connections = 0
  beforeAll(async () => {
    const tls = generateCertificate()
    ca = tls.cert
    server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end('{}'))
    server.on('secureConnection', () => connections++)
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()))
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(r => server.close(r))
  })

  const get = (transport: ActionsHttpTransport, path: string) =>
    transport.send({ method: 'GET', url: `${origin}${path}`, headers: {}, timeoutMs: 10_000 })

  it('sends the first request, and the next, on the connection opened early', async () => {
    connections = 0
    const made: TLSSocket[] = []
    const agent = new EarlyConnectAgent(
      { ca },
      {
        tcp: o => netConnect(o),
        tls: o => {
          const s = connect(o)
          made.push(s)
          return s
        }
      }
    )
    agent.connectEarly(origin)
    const transport = new ActionsHttpTransport({ agent })
    expect((await get(transport, '/x')).status).toBe(200)
    expect((await get(transport, '/y')).status).toBe(200)
    // One connection in all, and it is the early one (the agent opened no other).
    expect({ opened: made.length, accepted: connections }).toEqual({ opened: 1, accepted: 1 })
    transport.close()
    expect(made[0]?.destroyed).toBe(true)
  })

  it('connects as usual when the early connection was for another host', async () => {
    connections = 0
    const f = fakeOpen()
    const agent = new EarlyConnectAgent({ ca }, f.open)
    agent.connectEarly('https://127.0.0.1:9')
    const transport = new ActionsHttpTransport({ agent })
    expect((await get(transport, '/x')).status).toBe(200)
    expect({ earlyClosed: f.sockets[0]?.destroyed, accepted: connections }).toEqual({
      earlyClosed: true,
      accepted: 1
    })
    transport.close()
  })
})

describe('connectEarly', () => {
  const recorder = (): { agent: (o: string) => undefined; origins: string[] } => {
    const origins: string[] = []
    return { agent: o => void origins.push(o), origins }
  }

  it('reads the host as main will: the host input, then DATABRICKS_HOST', () => {
    const r = recorder()
    connectEarly('main', { INPUT_HOST: ' https://a.example ', DATABRICKS_HOST: 'b' }, r.agent)
    connectEarly('main', { INPUT_HOST: '', DATABRICKS_HOST: 'https://b.example' }, r.agent)
    connectEarly('main', { INPUT_HOST: '  ' }, r.agent)
    expect(r.origins).toEqual(['https://a.example', 'https://b.example'])
  })

  it("reads the host as post will: main's saved state, never the input", () => {
    const r = recorder()
    connectEarly('post', { STATE_host: 'https://s.example', INPUT_HOST: 'https://i' }, r.agent)
    connectEarly('post', { INPUT_HOST: 'https://i' }, r.agent)
    expect(r.origins).toEqual(['https://s.example'])
  })

  it('keeps what it opened for the step’s agent, which takes it once', () => {
    const f = fakeOpen()
    connectEarly('main', { INPUT_HOST: 'https://127.0.0.1:9' }, o => openEarlySocket(o, {}, f.open))
    const early = takeEarlySocket()
    expect(early?.key).toBe('127.0.0.1:9')
    expect(early?.socket).toBe(f.sockets[0])
    expect(takeEarlySocket()).toBeUndefined()
  })

  it.each(['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])(
    'opens nothing when %s is set: requests go through the proxy',
    name => {
      const r = recorder()
      connectEarly('main', { INPUT_HOST: 'https://a.example', [name]: 'http://p:1' }, r.agent)
      connectEarly('post', { STATE_host: 'https://a.example', [name]: 'http://p:1' }, r.agent)
      expect(r.origins).toEqual([])
    }
  )
})
