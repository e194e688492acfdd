import * as core from '@actions/core'

/**
 * Every input the step reads: its name in action.yml and its default there. A test checks that
 * action.yml declares exactly these, with these defaults; the code falls back to the same ones.
 */
export const INPUTS = {
  host: { name: 'host' },
  token: { name: 'token' },
  username: { name: 'username' },
  password: { name: 'password' },
  clusterId: { name: 'cluster-id' },
  language: { name: 'language' },
  command: { name: 'command' },
  file: { name: 'file' },
  timeout: { name: 'timeout', default: '30m' },
  failOnError: { name: 'fail-on-error', default: 'true' },
  startCluster: { name: 'start-cluster', default: 'false' },
  requestTimeout: { name: 'request-timeout', default: '30s' }
} as const satisfies Record<string, { name: string; default?: string }>

export type InputKey = keyof typeof INPUTS

/** The inputs exactly as the workflow gave them (trimmed, '' when absent). */
export type RawInputs = Record<InputKey, string>

/** Reads every input once, through @actions/core. */
export function readRawInputs(get: (name: string) => string = n => core.getInput(n)): RawInputs {
  const raw = {} as RawInputs
  for (const key of Object.keys(INPUTS) as InputKey[]) raw[key] = get(INPUTS[key].name)
  return raw
}

/** The inputs action.yml gives a default. */
export type DefaultedKey = {
  [K in InputKey]: (typeof INPUTS)[K] extends { default: string } ? K : never
}[InputKey]

/** An input's value, or its action.yml default when the workflow left it empty. */
export function orDefault(raw: RawInputs, key: DefaultedKey): string {
  return raw[key] || INPUTS[key].default
}
