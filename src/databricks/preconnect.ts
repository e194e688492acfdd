import { Agent, type AgentOptions } from 'node:https'
import { isIP, type Socket } from 'node:net'
import { connect, type TLSSocket } from 'node:tls'

/**
 * The process's https agent: keeps its connection alive between calls, and can open it early.
 * A process's first request would otherwise wait for Node to load all its code and then for
 * the TCP and TLS handshakes (two round trips); opened at start, the handshakes run while the
 * code loads. The early socket is unref'ed until a request takes it, so an unused one (a bad
 * configuration, a proxy in the way) never holds the process open.
 */
export class EarlyConnectAgent extends Agent {
  private early?: { key: string; socket: TLSSocket }

  /**
   * `options` as for https.Agent (tests pass a `ca`); keep-alive is always on. `open` makes the
   * early connection (tls.connect; tests pass a fake).
   */
  constructor(
    private readonly tlsOptions: AgentOptions = {},
    private readonly open: typeof connect = connect
  ) {
    super({ keepAlive: true, ...tlsOptions })
  }

  /** Opens the connection for `origin` (an https URL) now. Never throws: it is only a head start. */
  connectEarly(origin: string): void {
    try {
      const url = new URL(/^[a-z]+:\/\//i.test(origin) ? origin : `https://${origin}`)
      if (url.protocol !== 'https:') return
      const host = url.hostname.replace(/^\[|\]$/g, '')
      const port = Number(url.port || 443)
      const servername = isIP(host) ? undefined : host
      const socket = this.open({ ...this.tlsOptions, host, port, servername })
      socket.on('error', () => {})
      socket.unref()
      this.early = { key: `${host}:${port}`, socket }
    } catch {
      // A host that does not parse fails later, where it is checked, with a clear error.
    }
  }

  /** Closes the early connection too, if no request took it. */
  override destroy(): void {
    this.early?.socket.destroy()
    this.early = undefined
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
      early.socket.ref()
      return early.socket
    }
    early?.socket.destroy()
    // @ts-expect-error Node's https.Agent has createConnection; @types/node leaves it out.
    return super.createConnection(options, callback) as Socket
  }
}
