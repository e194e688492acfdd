import { errorMessage } from '../../common/errors.js'
import { AZURE_DATABRICKS_APP, type AzureCloud } from './azure-cloud.js'
import { MintedAuth, type IdTokenSource } from './minted.js'
import type { MintedToken } from './refreshing.js'
import { requestToken, type TokenClient } from './token-endpoint.js'
import type { AuthCall } from './types.js'

export interface EntraOptions {
  host: string
  cloud: AzureCloud
  tenantId: string
  clientId: string
  /** Sent as X-Databricks-Azure-Workspace-Resource-Id when known. */
  workspaceResourceId?: string
}

/** The form fields that prove who the client is: a secret, or a signed assertion. */
type ClientProof = (call: AuthCall) => Promise<Record<string, string>>

/**
 * An Entra token for the AzureDatabricks application, plus (when Entra gives one) a token for
 * the service-management endpoint: with it a service principal that has rights on the
 * workspace resource but is not yet a workspace user can sign in.
 */
function entraAuth(
  c: TokenClient,
  authType: 'azure-client-secret' | 'github-oidc-azure',
  description: string,
  o: EntraOptions,
  proof: ClientProof
): MintedAuth {
  const url = `${o.cloud.login.replace(/\/+$/, '')}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`
  const entra = async (scope: string, fields: Record<string, string>, call: AuthCall) =>
    requestToken(
      c,
      {
        url,
        what: `Entra ID sign-in of ${o.clientId} for ${scope}`,
        form: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: o.clientId,
          scope,
          ...fields
        })
      },
      call
    )
  return new MintedAuth(authType, description, c, async (call): Promise<MintedToken> => {
    const fields = await proof(call)
    const started = c.clock.now()
    const main = await entra(`${AZURE_DATABRICKS_APP}/.default`, fields, call)
    const headers: Record<string, string> = { Authorization: `Bearer ${main.accessToken}` }
    c.secrets.add(headers.Authorization)
    let expiresAt = started + main.expiresInSeconds * 1000
    try {
      // A v2 scope is the resource id and /.default: for this URL resource, a double slash.
      const mgmt = await entra(`${o.cloud.management}/.default`, fields, call)
      headers['X-Databricks-Azure-SP-Management-Token'] = mgmt.accessToken
      expiresAt = Math.min(expiresAt, started + mgmt.expiresInSeconds * 1000)
    } catch (e) {
      // Optional: a principal that is already a workspace user signs in without it.
      c.logger.debug(`No service-management token (${errorMessage(e)}); signing in without it`)
    }
    if (o.workspaceResourceId)
      headers['X-Databricks-Azure-Workspace-Resource-Id'] = o.workspaceResourceId
    return { headers, expiresAt }
  })
}

/** `azure-client-secret`: an Entra service principal with a client secret. */
export function azureClientSecret(
  c: TokenClient,
  o: EntraOptions & { clientSecret: string }
): MintedAuth {
  c.secrets.add(o.clientSecret)
  return entraAuth(
    c,
    'azure-client-secret',
    `Azure service principal ${o.clientId} (client secret)`,
    o,
    () => Promise.resolve({ client_secret: o.clientSecret })
  )
}

/** Entra's audience for federated credentials. */
export const AZURE_FEDERATION_AUDIENCE = 'api://AzureADTokenExchange'

/**
 * `github-oidc-azure`: the GitHub ID token as the Entra client assertion. A new one at every
 * renewal: an assertion lives about 5 minutes, the Entra token about an hour.
 */
export function githubOidcAzure(
  c: TokenClient,
  o: EntraOptions & { idToken: IdTokenSource }
): MintedAuth {
  return entraAuth(
    c,
    'github-oidc-azure',
    `Azure service principal ${o.clientId} (GitHub OIDC federation)`,
    o,
    async call => {
      const assertion = await o.idToken(AZURE_FEDERATION_AUDIENCE, call)
      c.secrets.add(assertion)
      return {
        client_assertion: assertion,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      }
    }
  )
}
