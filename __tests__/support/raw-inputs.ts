import type { RawInputs } from '../../src/runner/raw-inputs.js'

/** Valid inputs for a Python command on one cluster with a token; tests override fields. */
export const RAW_INPUTS: RawInputs = {
  host: 'https://adb-1.2.azuredatabricks.net',
  token: 'dapi123',
  username: '',
  password: '',
  clusterId: '0123-456789-abcdefgh',
  language: '',
  command: 'print(1)',
  file: '',
  timeout: '',
  failOnError: '',
  startCluster: '',
  requestTimeout: '',
  clusterName: '',
  contextId: '',
  parameters: '',
  terminateCluster: ''
}
