import { connectEarly } from '../runner/early-connection.js'
import type { ActionDeps } from './deps.js'

/**
 * The main step: validate inputs, run the command, report it (main-step.ts). Never throws. The
 * bundle (src/main.ts) only calls this, as does `npx @github/local-action` from source.
 *
 * Run for real (no `deps`), it first opens the connection to the workspace, then loads the rest
 * of the step: the step is its own chunk of the bundle, so the TCP and TLS handshakes overlap
 * the loading of @actions/core, the HTTP client and everything else.
 */
export async function run(deps?: ActionDeps): Promise<void> {
  if (!deps) connectEarly('main')
  const { runMain } = await import('./main-step.js')
  await runMain(deps)
}
