import { readFile, realpath, stat } from 'node:fs/promises'
import { realSleep, systemClock, type Clock, type Sleep } from '../common/time.js'
import { ActionsHttpTransport, type HttpTransport } from '../databricks/transport.js'
import type { SourceFs } from '../runner/source.js'
import { EarlyConnectAgent } from '../databricks/preconnect.js'
import { takeEarlySocket } from '../runner/early-connection.js'
import { runnerLogger } from '../runner/log.js'

/** Everything main and post touch outside their own code; tests replace any of it. */
export interface ActionDeps {
  transport: HttpTransport
  clock: Clock
  sleep: Sleep
  env: NodeJS.ProcessEnv
  /** Relative `file` paths start here (GITHUB_WORKSPACE on a runner). */
  workspace: string
  fs: SourceFs
  /** When given, replaces the SIGINT/SIGTERM watcher (tests abort it themselves). */
  signal?: AbortSignal
}

export function defaultDeps(): ActionDeps {
  // Main and post each keep one connection: the one the entry opened as it started, if any.
  const agent = new EarlyConnectAgent()
  agent.adopt(takeEarlySocket())
  return {
    transport: new ActionsHttpTransport({ agent, debug: m => runnerLogger.debug(m) }),
    clock: systemClock,
    sleep: realSleep,
    env: process.env,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    fs: { stat, readFile, realpath }
  }
}
