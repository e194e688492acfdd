import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CancelledError } from '../../src/common/errors.js'
import { ActionsHttpTransport, TransportError } from '../../src/databricks/transport.js'

/** A loopback server that misbehaves in the ways a network does. */
let server: Server
let base = ''
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
    }
  })
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
    const sending = t.send({
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
