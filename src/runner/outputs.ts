import * as core from '@actions/core'
import { byteLength, cutToBytes } from '../common/text.js'
import type { RunOutcome } from '../flow/run-command.js'
import { tableToObjects, type CommandResult } from '../databricks/results.js'
import type { SavedImages } from './images.js'

/** GitHub keeps about 1 MB of outputs per job, shared by every step; leave room for others. */
export const MAX_RESULT_OUTPUT_BYTES = 256 * 1024

/** The step's outputs, as action.yml declares them. */
export interface StepOutputs {
  status: string
  'result-type': string
  result: string
  truncated: 'true' | 'false'
  'context-id': string
  'command-id': string
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
    case 'images': {
      // Where each image is, never the data URL itself: that can be megabytes.
      const where =
        images?.locations ??
        result.fileNames.map((n, i) => (n.startsWith('data:') ? `(image ${i + 1}, not saved)` : n))
      const text =
        result.type === 'image' && where.length === 1 ? (where[0] ?? '') : JSON.stringify(where)
      return { text: cutToBytes(text, maxBytes), cut: byteLength(text) > maxBytes }
    }
    case 'none':
      return { text: '', cut: false }
  }
}

export function buildOutputs(
  outcome: RunOutcome,
  maxBytes = MAX_RESULT_OUTPUT_BYTES,
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
    'image-files': JSON.stringify(images?.files ?? [])
  }
}

export function writeOutputs(outputs: Partial<StepOutputs>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}
