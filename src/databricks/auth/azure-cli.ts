import { execFile } from 'node:child_process'
import { CancelledError } from '../../common/errors.js'
import { AZURE_DATABRICKS_APP } from './azure-cloud.js'
import { MintedAuth } from './minted.js'
import { parseSeconds, type TokenClient } from './token-endpoint.js'
import type { AuthCall } from './types.js'

/** Runs a program and returns its standard output; injected so tests need no real `az`. */
export type RunProgram = (
  file: string,
  args: string[],
  o: { timeoutMs: number; signal?: AbortSignal }
) => Promise<string>

/** The program is not installed where the PATH leads; the caller knows how it gets there. */
export class ProgramMissingError extends Error {
  override name = 'ProgramMissingError'
}

/** The real one: no shell, a hard timeout, and a cancel kills the program. */
export const runProgram: RunProgram = (file, args, o) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: o.timeoutMs, signal: o.signal, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout)
        if (o.signal?.aborted) return reject(new CancelledError())
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT')
          return reject(new ProgramMissingError(`the Azure CLI (${file}) is not on PATH`))
        const said = String(stderr || error.message)
          .trim()
          .split('\n')
          .slice(0, 5)
          .join(' ')
        reject(
          new Error(`${file} failed (${error.killed ? 'timed out' : `exit ${code}`}): ${said}`)
        )
      }
    )
  })

const AZ_TIMEOUT_MS = 30_000

/**
 * `azure-cli`: the token of whoever `az` is signed in as (`az login`), read from
 * `az account get-access-token`, and read again when it is due.
 */
export function azureCli(
  c: TokenClient,
  o: { run: RunProgram; workspaceResourceId?: string; az?: string }
): MintedAuth {
  const az = o.az ?? 'az'
  return new MintedAuth('azure-cli', 'Azure CLI sign-in', c, async (call: AuthCall) => {
    const out = await o.run(
      az,
      ['account', 'get-access-token', '--resource', AZURE_DATABRICKS_APP, '--output', 'json'],
      {
        timeoutMs: Math.min(AZ_TIMEOUT_MS, Math.max(1000, call.deadline.remaining())),
        signal: call.signal
      }
    )
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(out) as Record<string, unknown>
    } catch {
      throw new Error(`${az} account get-access-token printed something that is not JSON`)
    }
    const token = parsed.accessToken
    if (typeof token !== 'string' || !token)
      throw new Error(`${az} account get-access-token printed no accessToken`)
    c.secrets.add(token)
    const header = `Bearer ${token}`
    c.secrets.add(header)
    const expiresAt = expiryOf(parsed)
    if (expiresAt === undefined)
      throw new Error(`${az} account get-access-token printed no expires_on or expiresOn`)
    const headers: Record<string, string> = { Authorization: header }
    if (o.workspaceResourceId)
      headers['X-Databricks-Azure-Workspace-Resource-Id'] = o.workspaceResourceId
    return { headers, expiresAt }
  })
}

/**
 * Newer CLIs print `expires_on` (POSIX seconds); older ones only `expiresOn`, a local time
 * without a zone ("2024-05-01 13:45:00.000000"), read here as the machine's local time as az does.
 */
export function expiryOf(o: Record<string, unknown>): number | undefined {
  const epoch = parseSeconds(o.expires_on)
  if (epoch !== undefined) return epoch * 1000
  if (typeof o.expiresOn === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(o.expiresOn)
    if (m) {
      const [, y, mo, d, h, mi, s] = m.map<number>(Number)
      return new Date(y!, mo! - 1, d, h, mi, s).getTime()
    }
  }
  return undefined
}
