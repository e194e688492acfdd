import * as core from '@actions/core'
import { byteLength, cutToBytes } from '../common/text.js'
import type { RunOutcome } from '../flow/run-command.js'
import { tableToObjects, type CommandResult } from '../databricks/results.js'

/** GitHub keeps about 1 MB of outputs per job, shared by every step; leave room for others. */
export const MAX_RESULT_OUTPUT_BYTES = 256 * 1024

/** What Databricks prints in place of output past its per-command limit. */
const OUTPUT_SKIPPED = '*** WARNING: max output size exceeded, skipping output. ***'

/** The step's outputs, as action.yml declares them. */
export interface StepOutputs {
  status: string
  'result-type': string
  result: string
  truncated: 'true' | 'false'
  'context-id': string
  'command-id': string
  /** The cluster the step used (resolved from cluster-name when that was given). */
  'cluster-id'?: string
  /** The cluster's state when the step ended, as last seen. */
  'cluster-state'?: string
}

/** Renders a result as the `result` output, cut to fit; `cut` says whether anything was dropped. */
export function resultText(
  result: CommandResult,
  maxBytes: number
): { text: string; cut: boolean } {
  switch (result.type) {
    case 'text': {
      const text = cutToBytes(result.text, maxBytes)
      return { text, cut: text.length < result.text.length }
    }
    case 'table': {
      const objects = tableToObjects(result.columns, result.rows)
      // Drop whole rows rather than cut the JSON, so the output always parses.
      let keep = objects.length
      let text = JSON.stringify(objects)
      while (byteLength(text) > maxBytes && keep > 0) {
        keep = Math.floor(keep * Math.min(0.9, maxBytes / byteLength(text)))
        text = JSON.stringify(objects.slice(0, keep))
      }
      return { text, cut: keep < objects.length }
    }
    case 'error':
      return { text: cutToBytes(result.message, maxBytes), cut: false }
    case 'image':
      return { text: result.fileName, cut: false }
    case 'images':
      return { text: JSON.stringify(result.fileNames), cut: false }
    case 'none':
      return { text: '', cut: false }
  }
}

export function buildOutputs(outcome: RunOutcome, maxBytes = MAX_RESULT_OUTPUT_BYTES): StepOutputs {
  const { text, cut } = resultText(outcome.result, maxBytes)
  const r = outcome.result
  const serviceTruncated =
    (r.type === 'table' && r.truncated) || (r.type === 'text' && r.text.includes(OUTPUT_SKIPPED))
  return {
    status: outcome.status,
    'result-type': outcome.result.type === 'none' ? '' : outcome.result.type,
    result: text,
    truncated: cut || serviceTruncated ? 'true' : 'false',
    'context-id': outcome.contextId,
    'command-id': outcome.commandId,
    ...(outcome.clusterState ? { 'cluster-state': outcome.clusterState } : {})
  }
}

export function writeOutputs(outputs: Partial<StepOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}
