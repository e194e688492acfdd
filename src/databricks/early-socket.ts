import { connect as tcpConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls'

/** A connection opened before anything needed it, for the first request to `key` (host:port). */
export interface EarlySocket {
  key: string
  socket: TLSSocket
  /** The TCP connection under `socket`, so both can be held or let go together. */
  tcp: Socket
}

/** How the connection is made; tests pass fakes. */
export interface Openers {
  tcp: (options: { host: string; port: number }) => Socket
  tls: (options: ConnectionOptions) => TLSSocket
}

const NODE: Openers = { tcp: tcpConnect, tls: tlsConnect }

/**
 * Opens a connection to `origin` (an https URL or a bare host) now. The TCP connect goes out
 * first; TLS's own set-up (loading the root certificates takes 15 ms or more) then runs while
 * TCP connects, and its handshake follows on the same socket. This module loads no more of Node
 * than that, so an entry can call it before the rest of its code. Both sockets are unref'ed,
 * so an unused connection never holds the process open. Never throws: a host that does not
 * parse fails later, where it is checked, with a clear error.
 */
export function openEarlySocket(
  origin: string,
  tlsOptions: ConnectionOptions = {},
  open: Openers = NODE
): EarlySocket | undefined {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(origin) ? origin : `https://${origin}`)
    if (url.protocol !== 'https:') return undefined
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const port = Number(url.port || 443)
    const tcp = open.tcp({ host, port })
    tcp.on('error', () => {})
    tcp.unref()
    const servername = isIP(host) ? undefined : host
    const socket = open.tls({ ...tlsOptions, socket: tcp, host, port, servername })
    socket.on('error', () => {})
    socket.unref()
    return { key: `${host}:${port}`, socket, tcp }
  } catch {
    return undefined
  }
}
