import { Agent } from 'node:http'
import type { Socket } from 'node:net'

/**
 * Servers close a kept-alive connection after some idle time (commonly 5 s or more), and a
 * request written just as they do meets a closed socket: it fails without an answer, and the
 * client cannot tell whether the server read it. A request that must not run twice (context
 * create, command execute) therefore never goes out on a connection idle longer than this.
 */
export const FRESH_AFTER_MS = 3000

/**
 * Watches the idle connections of one Node agent (the http-client's https.Agent: one per
 * process, kept alive). A proxy tunnel agent keeps no idle connections, so there is nothing to
 * watch: every request through it opens its own tunnel.
 */
export class IdleConnections {
  private readonly idleSince = new WeakMap<Socket, number>()

  constructor(
    private readonly agent: Agent | undefined,
    private readonly now: () => number
  ) {
    agent?.on('free', (socket: Socket) => this.idleSince.set(socket, this.now()))
  }

  /** Idle connections a request would reuse. */
  count(): number {
    return this.free().length
  }

  /** Closes idle connections older than `maxIdleMs`, so the next request opens a new one. */
  dropOlderThan(maxIdleMs: number): void {
    const now = this.now()
    for (const socket of this.free()) {
      if (now - (this.idleSince.get(socket) ?? now) > maxIdleMs) socket.destroy()
    }
  }

  /** Closes every connection, idle or not; later requests open new ones. */
  closeAll(): void {
    this.agent?.destroy()
  }

  private free(): Socket[] {
    if (!this.agent) return []
    return Object.values(this.agent.freeSockets)
      .flat()
      .filter((s): s is Socket => s !== undefined && !s.destroyed)
  }
}

/** The agent http-client chose for a URL, when it is one that keeps connections. */
export function keepAliveAgent(agent: unknown): Agent | undefined {
  return agent instanceof Agent ? agent : undefined
}
