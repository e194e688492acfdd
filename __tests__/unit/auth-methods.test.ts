import { describe, expect, it } from '@jest/globals'
import { Secrets } from '../../src/common/secrets.js'
import { Deadline } from '../../src/common/time.js'
import { DatabricksApi } from '../../src/databricks/api.js'
import {
  azureCli,
  expiryOf,
  ProgramMissingError,
  runProgram
} from '../../src/databricks/auth/azure-cli.js'
import { azureClientSecret, githubOidcAzure } from '../../src/databricks/auth/azure.js'
import { githubOidc, oauthM2M } from '../../src/databricks/auth/databricks-oauth.js'
import { TokenAuth } from '../../src/databricks/auth/static.js'
import type { TokenClient } from '../../src/databricks/auth/token-endpoint.js'
import { TransportError, type HttpRequest } from '../../src/databricks/transport.js'
import { withSignInAdvice } from '../../src/runner/credentials.js'
import { githubIdTokens } from '../../src/runner/id-token.js'
import { FakeTime, FakeTransport, MemoryLogger, json } from '../support/fakes.js'

const HOST = 'https://dbc-1.cloud.databricks.com'
const TOKEN_URL = `${HOST}/oidc/v1/token`

function client() {
  const time = new FakeTime()
  const transport = new FakeTransport()
  const secrets = new Secrets()
  const logger = new MemoryLogger()
  const c: TokenClient = {
    transport,
    clock: time.clock,
    sleep: time.sleep,
    logger,
    secrets,
    requestTimeoutMs: 5000,
    random: () => 0.5
  }
  const call = () => ({ deadline: Deadline.after(time.clock, 3_600_000, '1h') })
  return { time, transport, secrets, logger, c, call }
}

/** The usual discovery: host metadata names {host}/oidc. */
function discovery(t: FakeTransport): void {
  t.always('GET /.well-known/databricks-config', json({ oidc_endpoint: `${HOST}/oidc` }))
  t.always('GET /oidc/.well-known/oauth-authorization-server', json({ token_endpoint: TOKEN_URL }))
}

const form = (r: HttpRequest | undefined) =>
  Object.fromEntries(new URLSearchParams(String(r?.body)))

describe('oauth-m2m', () => {
  it('sends id and secret URL-encoded as Basic, client_credentials with scope all-apis', async () => {
    const { transport, secrets, c, call } = client()
    discovery(transport)
    transport.always(
      'POST /oidc/v1/token',
      json({ access_token: 'dose-minted-1', token_type: 'Bearer', expires_in: 3600 })
    )
    const auth = oauthM2M(c, { host: HOST, clientId: 'sp id', clientSecret: 'a:b/c+d%' })
    expect(await auth.headers(call())).toEqual({ Authorization: 'Bearer dose-minted-1' })
    const req = transport.calls('POST /oidc/v1/token')[0]
    const basic = Buffer.from('sp%20id:a%3Ab%2Fc%2Bd%25').toString('base64')
    expect(req?.headers.Authorization).toBe(`Basic ${basic}`)
    expect(form(req)).toEqual({ grant_type: 'client_credentials', scope: 'all-apis' })
    expect(secrets.list()).toEqual(
      expect.arrayContaining([
        'a:b/c+d%',
        basic,
        `Basic ${basic}`,
        'dose-minted-1',
        'Bearer dose-minted-1'
      ])
    )
  })

  it('falls back to {host}/oidc when host metadata fails, and reads expires_in as a string', async () => {
    const { transport, c, call } = client()
    transport.always('GET /.well-known/databricks-config', json({ error_code: 'NOT_FOUND' }, 404))
    transport.always(
      'GET /oidc/.well-known/oauth-authorization-server',
      json({ token_endpoint: TOKEN_URL })
    )
    transport.always('POST /oidc/v1/token', json({ access_token: 'tok', expires_in: '1800' }))
    const auth = oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' })
    await auth.headers(call())
    expect(transport.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      `GET ${HOST}/.well-known/databricks-config`,
      `GET ${HOST}/oidc/.well-known/oauth-authorization-server`,
      `POST ${TOKEN_URL}`
    ])
  })

  it('substitutes the account id in an account-rooted OIDC endpoint', async () => {
    const { transport, c, call } = client()
    transport.always(
      'GET /.well-known/databricks-config',
      json({ oidc_endpoint: `${HOST}/oidc/accounts/{account_id}`, account_id: 'acc-1' })
    )
    transport.always(
      'GET /oidc/accounts/acc-1/.well-known/oauth-authorization-server',
      json({ token_endpoint: `${HOST}/oidc/accounts/acc-1/v1/token` })
    )
    transport.always(
      'POST /oidc/accounts/acc-1/v1/token',
      json({ access_token: 'tok', expires_in: 3600 })
    )
    await oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }).headers(call())
  })

  it('says OAuth is not supported when discovery answers 404', async () => {
    const { transport, c, call } = client()
    transport.always('GET /.well-known/databricks-config', json({}, 404))
    transport.always('GET /oidc/.well-known/oauth-authorization-server', json({}, 404))
    await expect(
      oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }).headers(call())
    ).rejects.toThrow(/^Databricks OAuth is not supported for this host/)
  })
})

describe('token endpoint calls', () => {
  it('retry 429 (after Retry-After), 5xx and network errors', async () => {
    const { time, transport, c, call } = client()
    discovery(transport)
    transport.queue(
      'POST /oidc/v1/token',
      json({ error: 'rate_limited' }, 429, { 'retry-after': '7' }),
      json({ error: 'temporarily_unavailable' }, 503),
      new TransportError('socket hang up', 'ECONNRESET'),
      json({ access_token: 'tok', expires_in: 3600 })
    )
    await oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }).headers(call())
    expect(transport.calls('POST /oidc/v1/token')).toHaveLength(4)
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(7000)
  })

  it.each([400, 401, 403])(
    'never retry HTTP %d; show only error and error_description',
    async status => {
      const { transport, c, call } = client()
      discovery(transport)
      transport.always(
        'POST /oidc/v1/token',
        json(
          {
            error: 'invalid_client',
            error_description: 'Client authentication failed',
            echo: 'client_secret=s3cret'
          },
          status
        )
      )
      const err = await oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' })
        .headers(call())
        .catch((e: unknown) => e)
      expect(transport.calls('POST /oidc/v1/token')).toHaveLength(1)
      expect(String(err)).toMatch(
        new RegExp(
          `OAuth client credentials for c failed: ${TOKEN_URL} answered HTTP ${status} invalid_client: Client authentication failed$`
        )
      )
      expect(String(err)).not.toContain('s3cret')
    }
  )

  it('an answer without access_token or expires_in is an error', async () => {
    const { transport, c, call } = client()
    discovery(transport)
    transport.queue('POST /oidc/v1/token', json({ access_token: 'tok', expires_in: 'soon' }))
    await expect(
      oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }).headers(call())
    ).rejects.toThrow(/without a valid expires_in \("soon"\)/)
  })
})

describe('github-oidc', () => {
  it('a fresh ID token for every exchange, for the token endpoint URL by default', async () => {
    const { time, transport, secrets, c, call } = client()
    discovery(transport)
    transport.always(
      'POST /oidc/v1/token',
      json({ access_token: `tok${Math.random()}`, expires_in: 600 })
    )
    const asked: string[] = []
    let n = 0
    const auth = githubOidc(c, {
      host: HOST,
      clientId: 'sp-1',
      idToken: async aud => {
        asked.push(aud)
        return `eyJ.id-token-${++n}.sig`
      }
    })
    await auth.headers(call())
    time.now += 6 * 60_000
    await auth.headers(call())
    expect(asked).toEqual([TOKEN_URL, TOKEN_URL])
    const forms = transport.calls('POST /oidc/v1/token').map(form)
    expect(forms).toEqual(
      [1, 2].map(i => ({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: `eyJ.id-token-${i}.sig`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        scope: 'all-apis',
        client_id: 'sp-1'
      }))
    )
    expect(transport.calls('POST /oidc/v1/token')[0]?.headers.Authorization).toBeUndefined()
    expect(secrets.list()).toEqual(
      expect.arrayContaining(['eyJ.id-token-1.sig', 'eyJ.id-token-2.sig'])
    )
  })

  it('account-wide without client_id, with the configured audience', async () => {
    const { transport, c, call } = client()
    discovery(transport)
    transport.always('POST /oidc/v1/token', json({ access_token: 'tok', expires_in: 600 }))
    const asked: string[] = []
    await githubOidc(c, {
      host: HOST,
      audience: 'my-aud',
      idToken: async a => (asked.push(a), 'eyJ.x.y')
    }).headers(call())
    expect(asked).toEqual(['my-aud'])
    expect(form(transport.calls('POST /oidc/v1/token')[0]).client_id).toBeUndefined()
  })
})

describe('Azure Entra ID', () => {
  const cloud = {
    login: 'https://login.example',
    management: 'https://management.core.windows.net/'
  }
  const ENTRA = '/tenant-1/oauth2/v2.0/token'

  it('azure-client-secret: Databricks and management tokens, resource id header', async () => {
    const { transport, secrets, c, call } = client()
    transport.always(`POST ${ENTRA}`, req =>
      json({ access_token: `entra-${form(req).scope}`, expires_in: 3599 })
    )
    const auth = azureClientSecret(c, {
      host: HOST,
      cloud,
      tenantId: 'tenant-1',
      clientId: 'app-1',
      clientSecret: 'az-s3cret',
      workspaceResourceId: '/subscriptions/1/ws'
    })
    expect(await auth.headers(call())).toEqual({
      Authorization: 'Bearer entra-2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default',
      'X-Databricks-Azure-SP-Management-Token':
        'entra-https://management.core.windows.net//.default',
      'X-Databricks-Azure-Workspace-Resource-Id': '/subscriptions/1/ws'
    })
    expect(transport.requests[0]?.url).toBe(`https://login.example${ENTRA}`)
    expect(form(transport.requests[0])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app-1',
      scope: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default',
      client_secret: 'az-s3cret'
    })
    expect(secrets.list()).toEqual(
      expect.arrayContaining(['az-s3cret', 'entra-https://management.core.windows.net//.default'])
    )
  })

  it('signs in without the management token when Entra refuses it', async () => {
    const { transport, c, call } = client()
    transport.always(`POST ${ENTRA}`, req =>
      form(req).scope?.startsWith('https://management')
        ? json({ error: 'invalid_resource', error_description: 'AADSTS500011' }, 400)
        : json({ access_token: 'entra-db', expires_in: '3599' })
    )
    const auth = azureClientSecret(c, {
      host: HOST,
      cloud,
      tenantId: 'tenant-1',
      clientId: 'a',
      clientSecret: 'az-s3cret'
    })
    expect(await auth.headers(call())).toEqual({ Authorization: 'Bearer entra-db' })
  })

  it('github-oidc-azure: a fresh assertion for api://AzureADTokenExchange at every renewal', async () => {
    const { time, transport, c, call } = client()
    transport.always(`POST ${ENTRA}`, json({ access_token: 'entra', expires_in: 3599 }))
    const asked: string[] = []
    let n = 0
    const auth = githubOidcAzure(c, {
      host: HOST,
      cloud,
      tenantId: 'tenant-1',
      clientId: 'app-2',
      idToken: async aud => (asked.push(aud), `eyJ.assertion-${++n}.sig`)
    })
    await auth.headers(call())
    time.now += 45 * 60_000
    await auth.headers(call())
    expect(asked).toEqual(['api://AzureADTokenExchange', 'api://AzureADTokenExchange'])
    const assertions = transport.requests.map(r => form(r).client_assertion)
    expect(assertions).toEqual([
      'eyJ.assertion-1.sig',
      'eyJ.assertion-1.sig',
      'eyJ.assertion-2.sig',
      'eyJ.assertion-2.sig'
    ])
    expect(form(transport.requests[0]).client_assertion_type).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    )
  })
})

describe('azure-cli', () => {
  it('runs az account get-access-token for the AzureDatabricks resource and renews when due', async () => {
    const { time, c, call, secrets } = client()
    const runs: string[][] = []
    const auth = azureCli(c, {
      run: async (file, args) => {
        runs.push([file, ...args])
        return JSON.stringify({
          accessToken: `az-tok-${runs.length}`,
          expires_on: Math.floor(time.now / 1000) + 3600
        })
      }
    })
    expect((await auth.headers(call())).Authorization).toBe('Bearer az-tok-1')
    time.now += 30 * 60_000
    expect((await auth.headers(call())).Authorization).toBe('Bearer az-tok-1')
    time.now += 11 * 60_000
    expect((await auth.headers(call())).Authorization).toBe('Bearer az-tok-2')
    expect(runs[0]).toEqual([
      'az',
      'account',
      'get-access-token',
      '--resource',
      '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d',
      '--output',
      'json'
    ])
    expect(secrets.list()).toContain('az-tok-2')
  })

  it("says az is missing in the client's own words; the runner adds how a job signs in", async () => {
    const o = { timeoutMs: 5000 }
    const missing = '/nonexistent-dir/az'
    const plain = await runProgram(missing, ['version'], o).catch((e: unknown) => e)
    expect(plain).toBeInstanceOf(ProgramMissingError)
    expect((plain as Error).message).toBe('the Azure CLI (/nonexistent-dir/az) is not on PATH')
    const advised = await withSignInAdvice(runProgram)(missing, ['version'], o).catch(
      (e: unknown) => e
    )
    expect((advised as Error).message).toBe(
      'the Azure CLI (/nonexistent-dir/az) is not on PATH: install it, or sign in with the azure/login action in an earlier step of the job (GitHub-hosted runners have az installed)'
    )
    // Other failures are the program's own words, unchanged.
    const other = new Error('az failed (exit 1): Please run az login')
    await expect(withSignInAdvice(() => Promise.reject(other))('az', [], o)).rejects.toBe(other)
  })

  it('reads the older expiresOn (local time) when expires_on is missing', () => {
    expect(expiryOf({ expiresOn: '2030-01-02 03:04:05.000000' })).toBe(
      new Date(2030, 0, 2, 3, 4, 5).getTime()
    )
    expect(expiryOf({ expires_on: '1900000000' })).toBe(1_900_000_000_000)
    expect(expiryOf({})).toBeUndefined()
  })
})

describe('a 401 from the API', () => {
  function api(
    auth: ConstructorParameters<typeof DatabricksApi>[0]['auth'],
    t: FakeTransport,
    time: FakeTime
  ) {
    return new DatabricksApi({
      host: HOST,
      auth,
      transport: t,
      sleep: time.sleep,
      logger: new MemoryLogger(),
      secrets: new Secrets(),
      requestTimeoutMs: 5000
    })
  }
  const expired = json({ error_code: 401, message: 'Token is expired.' }, 401)

  it('renews the token once and repeats a call that is safe to repeat', async () => {
    const { time, transport, c, call } = client()
    discovery(transport)
    let n = 0
    transport.always('POST /oidc/v1/token', () =>
      json({ access_token: `tok-${++n}`, expires_in: 3600 })
    )
    transport.queue('GET /api/2.0/clusters/get', expired, json({ state: 'RUNNING' }))
    const out = await api(
      oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }),
      transport,
      time
    ).get('/api/2.0/clusters/get', {}, call())
    expect(out).toEqual({ state: 'RUNNING' })
    expect(transport.calls('GET /api/2.0/clusters/get').map(r => r.headers.Authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2'
    ])
  })

  it('does not repeat a create, nor renew a personal access token', async () => {
    const { time, transport, c, call } = client()
    discovery(transport)
    transport.always('POST /oidc/v1/token', json({ access_token: 'tok', expires_in: 3600 }))
    transport.always('POST /api/1.2/contexts/create', expired)
    transport.always('GET /api/2.0/clusters/get', expired)
    const m2m = api(
      oauthM2M(c, { host: HOST, clientId: 'c', clientSecret: 's3cret' }),
      transport,
      time
    )
    await expect(
      m2m.post('/api/1.2/contexts/create', { contentType: 'application/json', data: '{}' }, call())
    ).rejects.toThrow('HTTP 401')
    expect(transport.calls('POST /api/1.2/contexts/create')).toHaveLength(1)
    const pat = api(new TokenAuth('dapi-x', new Secrets()), transport, time)
    await expect(pat.get('/api/2.0/clusters/get', {}, call())).rejects.toThrow('HTTP 401')
    expect(transport.calls('GET /api/2.0/clusters/get')).toHaveLength(1)
  })
})

describe("GitHub's ID-token service", () => {
  it('asks with the request token for an audience, retries a 500, and registers both tokens', async () => {
    const { time, transport, secrets, call } = client()
    transport.queue(
      'GET /_apis/token',
      json({ message: 'busy' }, 500),
      json({ value: 'eyJ.gh.sig' })
    )
    const idToken = githubIdTokens({
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.example/_apis/token?api-version=2.0',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token-123'
      },
      transport,
      sleep: time.sleep,
      logger: new MemoryLogger(),
      secrets,
      requestTimeoutMs: 5000
    })
    expect(await idToken('api://AzureADTokenExchange', call())).toBe('eyJ.gh.sig')
    const req = transport.requests[1]
    expect(req?.url).toBe(
      'https://pipelines.example/_apis/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange'
    )
    expect(req?.headers.Authorization).toBe('Bearer req-token-123')
    expect(secrets.list()).toEqual(expect.arrayContaining(['req-token-123', 'eyJ.gh.sig']))
  })
})
