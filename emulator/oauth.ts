import { jsonText } from '../src/common/text.js'
import { randomBytes } from 'node:crypto'
import { audiences, decodeJwt, IssuerKeys } from './jwt.js'

/** A service principal the workspace knows, with one OAuth secret. */
export interface ServicePrincipal {
  clientId: string
  secret: string
}

/**
 * A federation policy: tokens from `issuer` whose subject and audience match are exchanged.
 * With `clientId` it is a service principal's policy; without, the account-wide one.
 */
export interface FederationPolicy {
  issuer: string
  subject: string
  audiences: string[]
  clientId?: string
}

/** Entra ID as the workspace trusts it: tokens signed by `issuer`'s keys for the Databricks app. */
export interface EntraTrust {
  issuer: string
  /** Application ids that are already workspace users. Others need a management token. */
  workspaceUsers: string[]
}

export interface OAuthConfig {
  servicePrincipals?: ServicePrincipal[]
  federationPolicies?: FederationPolicy[]
  /** Lifetime of the tokens the workspace mints; default 3600 s (tests use seconds). */
  tokenLifetimeSeconds?: number
  /** Sends expires_in as a string, as some servers do. */
  expiresInAsString?: boolean
  entra?: EntraTrust
}

/** One token handed out, for tests that count renewals. */
export interface MintRecord {
  grant: 'client_credentials' | 'token-exchange'
  principal: string
  at: number
  /** The token itself, so tests can check it never leaks. */
  token: string
}

export const AZURE_DATABRICKS_APP = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'
const GRANT_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'

type Answer = { status: number; body: Record<string, unknown> }

const oauthError = (status: number, error: string, description: string): Answer => ({
  status,
  body: { error, error_description: description }
})

/** The workspace's OAuth side: discovery, its token endpoint, and the tokens it has minted. */
export class WorkspaceOAuth {
  config: OAuthConfig = {}
  readonly mints: MintRecord[] = []
  private readonly tokens = new Map<string, { expiresAt: number; principal: string }>()
  private readonly keys: IssuerKeys

  constructor(ca: string) {
    this.keys = new IssuerKeys(ca)
  }

  discovery(base: string): Record<string, unknown> {
    return {
      issuer: `${base}/oidc`,
      authorization_endpoint: `${base}/oidc/v1/authorize`,
      token_endpoint: `${base}/oidc/v1/token`,
      jwks_uri: `${base}/oidc/jwks.json`,
      grant_types_supported: ['client_credentials', GRANT_EXCHANGE, 'authorization_code'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post']
    }
  }

  /** `POST /oidc/v1/token`: client credentials (Basic or form) or RFC 8693 token exchange. */
  async token(authorization: string | undefined, form: Record<string, string>): Promise<Answer> {
    if (!(form.scope ?? '').split(/\s+/).includes('all-apis'))
      return oauthError(400, 'invalid_scope', 'The scope must include all-apis')
    if (form.grant_type === 'client_credentials') {
      let id = form.client_id ?? ''
      let secret = form.client_secret ?? ''
      const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '')?.[1]
      if (basic) {
        const [u = '', p = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':', 2)
        id = decodeURIComponent(u)
        secret = decodeURIComponent(p)
      }
      const sp = this.config.servicePrincipals?.find(s => s.clientId === id)
      if (!sp || sp.secret !== secret)
        return oauthError(401, 'invalid_client', 'Client authentication failed')
      return this.mint('client_credentials', id)
    }
    if (form.grant_type === GRANT_EXCHANGE) return this.exchange(form)
    return oauthError(
      400,
      'unsupported_grant_type',
      `Grant type ${form.grant_type ?? '(none)'} is not supported`
    )
  }

  private async exchange(form: Record<string, string>): Promise<Answer> {
    if (form.subject_token_type !== 'urn:ietf:params:oauth:token-type:jwt')
      return oauthError(
        400,
        'invalid_request',
        'subject_token_type must be urn:ietf:params:oauth:token-type:jwt'
      )
    const jwt = decodeJwt(form.subject_token ?? '')
    if (!jwt) return oauthError(400, 'invalid_request', 'subject_token is not a JWT')
    const iss = jsonText(jwt.claims.iss ?? '')
    const clientId = form.client_id || undefined
    const policies = (this.config.federationPolicies ?? []).filter(
      p => p.issuer === iss && p.clientId === clientId
    )
    const whose = clientId ? `service principal ${clientId}` : 'the account'
    if (!policies.length)
      return oauthError(
        400,
        'invalid_request',
        `No federation policy of ${whose} trusts issuer ${iss}`
      )
    const bad = await this.keys.check(jwt, iss, Date.now() / 1000)
    if (bad) return oauthError(400, 'invalid_grant', `The subject token was refused: ${bad}`)
    const aud = audiences(jwt.claims)
    const sub = jsonText(jwt.claims.sub ?? '')
    const policy = policies.find(p => p.subject === sub && p.audiences.some(a => aud.includes(a)))
    if (!policy)
      return oauthError(
        400,
        'invalid_grant',
        `No federation policy of ${whose} matches subject ${sub} and audience ${aud.join(', ')}`
      )
    return this.mint('token-exchange', clientId ?? `federated:${sub}`)
  }

  private mint(grant: MintRecord['grant'], principal: string): Answer {
    const lifetime = this.config.tokenLifetimeSeconds ?? 3600
    const token = `dose${randomBytes(24).toString('hex')}`
    this.tokens.set(token, { expiresAt: Date.now() + lifetime * 1000, principal })
    this.mints.push({ grant, principal, at: Date.now(), token })
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        scope: 'all-apis',
        expires_in: this.config.expiresInAsString ? String(lifetime) : lifetime
      }
    }
  }

  /**
   * A bearer token the workspace minted, or an Entra token: 'ok', 'expired', a refusal
   * message, or undefined when it is neither (the static credentials decide then).
   */
  async check(token: string, managementToken: string | undefined): Promise<string | undefined> {
    const minted = this.tokens.get(token)
    if (minted) return minted.expiresAt > Date.now() ? 'ok' : 'expired'
    const entra = this.config.entra
    const jwt = decodeJwt(token)
    if (!entra || !jwt || jwt.claims.iss !== entra.issuer) return undefined
    const now = Date.now() / 1000
    const bad = await this.keys.check(jwt, entra.issuer, now)
    if (bad === 'the token is expired') return 'expired'
    if (bad || !audiences(jwt.claims).includes(AZURE_DATABRICKS_APP)) return 'Invalid access token.'
    const appId = jsonText(jwt.claims.appid ?? '')
    if (entra.workspaceUsers.includes(appId)) return 'ok'
    const mgmt = managementToken ? decodeJwt(managementToken) : undefined
    const mgmtBad = mgmt ? await this.keys.check(mgmt, entra.issuer, now) : 'missing'
    if (
      mgmtBad ||
      mgmt?.claims.appid !== appId ||
      !audiences(mgmt.claims).some(a => a.includes('management'))
    )
      return 'Management API token must be provided for service principal admin user login'
    return 'ok'
  }

  /** Every token minted so far stops working at once (a revoked secret, a key rotation). */
  revokeAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0
  }

  reset(): void {
    this.mints.length = 0
  }
}
