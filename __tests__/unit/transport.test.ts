import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { CancelledError } from '../../src/common/errors.js'
import {
  ActionsHttpTransport,
  TransportError,
  type HttpRequest
} from '../../src/databricks/transport.js'
import { FRESH_AFTER_MS } from '../../src/databricks/keep-alive.js'

/** A loopback server that misbehaves in the ways a network does. */
let server: Server
let base = ''
let connections = 0
let closed = 0
let closeReused = false
const received: string[] = []
const perSocket = new WeakMap<object, number>()
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      let body = ''
      req.on('data', c => (body += c))
      req.on('end', () =>
        res.end(
          JSON.stringify({
            got: body,
            type: req.headers['content-type'],
            auth: req.headers.authorization
          })
        )
      )
    } else if (req.url === '/stall-headers') {
      // never answers
    } else if (req.url === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"partial":')
    } else if (req.url === '/reset') {
      req.socket.destroy()
    } else if (req.url?.startsWith('/count')) {
      // Answers on a new connection; closes a kept-alive one under the request, as a server
      // does that times out an idle connection just as the client writes to it.
      received.push(`${req.method} ${req.url}`)
      const n = (perSocket.get(req.socket) ?? 0) + 1
      perSocket.set(req.socket, n)
      if (closeReused && n > 1) req.socket.destroy()
      else req.on('end', () => res.end('{}')).resume()
    }
  })
  server.on('connection', socket => {
    connections++
    socket.on('close', () => closed++)
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(r => server.close(r))
})

const t = new ActionsHttpTransport()

describe('ActionsHttpTransport', () => {
  it('sends headers and a Buffer body with its length', async () => {
    const res = await t.send({
      method: 'POST',
      url: `${base}/ok`,
      headers: { Authorization: 'Bearer x', 'Content-Type': 'text/plain' },
      body: Buffer.from('héllo'),
      timeoutMs: 2000
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ got: 'héllo', type: 'text/plain', auth: 'Bearer x' })
  })

  it.each(['/stall-headers', '/stall-body'])('gives up on %s at the timeout', async path => {
    const started = Date.now()
    const err = await t
      .send({ method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 300 })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TransportError)
    expect((err as TransportError).code).toBe('ETIMEDOUT')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('aborts a stalled exchange at once on cancel, and closes its socket', async () => {
    const closed = new Promise<void>(resolve =>
      server.once('connection', socket => socket.once('close', () => resolve()))
    )
    const controller = new AbortController()
    const started = Date.now()
    const sending = new ActionsHttpTransport().send({
      method: 'GET',
      url: `${base}/stall-headers`,
      headers: {},
      timeoutMs: 30_000,
      signal: controller.signal
    })
    setTimeout(() => controller.abort(), 100)
    await expect(sending).rejects.toBeInstanceOf(CancelledError)
    await closed
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('reports a reset connection', async () => {
    const err = await t
      .send({ method: 'GET', url: `${base}/reset`, headers: {}, timeoutMs: 2000 })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TransportError)
    expect((err as TransportError).code).toMatch(/ECONNRESET|EPIPE/)
  })

  it('reports a refused connection as ECONNREFUSED (the only proof nothing was sent)', async () => {
    const probe = createServer()
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', () => r()))
    const port = (probe.address() as AddressInfo).port
    await new Promise(r => probe.close(r))
    const err = await t
      .send({
        method: 'POST',
        url: `http://127.0.0.1:${port}/x`,
        headers: {},
        body: '{}',
        timeoutMs: 2000
      })
      .catch((e: unknown) => e)
    expect((err as TransportError).code).toBe('ECONNREFUSED')
  })
})

describe('ActionsHttpTransport keep-alive', () => {
  const get = (path: string): HttpRequest => ({
    method: 'GET',
    url: `${base}${path}`,
    headers: {},
    timeoutMs: 2000,
    idempotent: true
  })
  const create = (path: string): HttpRequest => ({
    method: 'POST',
    url: `${base}${path}`,
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    timeoutMs: 2000,
    idempotent: false
  })
  const fresh = (): void => {
    connections = 0
    closed = 0
    closeReused = false
    received.length = 0
  }

  it('sends every call of a process over one connection, and close() ends it', async () => {
    fresh()
    const transport = new ActionsHttpTransport()
    for (const req of [get('/count/1'), create('/count/2'), get('/count/3'), create('/count/4')])
      expect((await transport.send(req)).status).toBe(200)
    expect(connections).toBe(1)
    expect(closed).toBe(0)
    transport.close()
    await waitFor(() => closed === 1)
  })

  it('sends a create or execute on a new connection once the kept one has idled past the limit', async () => {
    fresh()
    let now = 0
    const transport = new ActionsHttpTransport({ now: () => now })
    await transport.send(get('/count/status'))
    now += FRESH_AFTER_MS - 100
    await transport.send(create('/count/create'))
    expect(connections).toBe(1)
    now += FRESH_AFTER_MS + 100
    // A read may go out on an old connection: if the server closed it, it is simply sent again.
    await transport.send(get('/count/status'))
    expect(connections).toBe(1)
    now += FRESH_AFTER_MS + 100
    await transport.send(create('/count/execute'))
    expect(connections).toBe(2)
    transport.close()
  })

  it('sends a read again at once when the server closed the kept connection under it', async () => {
    fresh()
    const said: string[] = []
    const transport = new ActionsHttpTransport({ debug: m => said.push(m) })
    await transport.send(get('/count/a'))
    closeReused = true
    const started = Date.now()
    expect((await transport.send(get('/count/b'))).status).toBe(200)
    expect(said).toEqual([
      'GET /count/b: the kept-alive connection was closed under it; sent again on a new one'
    ])
    expect(Date.now() - started).toBeLessThan(1000)
    expect(received).toEqual(['GET /count/a', 'GET /count/b', 'GET /count/b'])
    expect(connections).toBe(2)
    transport.close()
  })

  it('never repeats a create or execute that met a closed connection: its fate is unknown', async () => {
    fresh()
    const transport = new ActionsHttpTransport()
    await transport.send(get('/count/a'))
    closeReused = true
    const err = await transport.send(create('/count/execute')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TransportError)
    expect((err as TransportError).code).toMatch(/ECONNRESET|EPIPE/)
    expect(received).toEqual(['GET /count/a', 'POST /count/execute'])
    transport.close()
  })

  it('lets the process exit with a kept-alive connection still open', async () => {
    const script = [
      "import { ActionsHttpTransport } from './src/databricks/transport.ts'",
      'const t = new ActionsHttpTransport()',
      `const r = await t.send({ method: 'GET', url: '${base}/count/exit', headers: {}, timeoutMs: 2000, idempotent: true })`,
      'console.log(r.status)'
    ].join('\n')
    fresh()
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit']
      }
    )
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    const started = Date.now()
    const code = await new Promise(r => child.on('close', r))
    // The server keeps idle connections for 60 s: only an unref'ed socket lets the child go.
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: '200' })
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(connections).toBe(1)
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise(r => setTimeout(r, 20))
  expect(condition()).toBe(true)
}
