import type { IncomingMessage } from 'node:http'
import { checkAuth, type AuthOutcome, type Credentials } from './auth.js'
import { readBody } from './http-io.js'
import type { WorkspaceOAuth } from './oauth.js'

/**
 * The workspace's unauthenticated OAuth endpoints: host metadata, the authorization-server
 * document and the token endpoint. Undefined for any other path.
 */
export async function oauthRoute(
  oauth: WorkspaceOAuth,
  base: string,
  method: string,
  path: string,
  req: IncomingMessage
): Promise<{ status: number; body: unknown } | undefined> {
  if (method === 'GET' && path === '/oidc/.well-known/oauth-authorization-server')
    return { status: 200, body: oauth.discovery(base) }
  if (method === 'GET' && path === '/.well-known/databricks-config')
    return {
      status: 200,
      body: { oidc_endpoint: `${base}/oidc`, cloud: 'aws', host_type: 'workspace' }
    }
  if (method === 'POST' && path === '/oidc/v1/token') {
    const text = (await readBody(req, 64 * 1024)).toString('utf8')
    return oauth.token(req.headers.authorization, Object.fromEntries(new URLSearchParams(text)))
  }
  return undefined
}

/** Minted and Entra tokens first; then the static token and password, as before. */
export async function authenticate(
  oauth: WorkspaceOAuth,
  creds: Credentials,
  req: IncomingMessage,
  expired: boolean
): Promise<AuthOutcome> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
  const mgmt = req.headers['x-databricks-azure-sp-management-token']
  const verdict = bearer
    ? await oauth.check(bearer, typeof mgmt === 'string' ? mgmt : undefined)
    : undefined
  if (verdict === undefined) return checkAuth(req.headers.authorization, creds, expired)
  if (verdict === 'ok') return { ok: true }
  if (verdict === 'expired')
    return { ok: false, status: 401, body: { error_code: 401, message: 'Token is expired.' } }
  return { ok: false, status: 403, body: { error_code: 403, message: verdict } }
}
