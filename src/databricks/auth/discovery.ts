import { CancelledError, errorMessage } from '../../common/errors.js'
import { retryOAuthCall, TokenEndpointError, type TokenClient } from './token-endpoint.js'
import type { AuthCall } from './types.js'

async function getJson(
  c: TokenClient,
  url: string,
  call: AuthCall,
  retries: boolean
): Promise<Record<string, unknown>> {
  const attempt = async (): Promise<Record<string, unknown>> => {
    if (call.signal?.aborted) throw new CancelledError()
    const res = await c.transport.send({
      method: 'GET',
      url,
      headers: { Accept: 'application/json' },
      timeoutMs: Math.min(c.requestTimeoutMs, Math.max(1000, call.deadline.remaining())),
      signal: call.signal
    })
    if (res.status !== 200)
      throw new TokenEndpointError(
        `${url} answered HTTP ${res.status}`,
        res.status,
        undefined,
        undefined
      )
    try {
      const v: unknown = JSON.parse(res.body)
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
    } catch {
      // below
    }
    throw new Error(`${url} answered with something that is not a JSON object`)
  }
  if (!retries) return attempt()
  return retryOAuthCall(c, call, `GET ${url}`, attempt)
}

/**
 * The workspace's OAuth token endpoint, found as the SDKs find it: the host metadata
 * (`/.well-known/databricks-config`, newer workspaces) names the OIDC root; without it, or when
 * it fails, the classic `{host}/oidc` root. Its authorization-server document names the endpoint.
 */
export async function discoverTokenEndpoint(
  c: TokenClient,
  host: string,
  call: AuthCall
): Promise<string> {
  let root = `${host}/oidc`
  try {
    const meta = await getJson(c, `${host}/.well-known/databricks-config`, call, false)
    const oidc = typeof meta.oidc_endpoint === 'string' ? meta.oidc_endpoint : ''
    const account = typeof meta.account_id === 'string' ? meta.account_id : ''
    if (/^https:\/\//.test(oidc)) root = oidc.replace('{account_id}', account).replace(/\/+$/, '')
  } catch (e) {
    if (e instanceof CancelledError) throw e
    c.logger.debug(`No host metadata (${errorMessage(e)}); using ${root}`)
  }
  const url = `${root}/.well-known/oauth-authorization-server`
  let doc: Record<string, unknown>
  try {
    doc = await getJson(c, url, call, true)
  } catch (e) {
    if (e instanceof TokenEndpointError && e.status === 404)
      throw new Error(
        `Databricks OAuth is not supported for this host: ${url} answered HTTP 404. Check the host, or use a personal access token.`,
        { cause: e }
      )
    throw new Error(`Could not discover the OAuth token endpoint: ${errorMessage(e)}`, { cause: e })
  }
  const endpoint = doc.token_endpoint
  if (typeof endpoint !== 'string' || !/^https:\/\//.test(endpoint))
    throw new Error(`${url} names no https token_endpoint`)
  return endpoint
}
