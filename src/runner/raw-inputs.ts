import * as core from '@actions/core'

/** The inputs exactly as the workflow gave them (trimmed, '' when absent). */
export interface RawInputs {
  host: string
  token: string
  username: string
  password: string
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
    token: get('token'),
    username: get('username'),
    password: get('password'),
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
