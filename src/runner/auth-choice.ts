import { InputError } from '../common/errors.js'
import { AUTH_TYPES, type AuthType } from '../databricks/auth/types.js'
import { AZURE_DOMAINS, azureCloudOf, type AzureCloud } from '../databricks/auth/azure-cloud.js'
import { describe, resolve, type CredentialInputs, type Setting } from './auth-settings.js'

export { CREDENTIAL_INPUTS, type CredentialInputs } from './auth-settings.js'

/** What the step authenticates with, validated; every value already resolved. */
export type CredentialPlan =
  | { type: 'pat'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth-m2m'; clientId: string; clientSecret: string }
  | { type: 'github-oidc'; clientId?: string; audience?: string }
  | (AzurePlan & {
      type: 'azure-client-secret'
      clientId: string
      clientSecret: string
      tenantId: string
    })
  | (AzurePlan & { type: 'github-oidc-azure'; clientId: string; tenantId: string })
  | { type: 'azure-cli'; workspaceResourceId?: string }

interface AzurePlan {
  cloud: AzureCloud
  workspaceResourceId?: string
}

/** Credential kinds as the SDKs count them for "more than one authorization method". */
const KINDS: [kind: string, fields: (keyof CredentialInputs)[]][] = [
  ['pat', ['token']],
  ['basic', ['username', 'password']],
  ['oauth', ['clientId', 'clientSecret']],
  ['azure', ['azureClientId', 'azureClientSecret', 'azureTenantId']]
]

const PERMISSION_HELP =
  'GitHub sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN only for jobs with `permissions: id-token: write`; add it to the job (pull requests from forks never get an ID token: use a secret-based method there).'

/**
 * Picks and checks the method as the Databricks SDKs do, before any call: a named auth-type
 * wins; otherwise exactly one kind of credential may be configured, and GitHub OIDC is chosen
 * only when none is (its variables never count as a credential). Inputs fall back to env.
 */
export function chooseCredentials(
  raw: CredentialInputs,
  env: NodeJS.ProcessEnv,
  hostname: string
): CredentialPlan {
  const s = resolve(raw, env)
  const has = (k: keyof CredentialInputs): boolean => s[k].value !== ''
  const v = (k: keyof CredentialInputs): string => s[k].value
  const hasIdToken = !!(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
  const need = (type: AuthType, ...keys: (keyof CredentialInputs)[]): void => {
    const missing = keys.filter(k => !has(k))
    if (missing.length)
      throw new InputError(
        `${type} authentication needs ${missing.map(describe).join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'}, or choose another auth-type.`
      )
  }
  const needIdToken = (type: AuthType): void => {
    if (!hasIdToken)
      throw new InputError(
        `${type} authentication needs a GitHub ID token, and this job has none. ${PERMISSION_HELP}`
      )
  }

  let type = v('authType').toLowerCase() as AuthType
  if (type && !(AUTH_TYPES as readonly string[]).includes(type))
    throw new InputError(
      `Invalid ${s.authType.from} '${v('authType')}': expected one of ${AUTH_TYPES.join(', ')}.`
    )
  if (!type) type = implied(s, has, hasIdToken)

  const azure = (): AzurePlan => ({
    cloud: entraCloud(type, env, hostname),
    ...(has('azureWorkspaceResourceId')
      ? { workspaceResourceId: v('azureWorkspaceResourceId') }
      : {})
  })
  switch (type) {
    case 'pat':
      need(type, 'token')
      return { type, token: v('token') }
    case 'basic':
      need(type, 'username', 'password')
      return { type, username: v('username'), password: v('password') }
    case 'oauth-m2m':
      need(type, 'clientId', 'clientSecret')
      return { type, clientId: v('clientId'), clientSecret: v('clientSecret') }
    case 'github-oidc':
      needIdToken(type)
      return {
        type,
        ...(has('clientId') ? { clientId: v('clientId') } : {}),
        ...(has('tokenAudience') ? { audience: v('tokenAudience') } : {})
      }
    case 'azure-client-secret':
      need(type, 'azureClientId', 'azureClientSecret', 'azureTenantId')
      return {
        type,
        clientId: v('azureClientId'),
        clientSecret: v('azureClientSecret'),
        tenantId: v('azureTenantId'),
        ...azure()
      }
    case 'github-oidc-azure':
      need(type, 'azureClientId', 'azureTenantId')
      needIdToken(type)
      return { type, clientId: v('azureClientId'), tenantId: v('azureTenantId'), ...azure() }
    case 'azure-cli':
      return has('azureWorkspaceResourceId')
        ? { type, workspaceResourceId: v('azureWorkspaceResourceId') }
        : { type }
  }
}

/** The method the configured credentials imply, when auth-type is not set. */
function implied(
  s: Record<keyof CredentialInputs, Setting>,
  has: (k: keyof CredentialInputs) => boolean,
  hasIdToken: boolean
): AuthType {
  const kinds = KINDS.filter(([, fields]) => fields.some(has))
  if (kinds.length > 1) {
    const list = kinds
      .map(
        ([kind, fields]) =>
          `${kind} (${fields
            .filter(has)
            .map(k => s[k].from)
            .join(', ')})`
      )
      .join(' and ')
    throw new InputError(
      `More than one authorization method configured: ${list}. Set auth-type to the one to use (one of ${AUTH_TYPES.join(', ')}), or remove the others.`
    )
  }
  const kind = kinds[0]?.[0]
  if (kind === 'pat') return 'pat'
  if (kind === 'basic') return 'basic'
  if (kind === 'oauth') {
    if (has('clientSecret')) return 'oauth-m2m'
    if (hasIdToken) return 'github-oidc'
    throw new InputError(
      `${s.clientId.from} was given without a client secret: set ${describe('clientSecret')} for oauth-m2m, or give the job \`permissions: id-token: write\` for github-oidc federation with that service principal.`
    )
  }
  if (kind === 'azure') {
    if (has('azureClientSecret')) return 'azure-client-secret'
    if (hasIdToken) return 'github-oidc-azure'
    throw new InputError(
      `Azure service principal settings were given without a secret: set ${describe('azureClientSecret')} for azure-client-secret, or give the job \`permissions: id-token: write\` for github-oidc-azure.`
    )
  }
  if (hasIdToken) return 'github-oidc'
  throw new InputError(
    'No credentials: set the token input (e.g. token: ${{ secrets.DATABRICKS_TOKEN }}) or DATABRICKS_TOKEN; or client-id and client-secret for a service principal (oauth-m2m); or give the job `permissions: id-token: write` for GitHub OIDC federation (github-oidc, no secret at all). See auth-type for every method.'
  )
}

/**
 * Entra's sign-in host: the workspace's cloud by its domain, or AZURE_AUTHORITY_HOST. On any
 * other host (a proxy, the emulator) there is no way to know it, so it must be set.
 */
function entraCloud(type: AuthType, env: NodeJS.ProcessEnv, hostname: string): AzureCloud {
  const known = azureCloudOf(hostname)
  const authority = env.AZURE_AUTHORITY_HOST?.trim()
  if (authority) {
    let url: URL | undefined
    try {
      url = new URL(authority)
    } catch {
      url = undefined
    }
    if (url?.protocol !== 'https:')
      throw new InputError(
        `Invalid AZURE_AUTHORITY_HOST '${authority}': expected an https:// URL such as https://login.microsoftonline.com.`
      )
    return {
      login: url.origin,
      management: known?.management ?? 'https://management.core.windows.net/'
    }
  }
  if (known) return known
  throw new InputError(
    `${type} authentication signs in with Microsoft Entra ID, but host ${hostname} is not an Azure Databricks workspace (${AZURE_DOMAINS.join(', ')}), so its sign-in host is unknown: set AZURE_AUTHORITY_HOST, e.g. https://login.microsoftonline.com.`
  )
}
