import { ExactNumber, stringifyJson } from '../common/exact-json.js'
import { groupDigits, jsonText } from '../common/text.js'

/** A table cell as people read it, and whether it had to be shortened. */
export interface CellText {
  text: string
  shortened: boolean
}

/**
 * Renders one table value for a summary or a comment: null as `null`, numbers with every digit
 * the service sent, nested values (structs, arrays, maps) as compact JSON, and anything longer than `maxChars` cut with an ellipsis, so
 * one long cell cannot push every other row out of view. The whole value stays in the
 * result file.
 */
export function formatCell(value: unknown, maxChars: number): CellText {
  const text = cellText(value)
  if (text.length <= maxChars) return { text, shortened: false }
  // Never split a surrogate pair: a lone half renders as a replacement character.
  let cut = text.slice(0, maxChars)
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return { text: `${cut}…`, shortened: true }
}

/** "1 row", "20,000 rows": counts in words, with thousands separated. */
export function countOf(n: number, noun: string): string {
  return `${groupDigits(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** A table value as text, whole: null as `null`, exact numbers with every digit, nested as JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (v instanceof ExactNumber) return v.text
  return typeof v === 'object' ? stringifyJson(v) : jsonText(v)
}
