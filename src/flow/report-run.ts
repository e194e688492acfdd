import { formatDuration } from '../common/duration.js'
import { errorMessage } from '../common/errors.js'
import { plural } from '../common/text.js'
import type { CommandResult } from '../databricks/results.js'
import { imageDir, saveImages, type SavedImages } from '../runner/images.js'
import type { Inputs } from '../runner/inputs.js'
import { fail, printUntrusted, runnerLogger as log } from '../runner/log.js'
import { buildOutputs, MAX_OUTPUT_BYTES, resultText, writeOutputs } from '../runner/outputs.js'
import {
  clusterUrl,
  countsInWords,
  phasesInWords,
  type PhaseTimes
} from '../runner/report-words.js'
import {
  reportComment,
  reportResultFile,
  type ReportContext,
  type StepReport
} from '../runner/reports.js'
import { buildSummary, writeSummary, type SummaryData } from '../runner/summary.js'
import type { RunOutcome } from './run-command.js'

/**
 * Reports a run that reached its end: outputs, images, the log, the result file, the summary,
 * the pull request comment; and fails the step when the command failed and fail-on-error says so.
 */
export async function reportRun(
  outcome: RunOutcome,
  c: ReportContext,
  durationMs: number,
  phases: PhaseTimes,
  runnerTemp: string
): Promise<void> {
  const inputs = c.inputs
  const r = outcome.result
  const images = await keepImages(r, imageDir(runnerTemp, outcome.commandId))
  writeOutputs(buildOutputs(outcome, undefined, images))
  log.info(
    `Command ${outcome.commandId} ended ${outcome.status} after ${formatDuration(durationMs)}`
  )
  if (r.type === 'text' && r.text) printUntrusted('Output', r.text)
  if (r.type === 'table')
    log.info(
      `Table result: ${plural(r.rows.length, 'row')}, columns ${shortList(r.columns.map(c => c.name))}${r.truncated ? ' (truncated by Databricks)' : ''}`
    )
  if (r.type === 'error' && r.traceback.trim()) printUntrusted('Traceback', r.traceback)
  const rep: StepReport = { status: outcome.status, durationMs, result: r }
  await reportResultFile(rep, c)
  await writeSummary(
    buildSummary({
      ...summaryHead(inputs),
      ...rep,
      images,
      phases: phasesInWords(phases, durationMs, false),
      counts: countsInWords(r, resultText(r, MAX_OUTPUT_BYTES).cut)
    })
  )
  await reportComment(rep, c, { cancelled: false })

  const failure = outcome.failure
  if (!failure) return
  // @actions/core escapes CR, LF and % in these, so the message stays one workflow command.
  if (inputs.failOnError) fail(c.redact(failure))
  else log.warning(`${c.redact(failure)} (not failing the step: fail-on-error is false)`)
}

/** Column names for one log line: a result with thousands of columns stays readable. */
function shortList(names: string[], maxChars = 2000): string {
  const all = names.join(', ')
  if (all.length <= maxChars) return all
  const shown = all.slice(0, maxChars).replace(/, [^,]*$/, '')
  return `${shown}, … (${plural(names.length, 'column')} in all)`
}

/** Plots are decoded into files a later step can upload; data URLs never reach an output. */
async function keepImages(r: CommandResult, dir: string): Promise<SavedImages | undefined> {
  if (r.type !== 'image' && r.type !== 'images') return undefined
  try {
    const saved = await saveImages(r.fileNames, dir)
    log.info(
      `${plural(r.fileNames.length, 'image')} returned; ${saved.files.length} saved in ${dir} (output image-files)${saved.workspacePaths.length ? `, ${saved.workspacePaths.length} kept in the workspace under /FileStore/plots/` : ''}`
    )
    return saved
  } catch (e) {
    log.warning(`Could not save the command's images in ${dir}: ${errorMessage(e)}`)
    return undefined
  }
}

/** What the summary shows of the inputs: where it ran and what. */
function summaryHead(inputs: Inputs): Omit<SummaryData, 'status' | 'durationMs'> {
  const clusterId = inputs.clusterId || inputs.clusterName
  return {
    clusterId,
    clusterUrl: inputs.clusterId ? clusterUrl(inputs.host, inputs.clusterId) : undefined,
    language: inputs.language,
    source: inputs.sourceLabel,
    inlineCode: inputs.source?.kind === 'inline' ? inputs.source.code : undefined
  }
}

/** Reports a step that stopped before its command ended: result file, summary, comment. */
export async function reportFailure(
  r: StepReport & { failure: string },
  c: ReportContext,
  phases: PhaseTimes,
  cancelled: boolean
): Promise<void> {
  await reportResultFile(r, c)
  const words = phasesInWords(phases, r.durationMs, true)
  await writeSummary(buildSummary({ ...summaryHead(c.inputs), ...r, phases: words }))
  await reportComment(r, c, { cancelled })
}
