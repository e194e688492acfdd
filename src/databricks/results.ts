import { jsonText } from '../common/text.js'
import type { RawResults } from './execution.js'

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

// Built from char codes so no control characters sit in the source.
const ESC = String.fromCharCode(27)
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]`, 'g')

/** Removes terminal colour codes, which Python tracebacks from Databricks are full of. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

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

/** Python may prefix the last expression's value with `Out[N]: `, which is noise to users. */
export function stripOutPrefix(text: string): string {
  return text.replace(/^Out\[\d+\]: /m, '')
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
  return v === null || v === undefined ? '' : jsonText(v)
}

/** A table as an array of objects keyed by column name (later duplicates win). */
export function tableToObjects(columns: Column[], rows: unknown[][]): Record<string, unknown>[] {
  return rows.map(row => Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null])))
}
