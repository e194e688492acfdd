import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Emulator, env, useEmulator } from '../support/e2e.js'
import { runJob, type StepOptions, type StepResult } from '../../harness/runner.js'
import { htmlError } from '../../emulator/faults.js'
import {
  AZ_FED_APP,
  AZ_SP,
  FED_SP,
  SP,
  signInAz,
  startAuthWorld,
  type AuthWorld
} from '../support/auth-servers.js'

const TOKEN = 'dapiSECRETtoken0123456789abcdef'
const USER = 'robot@example.com'
const PASSWORD = 'pw-SECRET-9f8e7d!'
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64')
/** Every secret and every value derived from one. */
const SECRETS = [TOKEN, PASSWORD, BASIC, `Basic ${BASIC}`, `Bearer ${TOKEN}`]

let emu: Emulator
let w: AuthWorld
useEmulator(e => (emu = e), { token: TOKEN, username: USER, password: PASSWORD })
beforeAll(async () => {
  w = await startAuthWorld(emu)
})
afterAll(() => w.stop())

type Scenario = [string, Record<string, string>, Partial<StepOptions> & { setup?: () => void }]
const basic = { token: '', username: USER, password: PASSWORD }
const SCENARIOS: Scenario[] = [
  ['success with a token', { command: 'print("ok")' }, {}],
  ['success with Basic', { ...basic, command: 'print("ok")' }, {}],
  ['token from the environment', { token: '', command: '1' }, { env: { DATABRICKS_TOKEN: TOKEN } }],
  ['error result', { command: '1/0' }, {}],
  ['error result with Basic', { ...basic, command: 'raise RuntimeError("x")' }, {}],
  ['timeout and cancel', { command: 'import time\ntime.sleep(30)', timeout: '2s' }, {}],
  [
    'job cancelled',
    { command: 'import time\ntime.sleep(30)' },
    { cancel: { whenLog: /Started command/ } }
  ],
  [
    'token expiring mid-run',
    { command: 'import time\ntime.sleep(30)' },
    { setup: () => emu.faults.set({ tokenExpiresAfterCalls: 4 }) }
  ],
  ['Basic refused', { token: '', username: USER, password: 'wrong-password', command: '1' }, {}],
  ['bad input alongside a token', { language: 'cobol' }, {}],
  ['bad input alongside Basic', { ...basic, timeout: 'never' }, {}],
  ['two kinds of credentials', { username: USER, password: PASSWORD }, {}],
  [
    'transient faults',
    { command: '1' },
    {
      setup: () =>
        emu.faults.set({
          rules: [
            { path: '/api/1.2/commands/status', status: 503, body: htmlError(503) },
            { path: '/api/2.0/clusters/get', status: 429 }
          ]
        })
    }
  ],
  [
    'create failing with HTML',
    { command: '1' },
    {
      setup: () =>
        emu.faults.set({
          rules: [{ path: '/api/1.2/contexts/create', status: 502, body: htmlError(502) }]
        })
    }
  ],
  [
    'destroy failing in post',
    { ...basic, command: '1' },
    {
      setup: () =>
        emu.faults.set({
          rules: [{ path: '/api/1.2/contexts/destroy', status: 503, times: 'always' }]
        })
    }
  ],
  [
    'step debug logging on',
    { ...basic, command: '1' },
    { env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } }
  ]
]

/** Every place a secret must not reach: the visible log, and outputs, state and summary at all. */
function places(r: StepResult): Record<string, string> {
  // The raw log, less the ::add-mask:: lines that register the secrets: proof nothing printed one.
  const printed = r.rawLog
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
  return {
    log: r.log,
    printed,
    outputs: JSON.stringify(r.outputs),
    state: JSON.stringify(r.state),
    summary: r.summary
  }
}

let checks = 0
/** None of `secrets` in any place of main or post. */
function expectNoLeak(main: StepResult, post: StepResult, secrets: string[]): void {
  for (const [step, r] of [
    ['main', main],
    ['post', post]
  ] as const) {
    for (const [place, text] of Object.entries(places(r))) {
      for (const secret of secrets) {
        checks++
        expect({ step, place, leaked: text.includes(secret) ? secret : '' }).toEqual({
          step,
          place,
          leaked: ''
        })
      }
    }
  }
}

describe('secrets never appear: not in the visible log, outputs, state or summary', () => {
  it.each(SCENARIOS)('%s', async (_name, inputs, o) => {
    o.setup?.()
    const { main, post } = await runJob({
      ...o,
      inputs: { host: emu.url, token: TOKEN, 'cluster-id': emu.clusterId, ...inputs },
      env: { ...env(emu), ...o.env }
    })
    expectNoLeak(main, post, SECRETS)
    // The secrets that were configured are registered for masking.
    const given = [inputs.token ?? TOKEN, inputs.password, o.env?.DATABRICKS_TOKEN].filter(Boolean)
    for (const s of given) expect(main.masks).toContain(s)
  })

  it('registers the derived Basic header as a secret before any request', async () => {
    const { main } = await runJob({
      inputs: { host: emu.url, 'cluster-id': emu.clusterId, ...basic, command: '1' },
      env: env(emu)
    })
    expect(main.exitCode).toBe(0)
    expect(main.masks).toEqual(expect.arrayContaining([PASSWORD, BASIC, `Basic ${BASIC}`]))
    const firstMask = main.rawLog.indexOf(`::add-mask::Basic ${BASIC}`)
    expect(firstMask).toBeGreaterThanOrEqual(0)
    expect(firstMask).toBeLessThan(main.rawLog.indexOf('Running inline command'))
  })

  /** Every credential the OAuth methods hold or mint, as they exist after the run. */
  function oauthSecrets(): string[] {
    const m2mBasic = Buffer.from(`${SP.clientId}:${encodeURIComponent(SP.secret)}`).toString(
      'base64'
    )
    return [
      SP.secret,
      m2mBasic,
      AZ_SP.secret,
      w.github.requestToken,
      ...emu.oauth.mints.map(m => m.token),
      ...w.github.issued.map(i => i.token),
      ...w.entra.issued.map(i => i.token)
    ]
  }

  const azure = (): Record<string, string> => ({ AZURE_AUTHORITY_HOST: w.entra.url })
  const OAUTH_SCENARIOS: [
    string,
    /** Inputs, read when the test runs (the servers exist by then). */
    Record<string, string | (() => string)>,
    () => Record<string, string>,
    { fails?: boolean }
  ][] = [
    ['oauth-m2m', { 'client-id': SP.clientId, 'client-secret': SP.secret }, () => ({}), {}],
    [
      'oauth-m2m refused (wrong secret)',
      { 'client-id': SP.clientId, 'client-secret': `${SP.secret}-old` },
      () => ({}),
      { fails: true }
    ],
    [
      'oauth-m2m with step debug logging on',
      { 'client-id': SP.clientId },
      () => ({
        DATABRICKS_CLIENT_SECRET: SP.secret,
        ACTIONS_STEP_DEBUG: 'true',
        RUNNER_DEBUG: '1'
      }),
      {}
    ],
    [
      'github-oidc (ID tokens, exchanged tokens)',
      { 'client-id': FED_SP },
      () => w.github.env(),
      {}
    ],
    [
      'azure-client-secret (Entra and management tokens)',
      {
        'azure-client-id': AZ_SP.clientId,
        'azure-client-secret': AZ_SP.secret,
        'azure-tenant-id': () => w.entra.tenant
      },
      azure,
      {}
    ],
    [
      'github-oidc-azure (assertions)',
      { 'azure-client-id': AZ_FED_APP, 'azure-tenant-id': () => w.entra.tenant },
      () => ({ ...azure(), ...w.github.env(), ACTIONS_STEP_DEBUG: 'true' }),
      {}
    ],
    [
      'azure-cli',
      { 'auth-type': 'azure-cli' },
      () => (signInAz(w), { PATH: `${w.azDir}:${process.env.PATH ?? ''}` }),
      {}
    ]
  ]

  const minted = (): string[] => [
    ...emu.oauth.mints.map(m => m.token),
    ...w.github.issued.map(i => i.token),
    ...w.entra.issued.map(i => i.token)
  ]

  it.each(OAUTH_SCENARIOS)('%s', async (_name, lazyInputs, extraEnv, o) => {
    const inputs = Object.fromEntries(
      Object.entries(lazyInputs).map(([k, v]) => [k, typeof v === 'function' ? v() : v])
    )
    const before = new Set(minted())
    const extra = extraEnv()
    const { main, post } = await runJob({
      inputs: {
        host: emu.url,
        'cluster-id': emu.clusterId,
        token: '',
        command: 'print(1)',
        ...inputs
      },
      env: { ...env(emu), ...extra }
    })
    expect(main.exitCode).toBe(o.fails ? 1 : 0)
    const given = [inputs['client-secret'], inputs['azure-client-secret']].filter(
      (v): v is string => !!v
    )
    const secrets = [...oauthSecrets(), ...given]
    for (const v of given) expect(main.masks).toContain(v)
    expectNoLeak(main, post, secrets)
    // Every token minted during the job was registered for masking by the step that got it.
    const masks = new Set([...main.masks, ...post.masks])
    const fresh = minted().filter(t => !before.has(t))
    if (!o.fails) expect(fresh.length).toBeGreaterThanOrEqual(1)
    for (const t of fresh) expect({ registered: masks.has(t) }).toEqual({ registered: true })
    for (const s of [SP.secret, AZ_SP.secret, w.github.requestToken])
      if (Object.values(inputs).includes(s) || Object.values(extra).includes(s))
        expect(main.masks).toContain(s)
  })

  afterAll(() => {
    // Reported in the issue note: how many secret checks ran.
    process.stdout.write(`secret checks: ${checks}\n`)
  })
})
