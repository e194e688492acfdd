import type { ClusterState } from '../databricks/clusters.js'
import * as core from '@actions/core'
import { stringifyJson } from '../common/exact-json.js'
import { byteLength, cutToBytes } from '../common/text.js'
import type { AuthType } from '../databricks/auth/types.js'
import type { FinalCommandStatus } from '../databricks/execution.js'
import { tableToObjects, type CommandResult } from '../databricks/results.js'
import type { SavedImages } from './images.js'

/**
 * The most any one output holds. A later step reads an output through `env:`, and Linux
 * refuses a single environment string over 128 KiB (MAX_ARG_STRLEN, `NAME=value` included:
 * E2BIG). 100 KiB leaves room for any variable name; GitHub keeps ~1 MB of outputs per job.
 */
export const MAX_OUTPUT_BYTES = 100 * 1024

/** How the step ended: the command's final status, or what stopped the step first. */
export type StepStatus = FinalCommandStatus | 'Timed out' | 'Failed'

/** Every output the step writes; action.yml declares exactly these (a test checks it). */
export const OUTPUT_NAMES = [
  'status',
  'result-type',
  'result',
  'truncated',
  'context-id',
  'command-id',
  'auth-type',
  'image-files',
  'result-file',
  'cluster-id',
  'cluster-state'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

/** The step's outputs, as action.yml declares them. */
export interface StepOutputs extends Record<OutputName, string> {
  status: StepStatus
  'result-type': CommandResult['type'] | ''
  truncated: 'true' | 'false'
  'auth-type': AuthType
  /** The cluster the step used (resolved from cluster-name when that was given). */
  'cluster-id': string
  /** The cluster's state when the step ended, as last seen. */
  'cluster-state': string
  /** JSON array of the image files saved under RUNNER_TEMP. */
  'image-files': string
  /** The path of the file that holds the whole result. */
  'result-file': string
}

/** What the outputs are made of: a run that reached its end. */
export interface FinishedRun {
  contextId: string
  commandId: string
  status: FinalCommandStatus
  result: CommandResult
  /** The cluster's state as last seen, when the run looked. */
  clusterState?: ClusterState
}

/** Renders a result as the `result` output, cut to fit; `cut` says whether anything was dropped. */
export function resultText(
  result: CommandResult,
  maxBytes: number,
  images?: SavedImages
): { text: string; cut: boolean } {
  switch (result.type) {
    case 'text':
      return cutText(result.text, maxBytes)
    case 'table':
      // Whole rows are dropped rather than the JSON cut, so the output always parses.
      return jsonArrayWithin(
        tableToObjects(result.columns, result.rows).map(stringifyJson),
        maxBytes
      )
    case 'error':
      return cutText(result.message, maxBytes)
    case 'image':
    case 'images': {
      // Where each image is, never the data URL itself: that can be megabytes.
      const where =
        images?.locations ??
        result.fileNames.map((n, i) => (n.startsWith('data:') ? `(image ${i + 1}, not saved)` : n))
      if (result.type === 'image' && where.length === 1) return cutText(where[0] ?? '', maxBytes)
      return jsonArrayWithin(
        where.map(n => JSON.stringify(n)),
        maxBytes
      )
    }
    case 'none':
      return { text: '', cut: false }
  }
}

function cutText(text: string, maxBytes: number): { text: string; cut: boolean } {
  const cut = cutToBytes(text, maxBytes)
  return { text: cut, cut: cut.length < text.length }
}

/** `[item,item,...]` with as many leading items as fit in `maxBytes`. */
function jsonArrayWithin(items: string[], maxBytes: number): { text: string; cut: boolean } {
  let size = 2
  let keep = 0
  for (const item of items) {
    const add = byteLength(item) + (keep > 0 ? 1 : 0)
    if (size + add > maxBytes) break
    size += add
    keep++
  }
  return { text: `[${items.slice(0, keep).join(',')}]`, cut: keep < items.length }
}

export function buildOutputs(
  outcome: FinishedRun,
  maxBytes = MAX_OUTPUT_BYTES,
  images?: SavedImages
): Omit<StepOutputs, 'auth-type' | 'result-file' | 'cluster-id' | 'cluster-state'> &
  Partial<Pick<StepOutputs, 'cluster-state'>> {
  const { text, cut } = resultText(outcome.result, maxBytes, images)
  const r = outcome.result
  // Databricks cut it before we saw it: a table past its caps, or text with its skip warnings.
  const serviceTruncated =
    (r.type === 'table' && r.truncated) || (r.type === 'text' && r.truncated === true)
  return {
    status: outcome.status,
    'result-type': outcome.result.type === 'none' ? '' : outcome.result.type,
    result: text,
    truncated: cut || serviceTruncated ? 'true' : 'false',
    'context-id': outcome.contextId,
    'command-id': outcome.commandId,
    'image-files': JSON.stringify(images?.files ?? []),
    ...(outcome.clusterState ? { 'cluster-state': outcome.clusterState } : {})
  }
}

/**
 * The one place the step's outputs are written, each the moment it is known. No value passes
 * MAX_OUTPUT_BYTES, whatever produced it.
 */
export function writeOutputs(outputs: Partial<StepOutputs>): void {
  for (const name of OUTPUT_NAMES) {
    const value = outputs[name]
    if (value !== undefined) core.setOutput(name, cutToBytes(value, MAX_OUTPUT_BYTES))
  }
}
