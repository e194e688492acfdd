import { discoverTokenEndpoint } from './discovery.js'
import { MintedAuth, type IdTokenSource } from './minted.js'
import { requestToken, type TokenClient } from './token-endpoint.js'
import type { AuthCall } from './types.js'

/** The workspace token endpoint, discovered once per process. */
function endpointOnce(c: TokenClient, host: string): (call: AuthCall) => Promise<string> {
  let found: Promise<string> | undefined
  return call => {
    found ??= discoverTokenEndpoint(c, host, call).catch((e: unknown) => {
      found = undefined
      throw e
    })
    return found
  }
}

/**
 * `oauth-m2m`: a service principal's OAuth secret, exchanged for a workspace token with the
 * client-credentials grant. Id and secret go as HTTP Basic, each URL-encoded first (RFC 6749).
 */
export function oauthM2M(
  c: TokenClient,
  o: { host: string; clientId: string; clientSecret: string }
): MintedAuth {
  c.secrets.add(o.clientSecret)
  const basic = Buffer.from(
    `${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`,
    'utf8'
  ).toString('base64')
  c.secrets.add(basic)
  c.secrets.add(`Basic ${basic}`)
  const endpoint = endpointOnce(c, o.host)
  return new MintedAuth('oauth-m2m', `OAuth service principal ${o.clientId}`, c, async call => {
    const url = await endpoint(call)
    const t = await requestToken(
      c,
      {
        url,
        what: `OAuth client credentials for ${o.clientId}`,
        headers: { Authorization: `Basic ${basic}` },
        form: new URLSearchParams({ grant_type: 'client_credentials', scope: 'all-apis' })
      },
      call
    )
    return bearer(c, t.accessToken, t.expiresInSeconds)
  })
}

/**
 * `github-oidc`: workload identity federation. A fresh GitHub ID token for every exchange
 * (each lives about 5 minutes), traded at the workspace token endpoint (RFC 8693). With a
 * client id the service principal's federation policy applies; without, the account's.
 */
export function githubOidc(
  c: TokenClient,
  o: { host: string; clientId?: string; audience?: string; idToken: IdTokenSource }
): MintedAuth {
  const endpoint = endpointOnce(c, o.host)
  const who = o.clientId ? `service principal ${o.clientId}` : 'account-wide federation'
  return new MintedAuth('github-oidc', `GitHub OIDC federation (${who})`, c, async call => {
    const url = await endpoint(call)
    const jwt = await o.idToken(o.audience || url, call)
    c.secrets.add(jwt)
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: jwt,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      scope: 'all-apis'
    })
    if (o.clientId) form.set('client_id', o.clientId)
    const t = await requestToken(
      c,
      { url, form, what: `GitHub OIDC token exchange (${who})` },
      call
    )
    return bearer(c, t.accessToken, t.expiresInSeconds)
  })
}

function bearer(c: TokenClient, token: string, seconds: number) {
  const header = `Bearer ${token}`
  c.secrets.add(header)
  return { headers: { Authorization: header }, expiresAt: c.clock.now() + seconds * 1000 }
}
