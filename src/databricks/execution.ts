import {
  enumField,
  jsonBody,
  stringField,
  type Body,
  type CallOptions,
  type DatabricksApi
} from './api.js'

export const LANGUAGES = ['python', 'scala', 'sql', 'r'] as const
export type Language = (typeof LANGUAGES)[number]

/** What to run: inline code (sent as JSON) or a file's bytes (sent as multipart/form-data). */
export type CommandSource =
  { kind: 'inline'; code: string } | { kind: 'file'; name: string; bytes: Buffer }

/** `results` exactly as the service sent it; see results.ts for its meaning. */
export type RawResults = Record<string, unknown> | null

/** A command's status, as commands/status reports it. */
export const COMMAND_STATUSES = [
  'Queued',
  'Running',
  'Cancelling',
  'Finished',
  'Cancelled',
  'Error'
] as const
export type CommandStatus = (typeof COMMAND_STATUSES)[number]
/** The statuses a command ends in. A cancel usually ends as Finished with an error result. */
export type FinalCommandStatus = Extract<CommandStatus, 'Finished' | 'Cancelled' | 'Error'>

export function isFinalCommandStatus(status: CommandStatus): status is FinalCommandStatus {
  switch (status) {
    case 'Finished':
    case 'Cancelled':
    case 'Error':
      return true
    case 'Queued':
    case 'Running':
    case 'Cancelling':
      return false
  }
}

/** An execution context's status, as contexts/status reports it. */
export const CONTEXT_STATUSES = ['Pending', 'Running', 'Error'] as const
export type ContextStatus = (typeof CONTEXT_STATUSES)[number]

export interface CommandState {
  status: CommandStatus
  results: RawResults
}

/** A command that has ended. */
export type FinalCommandState = CommandState & { status: FinalCommandStatus }

export function isFinalCommandState(state: CommandState): state is FinalCommandState {
  return isFinalCommandStatus(state.status)
}

/** The execution-context and command endpoints of API 1.2, for one cluster. */
export class ExecutionApi {
  constructor(
    private readonly api: DatabricksApi,
    readonly clusterId: string
  ) {}

  /** Not idempotent: a repeat after the service accepted it would leak a context. */
  async createContext(language: Language, call: CallOptions): Promise<string> {
    const body = jsonBody({ clusterId: this.clusterId, language })
    const answer = await this.api.post('/api/1.2/contexts/create', body, call)
    return stringField(answer, 'id', 'contexts/create')
  }

  async contextStatus(contextId: string, call: CallOptions): Promise<ContextStatus> {
    const q = { clusterId: this.clusterId, contextId }
    const answer = await this.api.get('/api/1.2/contexts/status', q, call)
    return enumField(answer, 'status', CONTEXT_STATUSES, 'contexts/status')
  }

  async destroyContext(contextId: string, call: CallOptions): Promise<void> {
    const body = jsonBody({ clusterId: this.clusterId, contextId })
    await this.api.post('/api/1.2/contexts/destroy', body, call, { idempotent: true })
  }

  /** Not idempotent: a repeat after the service accepted it would run the code twice. */
  async execute(
    contextId: string,
    language: Language,
    source: CommandSource,
    call: CallOptions
  ): Promise<string> {
    const body = await commandBody(this.clusterId, contextId, language, source)
    const answer = await this.api.post('/api/1.2/commands/execute', body, call)
    return stringField(answer, 'id', 'commands/execute')
  }

  async commandStatus(
    contextId: string,
    commandId: string,
    call: CallOptions
  ): Promise<CommandState> {
    const q = { clusterId: this.clusterId, contextId, commandId }
    const answer = await this.api.get('/api/1.2/commands/status', q, call)
    const results = answer.results
    return {
      status: enumField(answer, 'status', COMMAND_STATUSES, 'commands/status'),
      results: results && typeof results === 'object' ? (results as Record<string, unknown>) : null
    }
  }

  /** Safe to repeat; the answer carries nothing clients use. */
  async cancelCommand(contextId: string, commandId: string, call: CallOptions): Promise<void> {
    const body = jsonBody({ clusterId: this.clusterId, contextId, commandId })
    await this.api.post('/api/1.2/commands/cancel', body, call, { idempotent: true })
  }
}

async function commandBody(
  clusterId: string,
  contextId: string,
  language: Language,
  source: CommandSource
): Promise<Body> {
  if (source.kind === 'inline')
    return jsonBody({ language, clusterId, contextId, command: source.code })
  // The platform's FormData encoder writes the boundary and headers for us.
  const form = new FormData()
  form.append('language', language)
  form.append('clusterId', clusterId)
  form.append('contextId', contextId)
  form.append('command', new Blob([new Uint8Array(source.bytes)]), source.name)
  const encoded = new Response(form)
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data'
  return { contentType, data: Buffer.from(await encoded.arrayBuffer()) }
}
