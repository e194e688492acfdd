import { CREDENTIAL_INPUTS, type CredentialInputs } from '../../src/runner/auth-choice.js'
import type { RawInputs } from '../../src/runner/raw-inputs.js'

/** Every credential input empty, but for the ones given. */
export function noCredentials(over: Partial<CredentialInputs> = {}): CredentialInputs {
  const empty = Object.fromEntries(Object.keys(CREDENTIAL_INPUTS).map(k => [k, '']))
  return { ...(empty as unknown as CredentialInputs), ...over }
}

/** Valid inputs for a Python command on one cluster with a token; tests override fields. */
export const RAW_INPUTS: RawInputs = {
  host: 'https://adb-1.2.azuredatabricks.net',
  credentials: noCredentials({ token: 'dapi123' }),
  clusterId: '0123-456789-abcdefgh',
  language: '',
  command: 'print(1)',
  file: '',
  timeout: '',
  failOnError: '',
  startCluster: '',
  requestTimeout: '',
  commentOnPr: '',
  githubToken: 'ghs_token',
  clusterName: '',
  contextId: '',
  parameters: '',
  terminateCluster: ''
}
