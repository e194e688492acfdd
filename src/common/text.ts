/** Escapes text for HTML and for markdown that GitHub renders (core.summary escapes nothing). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\|/g, '&#124;')
}

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
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8')
  // A split multi-byte sequence decodes to U+FFFD at the end; drop it.
  while (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1)
  return cut
}
