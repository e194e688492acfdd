import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeDataUrl, imageDir, saveImages } from '../../src/runner/images.js'
import { buildOutputs } from '../../src/runner/outputs.js'
import { buildSummary } from '../../src/runner/summary.js'
import type { CommandResult } from '../../src/databricks/results.js'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const png = `data:image/png;base64,${PNG.toString('base64')}`
const svg = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`

describe('decodeDataUrl', () => {
  it('decodes base64 and percent-encoded data URLs, naming the file by type', () => {
    expect(decodeDataUrl(png)).toEqual({ bytes: PNG, extension: 'png' })
    expect(decodeDataUrl('data:image/jpeg;base64,AAEC')?.extension).toBe('jpg')
    expect(decodeDataUrl(svg)).toEqual({
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      extension: 'svg'
    })
    expect(decodeDataUrl('/plots/a.png')).toBeUndefined()
  })
})

describe('saveImages', () => {
  it('writes data URLs as files and keeps /plots/ paths as workspace paths', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'img-')), 'databricks-images', 'cmd')
    const saved = await saveImages([png, '/plots/b6a7.png', svg], dir)
    expect(saved.files).toEqual([join(dir, 'image-1.png'), join(dir, 'image-2.svg')])
    expect(saved.workspacePaths).toEqual(['/plots/b6a7.png'])
    expect(saved.locations).toEqual([saved.files[0], '/plots/b6a7.png', saved.files[1]])
    expect(readFileSync(saved.files[0] ?? '')).toEqual(PNG)
  })
  it('makes no directory when there is nothing to write', async () => {
    const saved = await saveImages(['/plots/x.png'], '/nonexistent/never/made')
    expect(saved.files).toEqual([])
  })
  it('keeps odd command ids inside one directory name', () => {
    expect(imageDir('/tmp/r', '../x/y')).toBe('/tmp/r/databricks-images/.._x_y')
  })
})

describe('image outputs and summary', () => {
  const result: CommandResult = { type: 'images', fileNames: [png, '/plots/b.png'] }
  const outcome = { contextId: 'c', commandId: 'k', status: 'Finished' as const, result }

  it('never puts a data URL in an output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'img-'))
    const saved = await saveImages(result.fileNames, dir)
    const o = buildOutputs(outcome, 256 * 1024, saved)
    expect(JSON.stringify(o)).not.toContain('data:')
    expect(JSON.parse(o.result)).toEqual([join(dir, 'image-1.png'), '/plots/b.png'])
    expect(JSON.parse(o['image-files'])).toEqual([join(dir, 'image-1.png')])
    // Even when nothing could be saved, the output names no data URL.
    expect(buildOutputs(outcome).result).toBe('["(image 1, not saved)","/plots/b.png"]')
    expect(
      buildOutputs({ ...outcome, result: { type: 'image', fileNames: ['/plots/a.png'] } }).result
    ).toBe('/plots/a.png')
  })

  it('says in the summary how many images there are and where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'img-'))
    const saved = await saveImages(result.fileNames, dir)
    const html = buildSummary({
      clusterId: 'c',
      language: 'python',
      source: 'inline',
      status: 'Finished',
      durationMs: 1,
      result,
      images: saved
    })
    expect(html).toContain('2 images. 1 saved on the runner in <code>')
    expect(html).toContain(dir)
    expect(html).toContain('<code>/plots/b.png</code>')
    expect(html).not.toContain('data:')
  })
})
