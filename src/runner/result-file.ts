import type { StepStatus } from './outputs.js'
import { randomUUID } from 'node:crypto'
import { mkdir, open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringifyJson } from '../common/exact-json.js'
import type { CommandResult } from '../databricks/results.js'

/** What the step ended with when no command result came back (timeout, job cancel, failure). */
export interface StepFailure {
  type: 'failure'
  status: StepStatus
  message: string
}

/** Rows are written in batches: one string per row would be slow, one per table too large. */
const ROWS_PER_WRITE = 1000

/**
 * Writes the whole result to a new file under `dir` (RUNNER_TEMP on a runner) and returns its
 * path. Nothing is cut: outputs are capped to stay usable as environment variables, so this
 * file is where a later step (or actions/upload-artifact) finds everything. Text is written as
 * printed; a table as JSON `{"schema", "rows", "truncated"}` with one row per line; an error as
 * its message, a blank line and the whole traceback.
 */
export async function writeResultFile(
  result: CommandResult | StepFailure,
  dir: string,
  redact: (text: string) => string = t => t
): Promise<string> {
  const folder = join(dir || tmpdir(), 'databricks-run-command')
  await mkdir(folder, { recursive: true })
  const ext = ['table', 'image', 'images'].includes(result.type) ? 'json' : 'txt'
  // One file per step: several steps of a job share RUNNER_TEMP.
  const path = join(folder, `result-${randomUUID()}.${ext}`)
  const file = await open(path, 'wx', 0o600)
  try {
    for (const chunk of resultChunks(result, redact)) await file.write(chunk)
  } finally {
    await file.close()
  }
  return path
}

/** The file's contents in pieces, so a 100,000-row table never becomes one giant string. */
export function* resultChunks(
  r: CommandResult | StepFailure,
  redact: (text: string) => string
): Generator<string> {
  switch (r.type) {
    case 'text':
      yield redact(r.text)
      return
    case 'table': {
      yield `{"schema":${JSON.stringify(r.columns.map(c => ({ name: redact(c.name), type: c.type })))},\n"rows":[`
      for (let i = 0; i < r.rows.length; i += ROWS_PER_WRITE) {
        const batch = r.rows.slice(i, i + ROWS_PER_WRITE).map(row => rowJson(row, redact))
        yield `${i === 0 ? '\n' : ',\n'}${batch.join(',\n')}`
      }
      yield `\n],\n"truncated":${r.truncated}}\n`
      return
    }
    case 'error':
      yield `${redact(r.message)}\n\n${redact(r.traceback)}\n`
      return
    case 'failure':
      yield `${r.status}: ${redact(r.message)}\n`
      return
    case 'image':
    case 'images':
      yield `${JSON.stringify(r.fileNames.map(redact))}\n`
      return
    case 'none':
      return
  }
}

/**
 * One row as a JSON array: positions follow the schema, so duplicate column names keep both,
 * and numbers keep every digit the service sent (stringifyJson writes ExactNumbers as is).
 */
function rowJson(row: unknown[], redact: (text: string) => string): string {
  return stringifyJson(row.map(v => (typeof v === 'string' ? redact(v) : v)))
}
