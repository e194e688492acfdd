import type { Authenticator, SecretSink } from './types.js'

/** A personal access token (or any bearer token), sent as `Authorization: Bearer`. */
export class TokenAuth implements Authenticator {
  readonly authType = 'pat'
  readonly description = 'personal access token'
  private readonly header: string
  constructor(token: string, secrets: SecretSink) {
    this.header = `Bearer ${token}`
    secrets.add(token)
    secrets.add(this.header)
  }
  headers(): Promise<Record<string, string>> {
    return Promise.resolve({ Authorization: this.header })
  }
  renew(): boolean {
    return false
  }
}

/** HTTP Basic with a user name and password, as the original 1.2 API describes. */
export class BasicAuth implements Authenticator {
  readonly authType = 'basic'
  readonly description: string
  private readonly header: string
  constructor(username: string, password: string, secrets: SecretSink) {
    this.description = `user name and password (${username})`
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
    this.header = `Basic ${encoded}`
    // The base64 form is as good as the password to anyone who reads it.
    for (const s of [password, encoded, this.header]) secrets.add(s)
  }
  headers(): Promise<Record<string, string>> {
    return Promise.resolve({ Authorization: this.header })
  }
  renew(): boolean {
    return false
  }
}
