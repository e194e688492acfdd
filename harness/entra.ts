import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { readBody, sendJson } from '../emulator/http-io.js'
import { audiences, decodeJwt, IssuerKeys, SigningKey } from '../emulator/jwt.js'
import type { TlsMaterial } from '../emulator/tls.js'
import { LocalHttps } from './local-https.js'

/** An app registration: a client secret, and/or a federated credential (issuer + subject). */
export interface EntraApp {
  clientId: string
  secret?: string
  federated?: { issuer: string; subject: string }
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange'

/**
 * Microsoft Entra ID's token endpoint for one tenant, served at AZURE_AUTHORITY_HOST:
 * `/{tenant}/oauth2/v2.0/token` (scope=…/.default) and `/{tenant}/oauth2/token` (resource=),
 * client credentials with a secret or a federated client assertion. Tokens are RS256 JWTs
 * whose keys the workspace finds through the issuer's OIDC discovery.
 */
export class EntraId {
  readonly key = new SigningKey()
  readonly tenant = randomUUID()
  readonly apps = new Map<string, EntraApp>()
  /** Every token handed out, and for what. */
  readonly issued: { token: string; clientId: string; resource: string }[] = []
  lifetimeSeconds = 3600
  private server!: LocalHttps
  private keys!: IssuerKeys

  static async start(tls: TlsMaterial, apps: EntraApp[] = []): Promise<EntraId> {
    const e = new EntraId()
    for (const a of apps) e.apps.set(a.clientId, a)
    e.keys = new IssuerKeys(tls.cert)
    e.server = await LocalHttps.start(tls, async (req, res, url) => {
      const base = `/${e.tenant}`
      if (url.pathname === `${base}/v2.0/.well-known/openid-configuration`)
        return sendJson(res, 200, {
          issuer: e.issuer,
          jwks_uri: `${e.url}${base}/discovery/v2.0/keys`
        })
      if (url.pathname === `${base}/discovery/v2.0/keys`) return sendJson(res, 200, e.key.jwks())
      const v2 = url.pathname === `${base}/oauth2/v2.0/token`
      if (req.method === 'POST' && (v2 || url.pathname === `${base}/oauth2/token`)) {
        const a = await e.token(req, v2)
        return sendJson(res, a.status, a.body)
      }
      sendJson(res, 404, {
        error: 'invalid_request',
        error_description: `AADSTS90002: Tenant or path ${url.pathname} not found.`
      })
    })
    return e
  }

  get url(): string {
    return this.server.url
  }

  /** The `iss` of its tokens (v2 style), which the workspace is told to trust. */
  get issuer(): string {
    return `${this.server.url}/${this.tenant}/v2.0`
  }

  /** A token as if `az account get-access-token` had fetched it. */
  issue(clientId: string, resource: string, lifetimeSeconds = this.lifetimeSeconds): string {
    const now = Math.floor(Date.now() / 1000)
    const token = this.key.sign({
      iss: this.issuer,
      aud: resource,
      appid: clientId,
      tid: this.tenant,
      iat: now,
      nbf: now - 5,
      exp: now + lifetimeSeconds
    })
    this.issued.push({ token, clientId, resource })
    return token
  }

  private async token(
    req: IncomingMessage,
    v2: boolean
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = Object.fromEntries(
      new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
    )
    const fail = (status: number, error: string, description: string) => ({
      status,
      body: {
        error,
        error_description: description,
        error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)]
      }
    })
    if (form.grant_type !== 'client_credentials')
      return fail(
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.'
      )
    const app = this.apps.get(form.client_id ?? '')
    if (!app)
      return fail(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${form.client_id ?? ''}' was not found in the directory.`
      )
    if (form.client_assertion) {
      if (form.client_assertion_type !== ASSERTION_TYPE)
        return fail(400, 'invalid_request', 'AADSTS50027: Invalid client_assertion_type.')
      const jwt = decodeJwt(form.client_assertion)
      const f = app.federated
      if (!jwt || !f)
        return fail(
          401,
          'invalid_client',
          'AADSTS70021: No matching federated identity record found for presented assertion.'
        )
      const bad = await this.keys.check(jwt, f.issuer, Date.now() / 1000)
      if (bad === 'the token is expired')
        return fail(
          400,
          'invalid_client',
          'AADSTS700024: Client assertion is not within its valid time range.'
        )
      if (
        bad ||
        jwt.claims.iss !== f.issuer ||
        jwt.claims.sub !== f.subject ||
        !audiences(jwt.claims).includes(FEDERATION_AUDIENCE)
      )
        return fail(
          401,
          'invalid_client',
          `AADSTS70021: No matching federated identity record found for presented assertion.${bad ? ` (${bad})` : ''}`
        )
    } else if (!app.secret || form.client_secret !== app.secret) {
      return fail(
        401,
        'invalid_client',
        `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`
      )
    }
    const resource = v2 ? (form.scope ?? '').replace(/\/\.default$/, '') : (form.resource ?? '')
    if (!resource)
      return fail(400, 'invalid_request', 'AADSTS90014: The required field scope is missing.')
    const token = this.issue(app.clientId, resource)
    // v1 answers every number as a string; v2 as numbers.
    const life = v2 ? this.lifetimeSeconds : String(this.lifetimeSeconds)
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: life, ext_expires_in: life, access_token: token }
    }
  }

  stop(): Promise<void> {
    return this.server.stop()
  }
}
