import { stringifyJson } from '../common/exact-json.js'
import { stripAnsi } from '../common/text.js'
import type { RawResults } from './execution.js'

export { stripAnsi }

export interface Column {
  name: string
  /** Spark type name: "string", "long", or JSON text for nested types. */
  type: string
}

/** A command's result, normalised from the wire's `results` object. */
export type CommandResult =
  | { type: 'text'; text: string }
  | { type: 'table'; columns: Column[]; rows: unknown[][]; truncated: boolean }
  | { type: 'error'; message: string; traceback: string }
  | { type: 'image'; fileName: string }
  | { type: 'images'; fileNames: string[] }
  | { type: 'none' }

/** Removes tags and decodes the few entities the service uses in error summaries. */
export function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
}

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

const EXCEPTION_LINE = /^[A-Za-z_][\w.$]*(?:Error|Exception|Exit|Interrupt)\b(?::.*)?$/

/**
 * One clean line that says what went wrong: the exception line of the summary, else of the
 * cause (the last such line: Python ends its traceback with it), else a JVM ErrorMessage=,
 * else the first line of anything there is.
 */
export function errorLine(summary: string, cause: string): string {
  const s = firstLine(stripHtml(stripAnsi(summary)))
  if (s && !/^-{3,}/.test(s) && s !== 'Error') return s
  const lines = stripAnsi(cause)
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? ''
    if (EXCEPTION_LINE.test(line)) return line
  }
  const jvm = cause.match(/ErrorMessage=(.+)/)
  if (jvm?.[1]) return jvm[1].trim()
  return s || lines.find(l => !/^-{3,}$/.test(l)) || 'The command failed without an error message'
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map(l => l.trim())
      .find(Boolean) ?? ''
  )
}

/** A cancel usually ends as Finished with an error result naming CommandCancelledException. */
export function isCancellation(raw: RawResults): boolean {
  if (!raw || raw.resultType !== 'error') return false
  return `${str(raw.cause)} ${str(raw.summary)}`.includes('CommandCancelledException')
}

export function parseResults(raw: RawResults): CommandResult {
  if (!raw) return { type: 'none' }
  switch (raw.resultType) {
    case 'text':
      return { type: 'text', text: stripOutPrefix(str(raw.data)) }
    case 'table':
      return {
        type: 'table',
        columns: Array.isArray(raw.schema) ? raw.schema.map(column) : [],
        rows: Array.isArray(raw.data) ? raw.data.map(r => (Array.isArray(r) ? r : [r])) : [],
        truncated: raw.truncated === true
      }
    case 'error': {
      const summary = str(raw.summary)
      const cause = str(raw.cause)
      return {
        type: 'error',
        message: errorLine(summary, cause),
        traceback: stripAnsi(cause || stripHtml(summary))
      }
    }
    case 'image':
      return { type: 'image', fileName: str(raw.fileName) }
    case 'images':
      return {
        type: 'images',
        fileNames: Array.isArray(raw.fileNames) ? raw.fileNames.map(str) : []
      }
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
