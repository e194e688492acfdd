import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where a result's images ended up: files on the runner, and paths that stay in the workspace. */
export interface SavedImages {
  /** Decoded images written on the runner (the `image-files` output). */
  files: string[]
  /** The directory they were written to. */
  dir: string
  /** `/plots/<id>.png` names: large plots the service keeps in DBFS (/FileStore/plots/). */
  workspacePaths: string[]
  /** For each image name of the result, in order: its file, or its workspace path. */
  locations: string[]
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s

/** The bytes and a file extension of a `data:` URL, or undefined when the name is not one. */
export function decodeDataUrl(name: string): { bytes: Buffer; extension: string } | undefined {
  const m = DATA_URL.exec(name)
  if (!m) return undefined
  const mime = (m[1] || 'application/octet-stream').toLowerCase()
  const base64 = /;base64/i.test(m[2] ?? '')
  const payload = m[3] ?? ''
  const bytes = base64
    ? Buffer.from(payload, 'base64')
    : Buffer.from(decodeURIComponent(payload), 'utf8')
  const subtype = mime.split('/')[1] ?? 'bin'
  const extension =
    subtype === 'jpeg'
      ? 'jpg'
      : subtype === 'svg+xml'
        ? 'svg'
        : subtype.replace(/[^a-z0-9]/g, '') || 'bin'
  return { bytes, extension }
}

/**
 * Writes every data-URL image of a result to `dir` (created when needed) as image-1.png, …, so
 * a later step can upload them; a data URL never goes into an output, where it would be
 * megabytes. Names that are not data URLs are workspace paths and are listed as such.
 */
export async function saveImages(fileNames: string[], dir: string): Promise<SavedImages> {
  const saved: SavedImages = { files: [], dir, workspacePaths: [], locations: [] }
  for (const name of fileNames) {
    const image = decodeDataUrl(name)
    if (!image) {
      saved.workspacePaths.push(name)
      saved.locations.push(name)
      continue
    }
    if (saved.files.length === 0) await mkdir(dir, { recursive: true })
    const file = join(dir, `image-${saved.files.length + 1}.${image.extension}`)
    await writeFile(file, image.bytes)
    saved.files.push(file)
    saved.locations.push(file)
  }
  return saved
}

/** The directory for one command's images: under RUNNER_TEMP, which the runner empties per job. */
export function imageDir(runnerTemp: string, commandId: string): string {
  return join(runnerTemp, 'databricks-images', commandId.replace(/[^\w.-]/g, '_') || 'command')
}
