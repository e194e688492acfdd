import * as core from '@actions/core'
import { CREDENTIAL_INPUTS, type CredentialInputs } from './auth-settings.js'

/** The inputs exactly as the workflow gave them (trimmed, '' when absent). */
export interface RawInputs {
  host: string
  /** auth-type and every credential input. */
  credentials: CredentialInputs
  clusterId: string
  language: string
  command: string
  file: string
  timeout: string
  failOnError: string
  startCluster: string
  requestTimeout: string
  clusterName: string
  contextId: string
  parameters: string
  terminateCluster: string
}

/** Reads every input once, through @actions/core. */
export function readRawInputs(get: (name: string) => string = n => core.getInput(n)): RawInputs {
  return {
    host: get('host'),
    credentials: readCredentialInputs(get),
    clusterId: get('cluster-id'),
    language: get('language'),
    command: get('command'),
    file: get('file'),
    timeout: get('timeout'),
    failOnError: get('fail-on-error'),
    startCluster: get('start-cluster'),
    requestTimeout: get('request-timeout'),
    clusterName: get('cluster-name'),
    contextId: get('context-id'),
    parameters: get('parameters'),
    terminateCluster: get('terminate-cluster')
  }
}

/** Reads the credential inputs (auth-type, token, client-id, ...) by their action.yml names. */
export function readCredentialInputs(get: (name: string) => string): CredentialInputs {
  const out = {} as CredentialInputs
  for (const [k, name] of Object.entries(CREDENTIAL_INPUTS))
    out[k as keyof CredentialInputs] = get(name)
  return out
}
