import { stringifyJson } from '../common/exact-json.js'
import { stripAnsi } from '../common/text.js'
import { errorLine, htmlToText, stripHtml, stripRPrefix } from './error-message.js'
import type { Language, RawResults } from './execution.js'

export { errorLine, stripHtml } from './error-message.js'
export { stripAnsi }

export interface Column {
  name: string
  /** Spark type name: "string", "long", or JSON text for nested types. */
  type: string
}

/** A command's result, normalised from the wire's `results` object. */
export type CommandResult =
  /** `truncated`: the service cut the text (its skipped-output warnings are in it). */
  | { type: 'text'; text: string; truncated?: boolean }
  | { type: 'table'; columns: Column[]; rows: unknown[][]; truncated: boolean }
  | { type: 'error'; message: string; traceback: string }
  /** Each name is a `data:image/...;base64,` URL or a `/plots/<id>.png` path in the workspace. */
  | { type: 'image' | 'images'; fileNames: string[] }
  | { type: 'none' }

/**
 * Python shows the value of the command's last expression after everything it printed, on a
 * line the service starts with `Out[N]: `, which is noise to users. Only that line loses the
 * prefix: the LAST line that starts so. Lines the code printed earlier keep theirs.
 */
export function stripOutPrefix(text: string): string {
  const re = /^Out\[\d+\]: /gm
  let last = -1
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index
  if (last < 0) return text
  return text.slice(0, last) + text.slice(last).replace(/^Out\[\d+\]: /, '')
}

/**
 * The service's marks where it cut text output: head and tail around "skipped N bytes" past
 * maxReplOutputLength, or only a warning past the cell's whole-output limit.
 */
const SERVICE_CUT =
  /\*\*\* WARNING: (?:skipped \d+ bytes of output|max output size exceeded, skipping output\.) \*\*\*/

/** A cancel usually ends as Finished with an error result naming CommandCancelledException. */
export function isCancellation(raw: RawResults): boolean {
  if (!raw || raw.resultType !== 'error') return false
  return `${str(raw.cause)} ${str(raw.summary)}`.includes('CommandCancelledException')
}

/**
 * A context shut down under its command (cluster restart, eviction) ends the command Finished
 * with a CommandCancelledException whose trace shows the shutdown.
 */
export function isContextShutdown(raw: RawResults): boolean {
  return (
    isCancellation(raw) &&
    /shut\s*(?:ting\s*)?down|evict|detach/i.test(
      stripAnsi(`${str(raw?.cause)} ${str(raw?.summary)}`)
    )
  )
}

/** Why a command ended with status Error: the service may put it in `results.data`. */
export function commandErrorMessage(raw: RawResults): string | undefined {
  if (!raw) return undefined
  const data = typeof raw.data === 'string' ? stripHtml(stripAnsi(raw.data)).trim() : ''
  if (data) return stripRPrefix(data)
  if (raw.summary || raw.cause) return errorLine(str(raw.summary), str(raw.cause))
  return undefined
}

/** Every image name in a result, whichever of `fileName` / `fileNames` carries them. */
function imageNames(raw: Record<string, unknown>): string[] {
  const names = Array.isArray(raw.fileNames) ? raw.fileNames.map(str) : []
  if (typeof raw.fileName === 'string' && raw.fileName && !names.includes(raw.fileName))
    names.unshift(raw.fileName)
  return names.filter(Boolean)
}

/** Normalises `results`; `language` tells R's HTML text from text that merely looks like it. */
export function parseResults(raw: RawResults, language?: Language): CommandResult {
  if (!raw) return { type: 'none' }
  switch (raw.resultType) {
    case 'text': {
      const data = str(raw.data)
      const text = language === 'r' ? htmlToText(data) : stripOutPrefix(data)
      return { type: 'text', text, truncated: SERVICE_CUT.test(text) }
    }
    case 'table':
      return {
        type: 'table',
        columns: Array.isArray(raw.schema) ? raw.schema.map(column) : [],
        rows: Array.isArray(raw.data)
          ? (raw.data as unknown[]).map(r => (Array.isArray(r) ? (r as unknown[]) : [r]))
          : [],
        truncated: raw.truncated === true
      }
    case 'error': {
      const summary = str(raw.summary)
      const cause = str(raw.cause)
      return {
        type: 'error',
        // A bare error result may say it only in `data`.
        message:
          summary || cause
            ? errorLine(summary, cause)
            : (commandErrorMessage(raw) ?? errorLine('', '')),
        traceback: stripRPrefix(stripAnsi(cause || stripHtml(summary)))
      }
    }
    case 'image':
    case 'images':
      return { type: raw.resultType, fileNames: imageNames(raw) }
    default:
      return { type: 'none' }
  }
}

function column(c: unknown): Column {
  const o = c && typeof c === 'object' ? (c as Record<string, unknown>) : {}
  let type = o.type
  if (typeof type === 'string' && type.startsWith('"')) {
    try {
      type = JSON.parse(type)
    } catch {
      // keep the text as it came
    }
  }
  return { name: str(o.name), type: typeof type === 'string' ? type : JSON.stringify(type ?? '') }
}

function str(v: unknown): string {
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return ''
  return stringifyJson(v)
}

/**
 * Keys for the columns, one each, so no column is lost when a query returns two of the same
 * name (`SELECT a.id, b.id ...`). The first keeps its name; each later one gets `name_2`,
 * `name_3`, ...: the smallest suffix that no column of the result already has.
 */
export function columnKeys(columns: Column[]): string[] {
  const taken = new Set(columns.map(c => c.name))
  const seen = new Set<string>()
  return columns.map(c => {
    if (!seen.has(c.name)) {
      seen.add(c.name)
      return c.name
    }
    let n = 2
    while (taken.has(`${c.name}_${n}`)) n++
    const key = `${c.name}_${n}`
    taken.add(key)
    seen.add(key)
    return key
  })
}

/** A table as an array of objects, keyed by `columnKeys`. */
export function tableToObjects(columns: Column[], rows: unknown[][]): Record<string, unknown>[] {
  const keys = columnKeys(columns)
  return rows.map(row => {
    // No prototype: a column named `__proto__` is a key like any other.
    const o = Object.create(null) as Record<string, unknown>
    keys.forEach((k, i) => {
      o[k] = row[i] ?? null
    })
    return o
  })
}
