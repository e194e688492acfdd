/** A value from JSON as text: strings as they are, numbers and booleans printed, the rest as JSON. */
export function jsonText(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return JSON.stringify(v) ?? ''
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** The longest prefix of `text` within `maxBytes` of UTF-8, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text
  let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes)).toString('utf8')
  // A split multi-byte sequence decodes to U+FFFD at the end; drop it.
  while (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1)
  return cut
}

/**
 * A whole number with thousands separators, as toLocaleString('en-US') writes it: "100,000".
 * Written out because the first toLocaleString call loads ICU's number formatting, which cost
 * main 20 ms and more after the command had ended (npm run bench:profile).
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US')
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "1 row", "2 rows". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`
}

// Built from char codes so no control characters sit in the source.
const ESC = String.fromCharCode(27)
const BEL = String.fromCharCode(7)
/** CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks). */
const ANSI = new RegExp(
  `${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?`,
  'g'
)

/** Removes terminal escape codes, which Python tracebacks from Databricks are full of. */
export function stripAnsi(text: string): string {
  return text.includes(ESC) ? text.replace(ANSI, '') : text
}
