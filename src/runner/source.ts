import * as path from 'node:path'
import { InputError, errorMessage } from '../common/errors.js'
import type { CommandSource } from '../databricks/execution.js'

/** The file system calls needed to read the `file` input; injected for tests. */
export interface SourceFs {
  stat(p: string): Promise<{ isFile(): boolean; size: number }>
  readFile(p: string): Promise<Buffer>
}

/** Larger uploads are refused before any call: the API is for code, not data. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

/** Reads the `file` input, relative to the workspace, with a clear error for each way it fails. */
export async function resolveSource(
  file: string,
  workspace: string,
  fs: SourceFs
): Promise<{ source: CommandSource; label: string }> {
  const full = path.resolve(workspace, file)
  let info: { isFile(): boolean; size: number }
  try {
    info = await fs.stat(full)
  } catch (e) {
    const missing = /ENOENT|ENOTDIR/.test(errorMessage(e))
    throw new InputError(
      missing
        ? `Input file '${file}' was not found (looked for ${full}). Paths are relative to the repository root; check out the repository first (actions/checkout).`
        : `Input file '${file}' cannot be read: ${errorMessage(e)}.`
    )
  }
  if (!info.isFile())
    throw new InputError(
      `Input file '${file}' is not a regular file (${full}). Give the path of a source file.`
    )
  if (info.size > MAX_FILE_BYTES) {
    throw new InputError(
      `Input file '${file}' is ${(info.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB. Put data in DBFS or a volume and read it from the code.`
    )
  }
  let bytes: Buffer
  try {
    bytes = await fs.readFile(full)
  } catch (e) {
    throw new InputError(
      `Input file '${file}' cannot be read: ${errorMessage(e)}. Check its permissions.`
    )
  }
  if (bytes.length === 0)
    throw new InputError(`Input file '${file}' is empty: there is nothing to run.`)
  return { source: { kind: 'file', name: path.basename(full), bytes }, label: file }
}
