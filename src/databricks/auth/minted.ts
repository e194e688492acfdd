import { RefreshingToken, type MintedToken } from './refreshing.js'
import type { TokenClient } from './token-endpoint.js'
import type { AuthCall, AuthType, Authenticator } from './types.js'

/** A GitHub ID token for an audience; a fresh one every call (they live about 5 minutes). */
export type IdTokenSource = (audience: string, call: AuthCall) => Promise<string>

/** A method whose tokens are minted: renewed before expiry, and after a 401. */
export class MintedAuth implements Authenticator {
  private readonly token: RefreshingToken
  constructor(
    readonly authType: AuthType,
    readonly description: string,
    c: TokenClient,
    mint: (call: AuthCall) => Promise<MintedToken>
  ) {
    this.token = new RefreshingToken({
      what: `${authType} token`,
      mint,
      clock: c.clock,
      logger: c.logger
    })
  }
  headers(call: AuthCall): Promise<Record<string, string>> {
    return this.token.headers(call)
  }
  renew(): boolean {
    this.token.invalidate()
    return true
  }
  /** Tokens minted after the first. */
  get renewals(): number {
    return this.token.renewals
  }
}
