import { connect, createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A loopback TCP proxy that makes a connection cost what it costs on a real network: every
 * byte, end (FIN) and reset (RST) takes half the round-trip time to cross, in order, each way.
 * The TCP handshake (SYN, SYN-ACK) is modelled by holding the client's first bytes one round
 * trip after it connects, so TLS then adds its own round trip and a new HTTPS request costs
 * about 3 RTT, one on a kept-alive connection about 1 RTT. TLS passes through untouched.
 */
export class DelayProxy {
  /** TCP connections accepted so far: what a client opened. */
  connections = 0
  /** When each connection was accepted (performance.timeOrigin + performance.now()). */
  readonly connectedAt: number[] = []
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    readonly rttMs: number
  ) {}

  /** Listens on 127.0.0.1 and forwards to `target` (a loopback port). */
  static async start(
    targetPort: number,
    rttMs: number,
    targetHost = '127.0.0.1'
  ): Promise<DelayProxy> {
    const server = createServer({ allowHalfOpen: true, noDelay: true })
    const proxy = new DelayProxy(server, rttMs)
    server.on('connection', client => proxy.accept(client, targetHost, targetPort))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    return proxy
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Forgets the counts, e.g. between two measured runs. */
  resetCounts(): void {
    this.connections = 0
    this.connectedAt.length = 0
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private accept(client: Socket, host: string, port: number): void {
    this.connections++
    this.connectedAt.push(performance.timeOrigin + performance.now())
    const upstream = connect({ host, port, allowHalfOpen: true, noDelay: true })
    for (const s of [client, upstream]) {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    }
    const half = this.rttMs / 2
    forward(client, upstream, half, Date.now() + this.rttMs)
    forward(upstream, client, half, 0)
  }
}

type Sent = { kind: 'data'; chunk: Buffer } | { kind: 'end' } | { kind: 'reset' }
type Event = Sent & { at: number }

/**
 * One direction: what `from` sends reaches `to` `delayMs` later, never before `holdUntil`, and
 * never overtaking what was sent before it.
 */
function forward(from: Socket, to: Socket, delayMs: number, holdUntil: number): void {
  const queue: Event[] = []
  let timer: NodeJS.Timeout | undefined
  let last = 0
  let closed = false
  const push = (e: Sent): void => {
    if (closed) return
    if (e.kind !== 'data') closed = true
    last = Math.max(last, Math.max(Date.now(), holdUntil) + delayMs)
    queue.push({ ...e, at: last })
    schedule()
  }
  const schedule = (): void => {
    const head = queue[0]
    if (timer || !head) return
    timer = setTimeout(deliver, Math.max(0, head.at - Date.now()))
  }
  const deliver = (): void => {
    timer = undefined
    while (queue[0] && queue[0].at <= Date.now()) {
      const e = queue.shift() as Event
      if (to.destroyed) continue
      if (e.kind === 'data') to.write(e.chunk)
      else if (e.kind === 'end') to.end()
      else to.resetAndDestroy()
    }
    schedule()
  }
  from.on('data', (chunk: Buffer) => push({ kind: 'data', chunk }))
  from.on('end', () => push({ kind: 'end' }))
  // A reset (or any socket error) reaches the other side as a reset, after the same delay.
  from.on('error', () => push({ kind: 'reset' }))
  to.on('error', () => {})
}
