import * as core from '@actions/core'

/** What main hands to post. Saved the moment each value exists, so cleanup works after a failure. */
export interface SavedState {
  /** Workspace origin the context lives on. */
  host: string
  clusterId: string
  /** The context to destroy; '' when none was created. */
  contextId: string
  /** The command to cancel if it may still run; '' when none was started. */
  commandId: string
  /** True once the command reached a final state. */
  commandDone: boolean
  /** The context belongs to an earlier step (input context-id): post must not destroy it. */
  contextShared: boolean
  /** This step started the cluster (for terminate-cluster: if-started). */
  clusterStarted: boolean
  /** Main already terminated the cluster (a step that only manages it). */
  clusterTerminated: boolean
  /** True once main sent contexts/create, answered or not. */
  contextRequested: boolean
}

/** Saves which cluster the step works on, as soon as it is known (post may terminate it). */
export function saveCluster(host: string, clusterId: string): void {
  core.saveState('host', host)
  core.saveState('cluster-id', clusterId)
}

/** Saves an earlier step's context the command runs in: post cancels in it, never destroys it. */
export function saveSharedContext(contextId: string): void {
  core.saveState('context-id', contextId)
  core.saveState('context-shared', 'true')
}

/** Records that the service accepted this step's start of the cluster. */
export function saveClusterStarted(): void {
  core.saveState('cluster-started', 'true')
}

/** Records that main terminated the cluster, so post does not ask again. */
export function saveClusterTerminated(): void {
  core.saveState('cluster-terminated', 'true')
}

/**
 * Saved just before contexts/create is sent: if main is stopped before the answer, post can
 * say that a context may be left behind instead of "nothing to clean up".
 */
export function saveContextRequested(host: string, clusterId: string): void {
  core.saveState('host', host)
  core.saveState('cluster-id', clusterId)
  core.saveState('context-requested', 'true')
}

/** contexts/create failed and main reported it: post has nothing to add about it. */
export function clearContextRequested(): void {
  core.saveState('context-requested', 'false')
}

/** Saves where the context lives and its id; called right after contexts/create answers. */
export function saveContext(host: string, clusterId: string, contextId: string): void {
  core.saveState('host', host)
  core.saveState('cluster-id', clusterId)
  core.saveState('context-id', contextId)
}

/** Saves the running command's id, so post can cancel it if main dies. */
export function saveCommand(commandId: string): void {
  core.saveState('command-id', commandId)
  // A new command runs: whatever ended before it (the parameters' command) says nothing of it.
  core.saveState('command-done', 'false')
}

/** Records that the command ended, so post does not cancel it. */
export function saveCommandDone(): void {
  core.saveState('command-done', 'true')
}

/** Reads what main saved (post runs with it as STATE_* variables). */
export function readState(get: (name: string) => string = n => core.getState(n)): SavedState {
  return {
    host: get('host'),
    clusterId: get('cluster-id'),
    contextId: get('context-id'),
    commandId: get('command-id'),
    commandDone: get('command-done') === 'true',
    contextShared: get('context-shared') === 'true',
    clusterStarted: get('cluster-started') === 'true',
    clusterTerminated: get('cluster-terminated') === 'true',
    contextRequested: get('context-requested') === 'true'
  }
}
