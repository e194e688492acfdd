import { EarlyConnectAgent } from '../databricks/preconnect.js'

/** This process's https agent: main and post each open one connection and keep it. */
export const processAgent = new EarlyConnectAgent()

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/**
 * Opens the connection to the workspace as the entry starts, so the TCP and TLS handshakes run
 * while the rest of the step loads. Reads the host as main (the host input, then
 * DATABRICKS_HOST) or post (main's saved state) will, straight from the environment: the
 * INPUTS table (raw-inputs.ts) and @actions/core are part of what is still loading. Nothing is
 * sent until the inputs are checked. Skipped when a proxy may be in the way: requests then go
 * through its tunnel.
 */
export function connectEarly(
  entry: 'main' | 'post',
  env: NodeJS.ProcessEnv = process.env,
  agent: Pick<EarlyConnectAgent, 'connectEarly'> = processAgent
): void {
  if (PROXY_VARIABLES.some(name => env[name])) return
  const host = entry === 'main' ? env.INPUT_HOST || env.DATABRICKS_HOST : env.STATE_host
  if (host?.trim()) agent.connectEarly(host.trim())
}
