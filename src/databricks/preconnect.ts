import { Agent, type AgentOptions } from 'node:https'
import type { Socket } from 'node:net'
import { openEarlySocket, type EarlySocket, type Openers } from './early-socket.js'

/**
 * The process's https agent: keeps its connection alive between calls, and can take one opened
 * early. A process's first request would otherwise wait for Node to load all its code and then
 * for the TCP and TLS handshakes (two round trips); opened at start (early-socket.ts), the
 * handshakes run while the code loads. The early socket stays unref'ed until a request takes
 * it, so an unused one (a bad configuration, a proxy in the way) never holds the process open.
 */
export class EarlyConnectAgent extends Agent {
  private early?: EarlySocket

  /**
   * `options` as for https.Agent (tests pass a `ca`); keep-alive is always on. `open` makes the
   * early connection (Node's net and tls; tests pass fakes).
   */
  constructor(
    private readonly tlsOptions: AgentOptions = {},
    private readonly open?: Openers
  ) {
    super({ keepAlive: true, ...tlsOptions })
  }

  /** Opens the connection for `origin` (an https URL) now. Never throws: it is only a head start. */
  connectEarly(origin: string): void {
    this.adopt(openEarlySocket(origin, this.tlsOptions, this.open))
  }

  /** Takes a connection opened before this agent existed (by the entry, as the process started). */
  adopt(early: EarlySocket | undefined): void {
    this.early?.socket.destroy()
    this.early = early
  }

  /** Closes the early connection too, if no request took it. */
  override destroy(): void {
    this.adopt(undefined)
    super.destroy()
  }

  /** Hands the early connection to the first request for its host; later ones get new ones. */
  override createConnection(
    options: { host?: string; port?: number | string },
    callback?: (err: Error | null, socket: Socket) => void
  ): Socket | undefined {
    const early = this.early
    this.early = undefined
    if (early && !early.socket.destroyed && early.key === `${options.host}:${options.port}`) {
      early.tcp.ref()
      early.socket.ref()
      return early.socket
    }
    early?.socket.destroy()
    // @ts-expect-error Node's https.Agent has createConnection; @types/node leaves it out.
    return super.createConnection(options, callback) as Socket
  }
}
