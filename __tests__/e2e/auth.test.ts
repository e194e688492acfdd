import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { AZURE_DATABRICKS_APP } from '../../emulator/oauth.js'
import { job, step, theError, useEmulator, type Emulator } from '../support/e2e.js'
import type { CallRecord } from '../../emulator/emulator.js'
import {
  AZ_FED_APP,
  AZ_SP,
  FED_SP,
  SP,
  azCalls,
  signInAz,
  startAuthWorld,
  type AuthWorld
} from '../support/auth-servers.js'
import type { StepResult } from '../../harness/runner.js'

let emu: Emulator
let w: AuthWorld
useEmulator(e => (emu = e), { checkNothingLeft: true })
beforeAll(async () => {
  w = await startAuthWorld(emu)
})
afterAll(() => w.stop())

/** The emulator's record of calls to one path (OAuth paths are not under /api/). */
const calls = (e: Emulator, method: string, path: string): CallRecord[] =>
  e.calls.filter(c => c.method === method && c.path === path)

const NO_TOKEN = { token: '', command: 'print(6 * 7)' }
const azureEnv = (): Record<string, string> => ({ AZURE_AUTHORITY_HOST: w.entra.url })

/** Main succeeded with this method, and post (with its own token) destroyed the context. */
function expectRan(main: StepResult, post: StepResult, authType: string): void {
  expect({ exit: main.exitCode, errors: main.errors }).toEqual({ exit: 0, errors: [] })
  expect(main.outputs).toMatchObject({ 'auth-type': authType, status: 'Finished' })
  expect(main.outputs.result?.trim()).toBe('42')
  expect(post.exitCode).toBe(0)
  expect(post.log).toContain('Destroyed execution context')
  expect(post.warnings).toEqual([])
}

describe('each method, end to end on the bundled entries (main and post)', () => {
  it('oauth-m2m: client credentials at the discovered endpoint; post mints its own token', async () => {
    const { main, post } = await job(emu, {
      ...NO_TOKEN,
      'client-id': SP.clientId,
      'client-secret': SP.secret
    })
    expectRan(main, post, 'oauth-m2m')
    const mints = emu.oauth.mints.filter(m => m.grant === 'client_credentials')
    expect(mints.map(m => m.principal)).toEqual([SP.clientId, SP.clientId])
    // Newer SDKs' host metadata first, then the authorization-server document.
    const paths = emu.calls.map(c => c.path)
    expect(paths.indexOf('/.well-known/databricks-config')).toBeLessThan(
      paths.indexOf('/oidc/.well-known/oauth-authorization-server')
    )
    expect(Object.values(main.state).join(' ')).not.toMatch(/dose[0-9a-f]{10}/)
  })

  it('oauth-m2m from the environment, with expires_in as a string, and no host metadata', async () => {
    emu.oauth.config.expiresInAsString = true
    emu.faults.set({
      rules: [{ path: '/.well-known/databricks-config', status: 404, times: 'always' }]
    })
    try {
      const { main, post } = await job(emu, NO_TOKEN, {
        env: { DATABRICKS_CLIENT_ID: SP.clientId, DATABRICKS_CLIENT_SECRET: SP.secret }
      })
      expectRan(main, post, 'oauth-m2m')
    } finally {
      emu.oauth.config.expiresInAsString = false
    }
  })

  it('github-oidc with a service principal policy: chosen from client-id alone, no secret at all', async () => {
    const before = w.github.issued.length
    const { main, post } = await job(
      emu,
      { ...NO_TOKEN, 'client-id': FED_SP },
      { env: w.github.env() }
    )
    expectRan(main, post, 'github-oidc')
    const ids = w.github.issued.slice(before)
    // One fresh ID token per exchange: main's and post's, for the token endpoint's URL.
    expect(ids.map(i => i.audience)).toEqual([
      `${emu.url}/oidc/v1/token`,
      `${emu.url}/oidc/v1/token`
    ])
    expect(emu.oauth.mints.map(m => `${m.grant} ${m.principal}`)).toEqual([
      `token-exchange ${FED_SP}`,
      `token-exchange ${FED_SP}`
    ])
  })

  it('github-oidc account-wide, with token-audience', async () => {
    const { main, post } = await job(
      emu,
      { ...NO_TOKEN, 'token-audience': 'https://github.com/octo-org' },
      { env: w.github.env() }
    )
    expectRan(main, post, 'github-oidc')
    expect(emu.oauth.mints[0]?.principal).toMatch(/^federated:repo:octo-org/)
  })

  it('azure-client-secret: Entra token plus management token for a principal not yet a user', async () => {
    const before = w.entra.issued.length
    const { main, post } = await job(
      emu,
      {
        ...NO_TOKEN,
        'azure-client-id': AZ_SP.clientId,
        'azure-tenant-id': w.entra.tenant,
        'azure-workspace-resource-id':
          '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws'
      },
      { env: { ...azureEnv(), ARM_CLIENT_SECRET: AZ_SP.secret } }
    )
    expectRan(main, post, 'azure-client-secret')
    expect(w.entra.issued.slice(before).map(i => i.resource)).toEqual([
      AZURE_DATABRICKS_APP,
      'https://management.core.windows.net/',
      AZURE_DATABRICKS_APP,
      'https://management.core.windows.net/'
    ])
  })

  it('github-oidc-azure: the GitHub ID token as the Entra client assertion', async () => {
    const before = w.github.issued.length
    const { main, post } = await job(
      emu,
      { ...NO_TOKEN, 'azure-client-id': AZ_FED_APP, 'azure-tenant-id': w.entra.tenant },
      { env: { ...azureEnv(), ...w.github.env() } }
    )
    expectRan(main, post, 'github-oidc-azure')
    expect(w.github.issued.slice(before).map(i => i.audience)).toEqual([
      'api://AzureADTokenExchange',
      'api://AzureADTokenExchange'
    ])
  })

  it('azure-cli: az account get-access-token, only when named', async () => {
    signInAz(w)
    const env = { PATH: `${w.azDir}:${process.env.PATH ?? ''}` }
    const { main, post } = await job(emu, { ...NO_TOKEN, 'auth-type': 'azure-cli' }, { env })
    expectRan(main, post, 'azure-cli')
    expect(azCalls(w).slice(-2)).toEqual([
      `account get-access-token --resource ${AZURE_DATABRICKS_APP} --output json`,
      `account get-access-token --resource ${AZURE_DATABRICKS_APP} --output json`
    ])
  })
})

describe('token endpoint trouble and revoked tokens', () => {
  it('retries the token endpoint on 503 and 429 (Retry-After), then signs in', async () => {
    emu.faults.set({
      rules: [
        { path: '/oidc/v1/token', status: 503 },
        { path: '/oidc/v1/token', status: 429, retryAfter: 1 }
      ]
    })
    const { main, post } = await job(emu, {
      ...NO_TOKEN,
      'client-id': SP.clientId,
      'client-secret': SP.secret
    })
    expectRan(main, post, 'oauth-m2m')
    expect(
      calls(emu, 'POST', '/oidc/v1/token')
        .map(c => c.status)
        .slice(0, 3)
    ).toEqual([503, 429, 200])
  })

  it('a token revoked mid-run: the next status call gets 401, renews once and goes on', async () => {
    const run = job(emu, {
      ...NO_TOKEN,
      'client-id': SP.clientId,
      'client-secret': SP.secret,
      command: 'import time\ntime.sleep(3)\nprint(6 * 7)'
    })
    while (!emu.calls.some(c => c.path === '/api/1.2/commands/execute' && c.status === 200))
      await new Promise(r => setTimeout(r, 50))
    emu.oauth.revokeAll()
    const { main, post } = await run
    expectRan(main, post, 'oauth-m2m')
    expect(main.log).toMatch(
      /GET \/api\/1\.2\/commands\/status: HTTP 401, renewing the oauth-m2m token and trying once more/
    )
    expect(emu.calls.filter(c => c.status === 401)).toHaveLength(1)
  })
})

describe('misconfiguration: a clear error before any call, and post does nothing', () => {
  it.each<[string, Record<string, string>, () => Record<string, string>, RegExp]>([
    [
      'github-oidc without id-token: write',
      { 'auth-type': 'github-oidc' },
      () => ({}),
      /^github-oidc authentication needs a GitHub ID token.*permissions: id-token: write.*forks/
    ],
    [
      'an Azure method on a host outside Azure, without AZURE_AUTHORITY_HOST',
      {
        'azure-client-id': AZ_SP.clientId,
        'azure-tenant-id': 't',
        'azure-client-secret': AZ_SP.secret
      },
      () => ({}),
      /^azure-client-secret authentication signs in with Microsoft Entra ID, but host 127\.0\.0\.1 is not an Azure Databricks workspace.*set AZURE_AUTHORITY_HOST/
    ],
    [
      'two methods without auth-type',
      { 'client-id': SP.clientId, 'client-secret': SP.secret },
      () => ({ DATABRICKS_TOKEN: 'dapi-stray' }),
      /^More than one authorization method configured: pat \(DATABRICKS_TOKEN\) and oauth \(input client-id, input client-secret\)/
    ],
    [
      'an unknown auth-type',
      { 'auth-type': 'oauth' },
      () => ({}),
      /^Invalid input auth-type 'oauth': expected one of pat, basic, oauth-m2m, github-oidc, azure-client-secret, github-oidc-azure, azure-cli\.$/
    ]
  ])('%s', async (_name, inputs, env, expected) => {
    const { main, post } = await job(emu, { ...NO_TOKEN, ...inputs }, { env: env() })
    expect(theError(main)).toMatch(expected)
    expect(emu.calls).toEqual([])
    expect(main.outputs).toEqual({ status: 'Failed' })
    expect(main.state).toEqual({})
    expect(post.log).toContain('Nothing to clean up')
  })
})

describe('refusals name the cause, never the credential', () => {
  it('a wrong client secret shows the OAuth error and description only', async () => {
    const { main } = await job(emu, {
      ...NO_TOKEN,
      'client-id': SP.clientId,
      'client-secret': 'wrong-secret-123'
    })
    expect(theError(main)).toMatch(/invalid_client: Client authentication failed/)
    const printed = main.rawLog.replace(/^::add-mask::.*$/gm, '')
    expect(printed).not.toContain('wrong-secret-123')
    expect(printed).not.toContain('grant_type')
  })

  it('a federation policy that does not match the subject says so', async () => {
    const subject = w.github.subject
    w.github.subject = 'repo:octo-org/octo-repo:pull_request'
    try {
      const { main } = await job(emu, { ...NO_TOKEN, 'client-id': FED_SP }, { env: w.github.env() })
      expect(theError(main)).toMatch(
        /invalid_grant: No federation policy of service principal sp-federated-9e8d matches subject repo:octo-org\/octo-repo:pull_request/
      )
    } finally {
      w.github.subject = subject
    }
  })

  it('az not signed in: its own words', async () => {
    const main = await step(emu, {
      entry: 'main',
      inputs: { host: emu.url, 'cluster-id': emu.clusterId, ...NO_TOKEN, 'auth-type': 'azure-cli' },
      env: { PATH: `/nonexistent-dir` }
    })
    expect(theError(main)).toMatch(/Azure CLI \(az\) is not on PATH.*azure\/login/)
  })
})
