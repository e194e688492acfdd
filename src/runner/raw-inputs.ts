import * as core from '@actions/core'
import { CREDENTIAL_INPUTS, type CredentialInputs } from './auth-settings.js'

/**
 * Every input the step reads besides the credentials (CREDENTIAL_INPUTS in auth-settings.ts):
 * its name in action.yml and its default there. A test checks that action.yml declares exactly
 * these and the credential inputs, with these defaults; the code falls back to the same ones.
 */
export const INPUTS = {
  host: { name: 'host' },
  clusterId: { name: 'cluster-id' },
  language: { name: 'language' },
  command: { name: 'command' },
  file: { name: 'file' },
  timeout: { name: 'timeout', default: '30m' },
  failOnError: { name: 'fail-on-error', default: 'true' },
  startCluster: { name: 'start-cluster', default: 'false' },
  requestTimeout: { name: 'request-timeout', default: '30s' },
  commentOnPr: { name: 'comment-on-pr', default: 'false' },
  // The runner fills this default in; the code never falls back to it.
  githubToken: { name: 'github-token', default: '${{ github.token }}' },
  clusterName: { name: 'cluster-name' },
  contextId: { name: 'context-id' },
  parameters: { name: 'parameters' },
  terminateCluster: { name: 'terminate-cluster', default: 'never' }
} as const satisfies Record<string, { name: string; default?: string }>

export type InputKey = keyof typeof INPUTS

/** The inputs exactly as the workflow gave them (trimmed, '' when absent). */
export type RawInputs = Record<InputKey, string> & {
  /** auth-type and every credential input. */
  credentials: CredentialInputs
}

/** Every input's action.yml name and default, credentials included: what action.yml declares. */
export function declaredInputs(): { name: string; default?: string }[] {
  return [
    ...Object.values(INPUTS).map(i => ('default' in i ? { ...i } : { name: i.name })),
    ...Object.values(CREDENTIAL_INPUTS).map(name => ({ name }))
  ]
}

/** Reads every input once, through @actions/core. */
export function readRawInputs(get: (name: string) => string = n => core.getInput(n)): RawInputs {
  const raw = { credentials: readCredentialInputs(get) } as RawInputs
  for (const key of Object.keys(INPUTS) as InputKey[]) raw[key] = get(INPUTS[key].name)
  return raw
}

/** Reads the credential inputs (auth-type, token, client-id, ...) by their action.yml names. */
export function readCredentialInputs(get: (name: string) => string): CredentialInputs {
  const out = {} as CredentialInputs
  for (const [k, name] of Object.entries(CREDENTIAL_INPUTS))
    out[k as keyof CredentialInputs] = get(name)
  return out
}

/** The inputs action.yml gives a default. */
export type DefaultedKey = {
  [K in InputKey]: (typeof INPUTS)[K] extends { default: string } ? K : never
}[InputKey]

/** An input's value, or its action.yml default when the workflow left it empty. */
export function orDefault(raw: RawInputs, key: DefaultedKey): string {
  return raw[key] || INPUTS[key].default
}
