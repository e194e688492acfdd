import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Agent, createServer as createHttpsServer, request, type Server } from 'node:https'
import { connect, createServer, type AddressInfo, type Server as TcpServer } from 'node:net'
import { readFileSync } from 'node:fs'
import { DelayProxy } from '../../bench/delay-proxy.js'
import { generateCertificate } from '../../emulator/tls.js'

// Long enough that CPU time under load (TLS, Node) cannot pass for a round trip.
const RTT = 300

let https: Server
let tls: ReturnType<typeof generateCertificate>
beforeAll(async () => {
  tls = generateCertificate()
  https = createHttpsServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end('ok'))
  https.keepAliveTimeout = 60_000
  await new Promise<void>(r => https.listen(0, '127.0.0.1', () => r()))
})
afterAll(async () => {
  https.closeAllConnections()
  await new Promise(r => https.close(r))
})

function timedGet(port: number, agent: Agent): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', agent, ca: readFileSync(tls.certPath) },
      res => {
        res.resume()
        res.on('end', () => resolve(performance.now() - started))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

describe('the bench delay proxy', () => {
  it('costs a new HTTPS request about 3 RTT (TCP, TLS, HTTP) and a kept-alive one about 1', async () => {
    const proxy = await DelayProxy.start((https.address() as AddressInfo).port, RTT)
    const agent = new Agent({ keepAlive: true })
    try {
      const first = await timedGet(proxy.port, agent)
      const second = await timedGet(proxy.port, agent)
      // Lower bounds are exact (a delay is never shorter); upper bounds are a round trip more.
      expect(first).toBeGreaterThanOrEqual(3 * RTT - 5)
      expect(first).toBeLessThan(4 * RTT)
      expect(second).toBeGreaterThanOrEqual(RTT - 5)
      expect(second).toBeLessThan(2 * RTT)
      expect(proxy.connections).toBe(1)
    } finally {
      agent.destroy()
      await proxy.stop()
    }
  })

  describe('over raw TCP', () => {
    let echo: TcpServer
    const seen: { data: string; ended: boolean; error?: string }[] = []
    beforeAll(async () => {
      // Echoes in upper case, and writes "bye" after the client's half-close.
      echo = createServer({ allowHalfOpen: true }, s => {
        const record: { data: string; ended: boolean; error?: string } = { data: '', ended: false }
        seen.push(record)
        s.on('data', (c: Buffer) => {
          record.data += c.toString()
          s.write(c.toString().toUpperCase())
        })
        s.on('end', () => {
          record.ended = true
          s.end('bye')
        })
        s.on('error', e => (record.error = (e as NodeJS.ErrnoException).code))
      })
      await new Promise<void>(r => echo.listen(0, '127.0.0.1', () => r()))
    })
    afterAll(async () => {
      await new Promise(r => echo.close(r))
    })

    it('keeps order, passes a half-close on, and delays each way by half the RTT', async () => {
      const proxy = await DelayProxy.start((echo.address() as AddressInfo).port, RTT)
      const client = connect({ host: '127.0.0.1', port: proxy.port, allowHalfOpen: true })
      let got = ''
      client.on('data', (c: Buffer) => (got += c.toString()))
      const started = performance.now()
      const parts = Array.from({ length: 50 }, (_, i) => `${i},`)
      for (const p of parts) client.write(p)
      client.end()
      await new Promise(r => client.on('end', r))
      // Held one RTT for the handshake, then one RTT there and back.
      expect(performance.now() - started).toBeGreaterThanOrEqual(2 * RTT - 5)
      expect(got).toBe(parts.join('') + 'bye')
      expect(seen.at(-1)).toEqual({ data: parts.join(''), ended: true })
      client.destroy()
      await proxy.stop()
    })

    it('passes a reset on', async () => {
      const proxy = await DelayProxy.start((echo.address() as AddressInfo).port, RTT)
      const client = connect({ host: '127.0.0.1', port: proxy.port })
      client.write('x')
      await new Promise(r => client.once('data', r))
      client.resetAndDestroy()
      for (let i = 0; i < 50 && !seen.at(-1)?.error; i++) await new Promise(r => setTimeout(r, 20))
      expect(seen.at(-1)?.error).toBe('ECONNRESET')
      expect(seen.at(-1)?.ended).toBe(false)
      await proxy.stop()
    })
  })
})
