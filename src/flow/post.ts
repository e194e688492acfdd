import { connectEarly } from '../runner/early-connection.js'
import type { ActionDeps } from './deps.js'

/**
 * The post step: cancel the command if it may still run, destroy the context (post-step.ts).
 * It only ever warns. The bundle (src/post.ts) only calls this, as does
 * `npx @github/local-action --post` from source.
 *
 * Run for real (no `deps`), it opens the connection to the workspace before the rest of the
 * step loads (its own chunk), as main does.
 */
export async function run(deps?: ActionDeps): Promise<void> {
  if (!deps) connectEarly('post')
  const { runPost } = await import('./post-step.js')
  await runPost(deps)
}
