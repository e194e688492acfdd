import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { AZURE_DATABRICKS_APP } from '../../emulator/oauth.js'
import { step, useEmulator, type Emulator } from '../support/e2e.js'
import {
  AZ_FED_APP,
  AZ_SP,
  FED_SP,
  SP,
  startAuthWorld,
  type AuthWorld
} from '../support/auth-servers.js'

/**
 * The long test (its own file, so CI can run it alongside the rest): a command that runs
 * 3 minutes while every token lives 20 seconds, for the three methods at once.
 */
const RUN_SECONDS = 180
const TOKEN_SECONDS = 20

let emu: Emulator
let w: AuthWorld
useEmulator(e => (emu = e), { checkNothingLeft: true })
beforeAll(async () => {
  w = await startAuthWorld(emu)
  emu.oauth.config.tokenLifetimeSeconds = TOKEN_SECONDS
  w.entra.lifetimeSeconds = TOKEN_SECONDS
  // GitHub's ID tokens live 5 minutes; here 15 s, so an ID token or assertion used twice
  // across renewals would be refused: every renewal needs a fresh one.
  w.github.lifetimeSeconds = 15
})
afterAll(() => w.stop())

it(
  `a ${RUN_SECONDS}-second command outlives ${TOKEN_SECONDS}-second tokens: oauth-m2m, github-oidc, azure-client-secret, github-oidc-azure`,
  async () => {
    const command = `import time\ntime.sleep(${RUN_SECONDS})\nprint("survived")`
    const base = { host: emu.url, 'cluster-id': emu.clusterId, token: '', command, timeout: '6m' }
    const methods: [string, Record<string, string>, Record<string, string>][] = [
      ['oauth-m2m', { 'client-id': SP.clientId, 'client-secret': SP.secret }, {}],
      ['github-oidc', { 'client-id': FED_SP }, w.github.env()],
      [
        'azure-client-secret',
        {
          'azure-client-id': AZ_SP.clientId,
          'azure-client-secret': AZ_SP.secret,
          'azure-tenant-id': w.entra.tenant
        },
        { AZURE_AUTHORITY_HOST: w.entra.url }
      ],
      [
        'github-oidc-azure',
        { 'azure-client-id': AZ_FED_APP, 'azure-tenant-id': w.entra.tenant },
        { AZURE_AUTHORITY_HOST: w.entra.url, ...w.github.env() }
      ]
    ]
    const mains = await Promise.all(
      methods.map(([, inputs, env]) =>
        step(emu, {
          entry: 'main',
          inputs: { ...base, ...inputs },
          env,
          killAfterMs: (RUN_SECONDS + 120) * 1000
        })
      )
    )
    const minted = {
      'oauth-m2m': emu.oauth.mints.filter(m => m.principal === SP.clientId).length,
      'github-oidc': emu.oauth.mints.filter(m => m.principal === FED_SP).length,
      'azure-client-secret': w.entra.issued.filter(
        i => i.clientId === AZ_SP.clientId && i.resource === AZURE_DATABRICKS_APP
      ).length,
      'github-oidc-azure': w.entra.issued.filter(
        i => i.clientId === AZ_FED_APP && i.resource === AZURE_DATABRICKS_APP
      ).length
    }
    const posts = await Promise.all(
      methods.map(([, inputs, env], i) =>
        step(emu, {
          entry: 'post',
          inputs: { ...base, ...inputs },
          env,
          state: mains[i]?.state ?? {}
        })
      )
    )
    methods.forEach(([authType], i) => {
      const main = mains[i]
      expect({
        authType,
        exit: main?.exitCode,
        errors: main?.errors,
        status: main?.outputs.status
      }).toEqual({
        authType,
        exit: 0,
        errors: [],
        status: 'Finished'
      })
      expect(main?.outputs.result?.trim()).toBe('survived')
      expect(main?.outputs['auth-type']).toBe(authType)
      expect(posts[i]?.log).toContain('Destroyed execution context')
    })
    // No request was refused for an expired token: every answer was a success.
    expect(emu.calls.filter(c => c.status === 401 || c.status === 403)).toEqual([])
    const renewals = Object.fromEntries(Object.entries(minted).map(([k, n]) => [k, n - 1]))
    // At least one renewal per token lifetime, and far fewer than one per request.
    for (const n of Object.values(renewals)) {
      expect(n).toBeGreaterThanOrEqual(RUN_SECONDS / TOKEN_SECONDS - 1)
      expect(n).toBeLessThan(RUN_SECONDS)
    }
    process.stdout.write(
      `renewals in ${RUN_SECONDS} s with ${TOKEN_SECONDS}-s tokens: ${JSON.stringify(renewals)}\n`
    )
  },
  (RUN_SECONDS + 180) * 1000
)
