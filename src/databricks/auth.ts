import type { Secrets } from '../common/secrets.js'

/**
 * How requests are authenticated. Each kind of credential implements this, so OAuth service
 * principals or OIDC federation can be added without touching the client.
 */
export interface Authenticator {
  /** Names the method in messages, never the secret: "personal access token". */
  readonly description: string
  /** The Authorization header value for the next request (may refresh a token first). */
  authorization(): Promise<string>
}
// Each credential gets the caller's Secrets registry in its constructor and adds every secret it
// holds or derives (a header, a token minted later) the moment it has it.

/** A personal access token (or any bearer token), sent as `Authorization: Bearer`. */
export class TokenAuth implements Authenticator {
  readonly description = 'personal access token'
  constructor(
    private readonly token: string,
    secrets: Secrets
  ) {
    secrets.add(token)
    secrets.add(`Bearer ${token}`)
  }
  async authorization(): Promise<string> {
    return `Bearer ${this.token}`
  }
}

/** HTTP Basic with a user name and password, as the original 1.2 API describes. */
export class BasicAuth implements Authenticator {
  readonly description: string
  private readonly encoded: string
  constructor(username: string, password: string, secrets: Secrets) {
    this.description = `user name and password (${username})`
    this.encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
    // The base64 form is as good as the password to anyone who reads it.
    for (const s of [password, this.encoded, `Basic ${this.encoded}`]) secrets.add(s)
  }
  async authorization(): Promise<string> {
    return `Basic ${this.encoded}`
  }
}
