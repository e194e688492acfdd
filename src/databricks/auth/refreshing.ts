import { CancelledError, errorMessage } from '../../common/errors.js'
import type { Logger } from '../../common/logger.js'
import type { Clock } from '../../common/time.js'
import type { AuthCall } from './types.js'

/** A token as a token endpoint (or the Azure CLI) handed it out. */
export interface MintedToken {
  /** The headers that carry it, Authorization first (Azure adds its own). */
  headers: Record<string, string>
  /** When it stops being accepted, in the clock's milliseconds. */
  expiresAt: number
}

const TWENTY_MINUTES = 20 * 60_000
/** Azure Databricks refuses tokens with 30 s or less to live; the SDKs renew 40 s early. */
const EARLY = 40_000

/**
 * When a token of this lifetime is renewed, as milliseconds before its expiry: with less than
 * half its life left, at most 20 minutes early, and at least 40 s early. Lifetimes too short for
 * that (seconds, in tests) are still used for a quarter of their life, so a token is never
 * minted for every request, and never sent once expired.
 */
export function renewBefore(lifetimeMs: number): number {
  const half = Math.min(lifetimeMs / 2, TWENTY_MINUTES)
  return half >= EARLY ? half : Math.min(EARLY, (lifetimeMs * 3) / 4)
}

export interface RefreshingOptions {
  /** Names the token in log lines: "OAuth token". */
  what: string
  mint: (call: AuthCall) => Promise<MintedToken>
  clock: Clock
  logger: Logger
}

/**
 * Holds one minted token and mints the next when it is due. Concurrent callers share one
 * renewal. A failed renewal while the old token is still good for a while is a warning, and
 * the next request tries again; the service never sees an expired token from here.
 */
export class RefreshingToken {
  private current: (MintedToken & { renewAt: number; safeUntil: number }) | undefined
  private pending: Promise<MintedToken> | undefined
  private minted = false
  /** How many tokens were minted after the first: for the log and the tests. */
  renewals = 0

  constructor(private readonly o: RefreshingOptions) {}

  async headers(call: AuthCall): Promise<Record<string, string>> {
    const now = this.o.clock.now()
    const c = this.current
    if (c && now < c.renewAt) return c.headers
    try {
      return (await this.next(call)).headers
    } catch (e) {
      if (!(e instanceof CancelledError) && c && this.o.clock.now() < c.safeUntil) {
        this.o.logger.warning(
          `Could not renew the ${this.o.what} (${errorMessage(e)}); the current one is still valid for ${Math.round((c.expiresAt - this.o.clock.now()) / 1000)} s, trying again on the next request`
        )
        return c.headers
      }
      throw e
    }
  }

  /** Drops the current token (the service refused it); the next request mints a new one. */
  invalidate(): void {
    this.current = undefined
  }

  private next(call: AuthCall): Promise<MintedToken> {
    this.pending ??= this.mintOne(call).finally(() => (this.pending = undefined))
    return this.pending
  }

  private async mintOne(call: AuthCall): Promise<MintedToken> {
    const started = this.o.clock.now()
    const token = await this.o.mint(call)
    // The lifetime counts from when the request was sent: the answer may have taken a while.
    const lifetime = token.expiresAt - started
    if (token.expiresAt <= this.o.clock.now())
      throw new Error(`the ${this.o.what} was already expired when it arrived`)
    if (this.minted) {
      this.renewals++
      this.o.logger.debug(`Renewed the ${this.o.what} (valid ${Math.round(lifetime / 1000)} s)`)
    }
    this.minted = true
    this.current = {
      ...token,
      renewAt: token.expiresAt - renewBefore(lifetime),
      safeUntil: token.expiresAt - Math.min(EARLY, lifetime / 4)
    }
    return token
  }
}
