import * as path from 'node:path'
import { InputError, errorMessage } from '../common/errors.js'
import type { CommandSource } from '../databricks/execution.js'

/** The file system calls needed to read the `file` input; injected for tests. */
export interface SourceFs {
  stat(p: string): Promise<{ isFile(): boolean; size: number }>
  readFile(p: string): Promise<Buffer>
  /** The path with every symlink resolved (fs.promises.realpath). */
  realpath(p: string): Promise<string>
}

/** Larger uploads are refused before any call: the API is for code, not data. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

/**
 * Reads the `file` input, relative to the workspace, with a clear error for each way it fails.
 * Only files inside the workspace, or RUNNER_TEMP (`allowed[1]`, where earlier steps write
 * generated code), are read, symlinks resolved first: a path such as `../x` or a link to
 * `/etc/...` would upload a file of the runner's, and echo it back in the log.
 */
export async function resolveSource(
  file: string,
  workspace: string,
  fs: SourceFs,
  runnerTemp = ''
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
  await checkContained(file, full, [workspace, runnerTemp].filter(Boolean), fs)
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

async function checkContained(
  file: string,
  full: string,
  roots: string[],
  fs: SourceFs
): Promise<void> {
  const real = await fs.realpath(full)
  for (const root of roots) {
    const realRoot = await fs.realpath(root).catch(() => path.resolve(root))
    const rel = path.relative(realRoot, real)
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return
  }
  throw new InputError(
    `Input file '${file}' is outside the workspace${full === real ? '' : ` (it resolves to ${real})`}: only files inside GITHUB_WORKSPACE or RUNNER_TEMP are read. Give a path in the repository.`
  )
}
