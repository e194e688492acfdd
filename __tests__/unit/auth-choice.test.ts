import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/common/errors.js'
import {
  CREDENTIAL_INPUTS,
  chooseCredentials,
  type CredentialInputs
} from '../../src/runner/auth-choice.js'

const AZURE_HOST = 'adb-1234567890123456.7.azuredatabricks.net'
const ID_TOKEN = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://gh/x?a=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt'
}

function inputs(over: Partial<CredentialInputs> = {}): CredentialInputs {
  const empty = Object.fromEntries(Object.keys(CREDENTIAL_INPUTS).map(k => [k, '']))
  return { ...(empty as unknown as CredentialInputs), ...over }
}
const choose = (
  over: Partial<CredentialInputs>,
  env: NodeJS.ProcessEnv = {},
  host = 'dbc-1.cloud.databricks.com'
) => chooseCredentials(inputs(over), env, host)
function refusal(
  over: Partial<CredentialInputs>,
  env: NodeJS.ProcessEnv = {},
  host?: string
): string {
  try {
    choose(over, env, host)
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return (e as Error).message
  }
  throw new Error('expected an InputError')
}

describe('the method, chosen as the SDKs choose it', () => {
  it.each<[string, Partial<CredentialInputs>, NodeJS.ProcessEnv, string]>([
    ['a token', { token: 't' }, {}, 'pat'],
    ['user name and password', { username: 'u', password: 'p' }, {}, 'basic'],
    ['client id and secret', { clientId: 'c', clientSecret: 's' }, {}, 'oauth-m2m'],
    [
      'client id and secret from env',
      {},
      { DATABRICKS_CLIENT_ID: 'c', DATABRICKS_CLIENT_SECRET: 's' },
      'oauth-m2m'
    ],
    ['client id with ID-token variables', { clientId: 'c' }, ID_TOKEN, 'github-oidc'],
    ['nothing but ID-token variables', {}, ID_TOKEN, 'github-oidc'],
    ['a token with ID-token variables (they never count)', { token: 't' }, ID_TOKEN, 'pat'],
    [
      'client id and secret with ID-token variables',
      { clientId: 'c', clientSecret: 's' },
      ID_TOKEN,
      'oauth-m2m'
    ],
    [
      'Azure id, secret, tenant',
      { azureClientId: 'a', azureClientSecret: 's', azureTenantId: 't' },
      {},
      'azure-client-secret'
    ],
    [
      'ARM_* variables',
      {},
      { ARM_CLIENT_ID: 'a', ARM_CLIENT_SECRET: 's', ARM_TENANT_ID: 't' },
      'azure-client-secret'
    ],
    [
      'Azure id and tenant with ID-token variables',
      { azureClientId: 'a', azureTenantId: 't' },
      ID_TOKEN,
      'github-oidc-azure'
    ]
  ])('%s', (_n, over, env, type) => {
    expect(choose(over, env, AZURE_HOST).type).toBe(type)
  })

  it('a named auth-type wins over everything else configured, in any case', () => {
    expect(choose({ authType: 'OAuth-M2M', token: 't', clientId: 'c', clientSecret: 's' })).toEqual(
      {
        type: 'oauth-m2m',
        clientId: 'c',
        clientSecret: 's'
      }
    )
    expect(choose({ token: 't' }, { DATABRICKS_AUTH_TYPE: 'azure-cli' }).type).toBe('azure-cli')
  })

  it('inputs win over the environment field by field; env values are trimmed', () => {
    expect(
      choose({ clientId: 'in' }, { DATABRICKS_CLIENT_ID: 'env', DATABRICKS_CLIENT_SECRET: 's\n' })
    ).toEqual({
      type: 'oauth-m2m',
      clientId: 'in',
      clientSecret: 's'
    })
  })

  it('azure-cli only when named', () => {
    expect(refusal({})).toMatch(/^No credentials/)
    expect(choose({ authType: 'azure-cli', azureWorkspaceResourceId: '/subs/x' })).toEqual({
      type: 'azure-cli',
      workspaceResourceId: '/subs/x'
    })
  })

  it('github-oidc carries client id and audience when given; account-wide without', () => {
    expect(choose({ authType: 'github-oidc' }, ID_TOKEN)).toEqual({ type: 'github-oidc' })
    expect(choose({ clientId: 'c', tokenAudience: 'aud' }, ID_TOKEN)).toEqual({
      type: 'github-oidc',
      clientId: 'c',
      audience: 'aud'
    })
  })

  it.each([
    [AZURE_HOST, 'https://login.microsoftonline.com', 'https://management.core.windows.net/'],
    [
      'adb-1.2.databricks.azure.us',
      'https://login.microsoftonline.us',
      'https://management.core.usgovcloudapi.net/'
    ],
    [
      'adb-1.2.databricks.azure.cn',
      'https://login.chinacloudapi.cn',
      'https://management.core.chinacloudapi.cn/'
    ]
  ])('Entra sign-in host follows the workspace domain: %s', (host, login, management) => {
    const plan = choose(
      { azureClientId: 'a', azureClientSecret: 's', azureTenantId: 't' },
      {},
      host
    )
    expect(plan).toMatchObject({ cloud: { login, management } })
  })

  it('AZURE_AUTHORITY_HOST sets the sign-in host anywhere, the resource id rides along', () => {
    const plan = choose(
      { azureClientId: 'a', azureTenantId: 't', azureWorkspaceResourceId: '/subscriptions/1/x' },
      { ...ID_TOKEN, AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9443/' },
      '127.0.0.1'
    )
    expect(plan).toEqual({
      type: 'github-oidc-azure',
      clientId: 'a',
      tenantId: 't',
      cloud: {
        login: 'https://127.0.0.1:9443',
        management: 'https://management.core.windows.net/'
      },
      workspaceResourceId: '/subscriptions/1/x'
    })
  })
})

describe('every misconfiguration is an input error that names the input and the fix', () => {
  it.each<[string, Partial<CredentialInputs>, NodeJS.ProcessEnv, RegExp]>([
    [
      'unknown auth-type',
      { authType: 'oauth' },
      {},
      /^Invalid input auth-type 'oauth': expected one of pat, basic, oauth-m2m, github-oidc, azure-client-secret, github-oidc-azure, azure-cli\.$/
    ],
    [
      'unknown DATABRICKS_AUTH_TYPE',
      {},
      { DATABRICKS_AUTH_TYPE: 'msi' },
      /^Invalid DATABRICKS_AUTH_TYPE 'msi'/
    ],
    [
      'token and client secret',
      { token: 't', clientId: 'c', clientSecret: 's' },
      {},
      /^More than one authorization method configured: pat \(input token\) and oauth \(input client-id, input client-secret\)\. Set auth-type/
    ],
    [
      'input and env of different kinds',
      { token: 't' },
      { ARM_CLIENT_ID: 'a' },
      /^More than one authorization method configured: pat \(input token\) and azure \(ARM_CLIENT_ID\)/
    ],
    [
      'client secret alone',
      { clientSecret: 's' },
      {},
      /^oauth-m2m authentication needs input client-id \(or DATABRICKS_CLIENT_ID\)/
    ],
    [
      'client id alone, no ID token',
      { clientId: 'c' },
      {},
      /^input client-id was given without a client secret: set input client-secret \(or DATABRICKS_CLIENT_SECRET\) for oauth-m2m, or give the job `permissions: id-token: write`/
    ],
    [
      'named pat without a token',
      { authType: 'pat' },
      {},
      /^pat authentication needs input token \(or DATABRICKS_TOKEN\)/
    ],
    [
      'named basic without password',
      { authType: 'basic', username: 'u' },
      {},
      /^basic authentication needs input password/
    ],
    [
      'named oauth-m2m without anything',
      { authType: 'oauth-m2m' },
      {},
      /needs input client-id \(or DATABRICKS_CLIENT_ID\) and input client-secret \(or DATABRICKS_CLIENT_SECRET\): set them/
    ],
    [
      'named github-oidc without ID-token variables',
      { authType: 'github-oidc' },
      {},
      /^github-oidc authentication needs a GitHub ID token.*`permissions: id-token: write`.*forks never get an ID token/
    ],
    [
      'github-oidc-azure without ID-token variables',
      { authType: 'github-oidc-azure', azureClientId: 'a', azureTenantId: 't' },
      { AZURE_AUTHORITY_HOST: 'https://login.x' },
      /^github-oidc-azure authentication needs a GitHub ID token/
    ],
    [
      'Azure secret without tenant',
      { azureClientId: 'a', azureClientSecret: 's' },
      {},
      /^azure-client-secret authentication needs input azure-tenant-id \(or ARM_TENANT_ID\)/
    ],
    [
      'Azure id alone, no ID token',
      { azureClientId: 'a', azureTenantId: 't' },
      {},
      /without a secret: set input azure-client-secret \(or ARM_CLIENT_SECRET\)/
    ],
    [
      'Azure method off Azure without AZURE_AUTHORITY_HOST',
      { azureClientId: 'a', azureClientSecret: 's', azureTenantId: 't' },
      {},
      /^azure-client-secret authentication signs in with Microsoft Entra ID, but host dbc-1\.cloud\.databricks\.com is not an Azure Databricks workspace \(\.azuredatabricks\.net, \.databricks\.azure\.us, \.databricks\.azure\.cn\).*set AZURE_AUTHORITY_HOST/
    ],
    [
      'AZURE_AUTHORITY_HOST over http',
      { azureClientId: 'a', azureClientSecret: 's', azureTenantId: 't' },
      { AZURE_AUTHORITY_HOST: 'http://login.x' },
      /^Invalid AZURE_AUTHORITY_HOST 'http:\/\/login\.x': expected an https:\/\/ URL/
    ],
    ['no credentials at all', {}, {}, /^No credentials: set the token input/]
  ])('%s', (_n, over, env, expected) => {
    expect(refusal(over, env)).toMatch(expected)
  })

  it('never puts a secret value in the message', () => {
    const msg = refusal({ token: 'dapiSECRET', clientId: 'c', clientSecret: 'SECRETvalue' })
    expect(msg).not.toMatch(/SECRET/)
  })
})
