import { openEarlySocket, type EarlySocket } from '../databricks/early-socket.js'

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

let early: EarlySocket | undefined

/**
 * Opens the connection to the workspace as the entry starts, so the TCP and TLS handshakes run
 * while the rest of the step loads (takeEarlySocket() hands it to the step's agent). Reads the
 * host as main (the host input, then DATABRICKS_HOST) or post (main's saved state) will,
 * straight from the environment: the INPUTS table (raw-inputs.ts), @actions/core and Node's
 * https are part of what is still loading. Nothing is sent until the inputs are checked.
 * Skipped when a proxy may be in the way: requests then go through its tunnel.
 */
export function connectEarly(
  entry: 'main' | 'post',
  env: NodeJS.ProcessEnv = process.env,
  open: (origin: string) => EarlySocket | undefined = origin => openEarlySocket(origin)
): void {
  if (PROXY_VARIABLES.some(name => env[name])) return
  const host = entry === 'main' ? env.INPUT_HOST || env.DATABRICKS_HOST : env.STATE_host
  if (host?.trim()) early = open(host.trim())
}

/** The connection connectEarly() opened, once; undefined when none was. */
export function takeEarlySocket(): EarlySocket | undefined {
  const taken = early
  early = undefined
  return taken
}
