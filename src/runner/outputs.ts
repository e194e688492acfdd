import * as core from '@actions/core'
import { stringifyJson } from '../common/exact-json.js'
import { byteLength, cutToBytes } from '../common/text.js'
import type { RunOutcome } from '../flow/run-command.js'
import { tableToObjects, type CommandResult } from '../databricks/results.js'
import type { SavedImages } from './images.js'

/**
 * The most any one output holds. A later step reads an output through `env:`, and Linux
 * refuses a single environment string over 128 KiB (MAX_ARG_STRLEN, `NAME=value` included:
 * E2BIG). 100 KiB leaves room for any variable name; GitHub keeps ~1 MB of outputs per job.
 */
export const MAX_OUTPUT_BYTES = 100 * 1024

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
  /** JSON array of the image files saved under RUNNER_TEMP. */
  'image-files': string
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
  outcome: RunOutcome,
  maxBytes = MAX_OUTPUT_BYTES,
  images?: SavedImages
): StepOutputs {
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

/** Writes outputs; no value passes MAX_OUTPUT_BYTES, whatever produced it. */
export function writeOutputs(outputs: Partial<StepOutputs> | Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs))
    if (value !== undefined) core.setOutput(name, cutToBytes(value, MAX_OUTPUT_BYTES))
}
