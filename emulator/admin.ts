import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ClusterSpec } from './clusters.js'
import type { FaultConfig } from './faults.js'
import type { OAuthConfig } from './oauth.js'
import { readBody, sendJson } from './http-io.js'

/** What the admin endpoints steer; the Emulator is one (admin.ts does not import it). */
export interface AdminTarget {
  snapshot(): Record<string, unknown>
  setFaults(config: FaultConfig): void
  reset(): void
  setClusters(specs: ClusterSpec[]): void
  readonly registry: {
    evict(contextId: string): void
    shutdown(contextId: string, why: string): void
  }
  readonly oauth: { config: OAuthConfig }
}

/**
 * The /__emulator/ endpoints tests and scripts use to steer the emulator: its state and call
 * log, fault plans, clusters, eviction, reset. Loopback only, like the emulator itself.
 */
export async function handleAdmin(
  emu: AdminTarget,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const body = method === 'POST' ? (await readBody(req, 1024 * 1024)).toString('utf8') : ''
  const json = (body ? JSON.parse(body) : {}) as Record<string, unknown>
  switch (`${method} ${path}`) {
    case 'GET /__emulator/state':
      return sendJson(res, 200, emu.snapshot())
    case 'POST /__emulator/faults':
      emu.setFaults(json)
      return sendJson(res, 200, {})
    case 'POST /__emulator/oauth':
      emu.oauth.config = json
      return sendJson(res, 200, {})
    case 'POST /__emulator/reset':
      emu.reset()
      return sendJson(res, 200, {})
    case 'POST /__emulator/clusters':
      emu.setClusters((json.clusters ?? []) as ClusterSpec[])
      return sendJson(res, 200, {})
    case 'POST /__emulator/shutdown':
      // A context shut down under its command, as a restart or an eviction does.
      try {
        emu.registry.shutdown(
          String(json.contextId),
          typeof json.why === 'string' ? json.why : 'shut down by a test'
        )
      } catch (e) {
        return sendJson(res, 400, { error: String(e) })
      }
      return sendJson(res, 200, {})
    case 'POST /__emulator/evict':
      try {
        emu.registry.evict(String(json.contextId))
      } catch (e) {
        return sendJson(res, 400, { error: String(e) })
      }
      return sendJson(res, 200, {})
    default:
      return sendJson(res, 404, { error: `unknown admin call ${method} ${path}` })
  }
}
