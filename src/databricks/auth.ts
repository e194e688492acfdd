/**
 * How requests are authenticated. Each kind of credential implements this, so OAuth service
 * principals or OIDC federation can be added without touching the client.
 */
export interface Authenticator {
  /** Names the method in messages, never the secret: "personal access token". */
  readonly description: string
  /** The Authorization header value for the next request (may refresh a token first). */
  authorization(): Promise<string>
  /** Every secret this method holds or derives, so the caller can mask them before logging. */
  secrets(): string[]
}

/** A personal access token (or any bearer token), sent as `Authorization: Bearer`. */
export class TokenAuth implements Authenticator {
  readonly description = 'personal access token'
  constructor(private readonly token: string) {}
  authorization(): Promise<string> {
    return Promise.resolve(`Bearer ${this.token}`)
  }
  secrets(): string[] {
    return [this.token, `Bearer ${this.token}`]
  }
}

/** HTTP Basic with a user name and password, as the original 1.2 API describes. */
export class BasicAuth implements Authenticator {
  readonly description: string
  private readonly encoded: string
  constructor(
    username: string,
    private readonly password: string
  ) {
    this.description = `user name and password (${username})`
    this.encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
  }
  authorization(): Promise<string> {
    return Promise.resolve(`Basic ${this.encoded}`)
  }
  secrets(): string[] {
    // The base64 form is as good as the password to anyone who reads it.
    return [this.password, this.encoded, `Basic ${this.encoded}`]
  }
}
