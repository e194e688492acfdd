import { stringifyJson } from '../src/common/exact-json.js'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Thrown while reading a request; becomes an error answer. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes)
      throw new HttpProblem(413, `Request body is larger than the limit of ${maxBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * The fields of a 1.2 request. Like the service, JSON is read whatever the content type says;
 * form-urlencoded and multipart (with the code as a `command` file part) are accepted too.
 */
export async function parseFields(
  contentType: string,
  body: Buffer
): Promise<Record<string, string>> {
  const text = body.toString('utf8')
  if (/^multipart\/form-data/i.test(contentType)) {
    // The platform's multipart parser, through a Request object.
    const form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body)
    }).formData()
    const out: Record<string, string> = {}
    for (const [k, v] of form.entries()) out[k] = typeof v === 'string' ? v : await v.text()
    return out
  }
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      throw new HttpProblem(400, 'Malformed JSON request body')
    }
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>))
      out[k] = typeof v === 'string' ? v : JSON.stringify(v)
    return out
  }
  return Object.fromEntries(new URLSearchParams(text))
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  const body = stringifyJson(value)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers
  })
  res.end(body)
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers
  })
  res.end(body)
}
