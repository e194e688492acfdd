import * as core from '@actions/core'
import { errorMessage } from '../common/errors.js'
import type { CommandResult } from '../databricks/results.js'
import { buildComment, commentMarker } from './comment-body.js'
import type { Inputs } from './inputs.js'
import { writeOutputs, type StepStatus } from './outputs.js'
import { postStickyComment, type CommentLog } from './pr-comment.js'
import { writeResultFile } from './result-file.js'

/** How the step ended, for the reports beyond the outputs: the file and the PR comment. */
export interface StepReport {
  /** The command's final status, or what stopped the step ("Timed out", "Failed"). */
  status: StepStatus
  durationMs: number
  result?: CommandResult
  /** Why the step failed when no result came back. */
  failure?: string
}

/** What the reports need besides how the step ended. */
export interface ReportContext {
  inputs: Inputs
  /** The runner's environment: RUNNER_TEMP, GITHUB_* (event, repository, run, names). */
  env: NodeJS.ProcessEnv
  /** Replaces every secret the step knows with `***` (the step's secrets registry). */
  redact: (text: string) => string
}

/** After a job cancel the runner kills main 10 s after SIGINT; the comment gets what is left. */
const COMMENT_BUDGET_AFTER_CANCEL_MS = 2000

const runnerCommentLog: CommentLog = {
  info: m => core.info(m),
  notice: m => core.notice(m),
  warning: m => core.warning(m)
}

/**
 * Writes the whole result to a file under RUNNER_TEMP and sets the `result-file` output. It
 * runs on failures too; a file that cannot be written warns and leaves the output unset.
 */
export async function reportResultFile(r: StepReport, c: ReportContext): Promise<void> {
  const content = r.result ?? {
    type: 'failure' as const,
    status: r.status,
    message: r.failure ?? ''
  }
  try {
    const path = await writeResultFile(content, c.env.RUNNER_TEMP ?? '', c.redact)
    writeOutputs({ 'result-file': path })
  } catch (e) {
    core.warning(`The result file was not written: ${errorMessage(e)}`)
  }
}

/** Writes or updates this step's comment on the pull request, when comment-on-pr asks for it. */
export async function reportComment(
  r: StepReport,
  c: ReportContext,
  o: { cancelled: boolean }
): Promise<void> {
  const { inputs, env } = c
  if (!inputs.commentOnPr) return
  const marker = commentMarker(
    env.GITHUB_WORKFLOW ?? '',
    env.GITHUB_JOB ?? '',
    env.GITHUB_ACTION ?? ''
  )
  const body = buildComment({
    marker,
    status: r.status,
    source: sourceLine(inputs),
    clusterId: inputs.clusterId,
    durationMs: r.durationMs,
    runUrl: runUrl(env),
    result: r.result,
    failure: r.failure
  })
  await postStickyComment({
    env,
    token: inputs.githubToken,
    marker,
    body: c.redact(body),
    log: runnerCommentLog,
    timeoutMs: o.cancelled ? COMMENT_BUDGET_AFTER_CANCEL_MS : undefined
  })
}

/** The file's path, or the first line of the inline code that has any text. */
function sourceLine(inputs: Inputs): string {
  if (inputs.source?.kind !== 'inline') return inputs.sourceLabel
  return inputs.source.code.split('\n').find(l => l.trim()) ?? inputs.sourceLabel
}

/** The run's page, from the variables the runner sets (an attempt past the first named). */
function runUrl(env: NodeJS.ProcessEnv): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  if (!server || !repo || !id) return ''
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
  return `${server}/${repo}/actions/runs/${id}${attempt > 1 ? `/attempts/${attempt}` : ''}`
}
