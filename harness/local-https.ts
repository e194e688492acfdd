import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sendJson } from '../emulator/http-io.js'
import type { TlsMaterial } from '../emulator/tls.js'

/** A loopback HTTPS server with the emulator's certificate (one NODE_EXTRA_CA_CERTS for all). */
export class LocalHttps {
  url = ''
  private server!: Server

  static async start(
    tls: TlsMaterial,
    handle: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>
  ): Promise<LocalHttps> {
    const s = new LocalHttps()
    s.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://local')
      Promise.resolve()
        .then(() => handle(req, res, url))
        .catch((e: unknown) => {
          if (!res.headersSent)
            sendJson(res, 500, { error: 'server_error', error_description: String(e) })
        })
    })
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject)
      s.server.listen(0, '127.0.0.1', () => resolve())
    })
    s.url = `https://127.0.0.1:${(s.server.address() as AddressInfo).port}`
    return s
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}
