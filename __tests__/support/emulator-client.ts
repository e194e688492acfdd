import { request } from 'node:https'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/emulator.js'

/** A command's `results` as the wire carries it; tests compare whatever subset they expect. */
export interface WireResults {
  resultType: string
  data: unknown
  summary: string
  cause: string
  schema: unknown
  truncated: boolean
}

/** A command's status answer, as commands/status and the SDK's waiter return it. */
export interface WireCommand {
  id: string
  status: string
  results: WireResults
}

/**
 * The fields of API answers that tests read. A test names the fields it expects, and its
 * assertions fail on an answer of another shape.
 */
export interface WireBody extends WireCommand {
  error: string
  error_code: string
  /** clusters/get */
  state: string
  /** clusters/list */
  clusters: { cluster_id: string; cluster_name: string; state: string }[]
  next_page_token?: string
}

export interface RawAnswer {
  status: number
  body: WireBody
}

/** A bare HTTPS call to the emulator, trusting its certificate, with any body and auth. */
export function call(
  emu: Pick<Emulator, 'url' | 'caCert' | 'token'>,
  method: 'GET' | 'POST',
  path: string,
  o: { body?: string | Buffer; contentType?: string; auth?: string | null } = {}
): Promise<RawAnswer> {
  const headers: Record<string, string> = {}
  if (o.auth !== null) headers.authorization = o.auth ?? `Bearer ${emu.token}`
  if (o.contentType) headers['content-type'] = o.contentType
  return new Promise((resolve, reject) => {
    const req = request(
      `${emu.url}${path}`,
      { method, headers, ca: readFileSync(emu.caCert) },
      res => {
        let text = ''
        // Decoded as a stream, so a character split across chunks stays whole.
        res.setEncoding('utf8')
        res.on('data', c => (text += c))
        res.on('end', () => {
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {
            // keep text
          }
          resolve({ status: res.statusCode ?? 0, body: body as WireBody })
        })
      }
    )
    req.on('error', reject)
    if (o.body !== undefined) req.write(o.body)
    req.end()
  })
}

/** Creates a context and waits until it runs; returns its id. */
export async function context(emu: Emulator, language = 'python'): Promise<string> {
  const { body } = await call(emu, 'POST', '/api/1.2/contexts/create', {
    body: JSON.stringify({ clusterId: emu.clusterId, language })
  })
  for (let i = 0; i < 100; i++) {
    const s = await call(
      emu,
      'GET',
      `/api/1.2/contexts/status?clusterId=${emu.clusterId}&contextId=${body.id}`
    )
    if (s.body.status !== 'Pending') return body.id
    await new Promise(r => setTimeout(r, 20))
  }
  throw new Error('context never left Pending')
}

/** Starts a command without waiting; returns its id. */
export async function start(
  emu: Emulator,
  contextId: string,
  command: string,
  language = 'python'
): Promise<string> {
  const { body } = await call(emu, 'POST', '/api/1.2/commands/execute', {
    body: JSON.stringify({ clusterId: emu.clusterId, contextId, language, command })
  })
  return body.id
}

/** Runs a command and waits for a final state; returns the status answer. */
export async function run(
  emu: Emulator,
  contextId: string,
  command: string,
  language = 'python'
): Promise<WireCommand> {
  const id = await start(emu, contextId, command, language)
  for (let i = 0; i < 500; i++) {
    const s = await call(
      emu,
      'GET',
      `/api/1.2/commands/status?clusterId=${emu.clusterId}&contextId=${contextId}&commandId=${id}`
    )
    if (['Finished', 'Cancelled', 'Error'].includes(s.body.status)) return s.body
    await new Promise(r => setTimeout(r, 20))
  }
  throw new Error('command never finished')
}
