import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/emulator.js'
import { AZURE_DATABRICKS_APP } from '../../emulator/oauth.js'
import { EntraId } from '../../harness/entra.js'
import { GitHubIdTokens } from '../../harness/github-id-tokens.js'

/** The identities every auth test uses, with secrets recognisable in any text. */
export const SP = { clientId: 'sp-0a1b2c3d', secret: 'dose-SECRET-m2m-7f6e5d4c3b2a' }
export const FED_SP = 'sp-federated-9e8d'
export const AZ_SP = { clientId: 'az-app-5d6e7f', secret: 'azSECRET~entra-1a2b3c4d5e' }
export const AZ_FED_APP = 'az-app-federated-42'
export const AZ_CLI_APP = 'az-cli-user-77'
export const SUBJECT = 'repo:octo-org/octo-repo:ref:refs/heads/main'

/** GitHub's ID-token service and Entra ID next to the emulator, all trusting each other. */
export interface AuthWorld {
  github: GitHubIdTokens
  entra: EntraId
  /** A directory with a fake `az` to put first on PATH, and its call log. */
  azDir: string
  azLog: string
  stop(): Promise<void>
}

export async function startAuthWorld(emu: Emulator): Promise<AuthWorld> {
  const github = await GitHubIdTokens.start(emu.tls, { subject: SUBJECT })
  const entra = await EntraId.start(emu.tls, [
    AZ_SP,
    { clientId: AZ_FED_APP, federated: { issuer: github.issuer, subject: SUBJECT } }
  ])
  emu.oauth.config = {
    servicePrincipals: [SP],
    federationPolicies: [
      {
        issuer: github.issuer,
        subject: SUBJECT,
        audiences: [`${emu.url}/oidc/v1/token`],
        clientId: FED_SP
      },
      { issuer: github.issuer, subject: SUBJECT, audiences: ['https://github.com/octo-org'] }
    ],
    // AZ_SP is not a workspace user yet: it signs in with its management token.
    entra: { issuer: entra.issuer, workspaceUsers: [AZ_FED_APP, AZ_CLI_APP] }
  }
  const azDir = mkdtempSync(join(tmpdir(), 'fake-az-'))
  const azLog = join(azDir, 'calls.log')
  writeFileSync(
    join(azDir, 'az'),
    `#!/bin/sh\necho "$@" >> "${azLog}"\nif [ -f "${azDir}/fail" ]; then cat "${azDir}/fail" >&2; exit 1; fi\ncat "${azDir}/token.json"\n`
  )
  chmodSync(join(azDir, 'az'), 0o755)
  return {
    github,
    entra,
    azDir,
    azLog,
    stop: async () => {
      await github.stop()
      await entra.stop()
    }
  }
}

/** What `az account get-access-token` prints, with a token from Entra (as after azure/login). */
export function signInAz(w: AuthWorld, lifetimeSeconds = 3600): string {
  const token = w.entra.issue(AZ_CLI_APP, AZURE_DATABRICKS_APP, lifetimeSeconds)
  const expires = Math.floor(Date.now() / 1000) + lifetimeSeconds
  writeFileSync(
    join(w.azDir, 'token.json'),
    JSON.stringify({
      accessToken: token,
      expiresOn: new Date(expires * 1000).toISOString().replace('T', ' ').replace('Z', ''),
      expires_on: expires,
      subscription: '00000000-0000-0000-0000-000000000000',
      tenant: w.entra.tenant,
      tokenType: 'Bearer'
    })
  )
  return token
}

export function azCalls(w: AuthWorld): string[] {
  return existsSync(w.azLog) ? readFileSync(w.azLog, 'utf8').trim().split('\n').filter(Boolean) : []
}
