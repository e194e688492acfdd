import { randomUUID } from 'node:crypto'

/**
 * A JSON number kept as the text the service sent, because a JS number would change it:
 * integers beyond 2^53 (`9007199254740993`), long decimals (`0.12345678901234567890`), and
 * forms such as `1.50` or `1e3` whose digits carry meaning (a DECIMAL(10,2) column).
 */
export class ExactNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/** A JSON string, or a JSON number. Strings first, so digits inside them are left alone. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * JSON.parse, except that a number whose text a JS number cannot reproduce becomes an
 * ExactNumber. (Node 20's reviver does not see the source text; JSON.rawJSON needs Node 22.)
 * Such numbers are swapped for marker strings that no data can hold (a fresh random nonce),
 * then turned back into ExactNumbers.
 */
export function parseJsonExact(text: string): unknown {
  const marker = `\u2063exact-${randomUUID()}:`
  let swapped = 0
  const prepared = text.replace(TOKEN, token => {
    if (token.charCodeAt(0) === 34 || String(Number(token)) === token) return token
    swapped++
    return `"${marker}${token}"`
  })
  if (swapped === 0) return JSON.parse(text) as unknown
  // A walk in place is several times faster than JSON.parse's reviver on large tables.
  return restore(JSON.parse(prepared) as unknown, marker)
}

function restore(value: unknown, marker: string): unknown {
  if (typeof value === 'string')
    return value.startsWith(marker) ? new ExactNumber(value.slice(marker.length)) : value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i], marker)
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    for (const k of Object.keys(o)) setOwn(o, k, restore(o[k], marker))
  }
  return value
}

/** JSON.stringify for parsed data: ExactNumbers are written as the digits they hold. */
export function stringifyJson(value: unknown): string {
  if (value instanceof ExactNumber) return value.text
  if (Array.isArray(value)) return `[${value.map(v => stringifyJson(v ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && typeof v !== 'function')
        parts.push(`${JSON.stringify(k)}:${stringifyJson(v)}`)
    }
    return `{${parts.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** `o[k] = v`, except that a key named `__proto__` stays data instead of setting the prototype. */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  else o[k] = v
}
