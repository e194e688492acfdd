import type { Deadline } from '../../common/time.js'

/** The methods, named as Databricks' unified authentication (DATABRICKS_AUTH_TYPE) names them. */
export const AUTH_TYPES = [
  'pat',
  'basic',
  'oauth-m2m',
  'github-oidc',
  'azure-client-secret',
  'github-oidc-azure',
  'azure-cli'
] as const

export type AuthType = (typeof AUTH_TYPES)[number]

/** The limits of the API call a credential is asked for: minting a token counts against them. */
export interface AuthCall {
  deadline: Deadline
  signal?: AbortSignal
}

/**
 * How requests are authenticated. Each method implements this, so the client never knows
 * whether a header holds a personal access token or a token minted a second ago.
 */
export interface Authenticator {
  readonly authType: AuthType
  /** Names the method in messages, never the secret: "OAuth service principal 1234…". */
  readonly description: string
  /** The headers that authenticate the next request; mints a new token first when one is due. */
  headers(call: AuthCall): Promise<Record<string, string>>
  /**
   * The service refused the current token (HTTP 401): forget it, so the next `headers()` mints
   * a new one. False when the credential is fixed and a new attempt cannot change anything.
   */
  renew(): boolean
}

/**
 * Where secrets go the moment they exist (the registry of src/common/secrets.ts): each one is
 * masked before any log line, and service text is redacted with it.
 */
export interface SecretSink {
  add(value: string | undefined): void
  redact(text: string): string
}
