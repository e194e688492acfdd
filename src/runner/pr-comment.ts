import { readFile } from 'node:fs/promises'
import { formatDuration } from '../common/duration.js'
import { errorMessage } from '../common/errors.js'
import { restComments, type IssueComments, type PullRequestRef } from './github-comments.js'

/** Where the comment step reports; the runner's log in the action, a recorder in tests. */
export interface CommentLog {
  info(message: string): void
  notice(message: string): void
  warning(message: string): void
}

export interface StickyCommentRequest {
  /** The runner's environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY. */
  env: NodeJS.ProcessEnv
  /** The github-token input (already registered as a secret). */
  token: string
  /** The comment's hidden marker, also the first line of `body`. */
  marker: string
  body: string
  log: CommentLog
  /** The GitHub API; the REST client unless a test gives a fake. */
  connect?: (pr: PullRequestRef, token: string, signal: AbortSignal) => Promise<IssueComments>
  /** Commenting must never hold the step for long; default 30 s for all calls together. */
  timeoutMs?: number
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** Said whenever GitHub refuses the comment: what to add to the workflow. */
const PERMISSION_FIX =
  'Give the job `permissions: pull-requests: write` (a job that sets any permissions gets none it does not name).'
const FORK_FIX =
  'This pull request comes from a fork, and GitHub gives such runs a read-only token: the comment cannot be posted from this event. Read the result in the job summary, or post it from a `workflow_run` workflow.'

/**
 * Creates this step's comment on the pull request, or updates it in place when a comment with
 * the same marker exists (one live comment per workflow, job and step). Never throws and never
 * fails the step: a comment is a report, and the step's own result stands whatever GitHub says.
 */
export async function postStickyComment(r: StickyCommentRequest): Promise<void> {
  const event = r.env.GITHUB_EVENT_NAME ?? ''
  if (!PR_EVENTS.has(event)) {
    r.log.notice(
      `comment-on-pr is true, but this run was triggered by '${event || 'an unknown event'}', not a pull request: no comment was written. Comments are written on pull_request and pull_request_target events.`
    )
    return
  }
  const pr = await pullRequest(r.env)
  if (typeof pr === 'string') return r.log.warning(`No pull request comment was written: ${pr}`)
  if (!r.token)
    return r.log.warning(
      'No pull request comment was written: the github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token that may write pull requests.'
    )
  const where = `pull request #${pr.number} in ${pr.owner}/${pr.repo}`
  const timeoutMs = r.timeoutMs ?? 30_000
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const api = await (r.connect ?? restComments)(pr, r.token, signal)
    const mine = (await api.list()).find(c => c.body.startsWith(r.marker))
    const saved = mine ? await api.update(mine.id, r.body) : await api.create(r.body)
    r.log.info(`${mine ? 'Updated' : 'Created'} the comment on ${where}: ${saved.url}`)
  } catch (e) {
    const status = httpStatus(e)
    const why = signal.aborted
      ? `GitHub did not answer within ${formatDuration(timeoutMs)}`
      : errorMessage(e)
    const fix = status === 403 ? ` ${pr.fork ? FORK_FIX : PERMISSION_FIX}` : ''
    r.log.warning(
      `Could not write the comment on ${where}${status ? ` (HTTP ${status})` : ''}: ${why}.${fix} The step's result is not affected.`
    )
  }
}

/** The pull request of this run, from the event payload; a string says why there is none. */
async function pullRequest(
  env: NodeJS.ProcessEnv
): Promise<(PullRequestRef & { fork: boolean }) | string> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo)
    return 'GITHUB_REPOSITORY is not set (owner/repo), so the repository is unknown.'
  if (!env.GITHUB_EVENT_PATH) return 'GITHUB_EVENT_PATH is not set, so the pull request is unknown.'
  let payload: { pull_request?: { number?: unknown; head?: { repo?: { full_name?: unknown } } } }
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload
  } catch (e) {
    return `the event file ${env.GITHUB_EVENT_PATH} cannot be read: ${errorMessage(e)}`
  }
  const number = payload.pull_request?.number
  if (typeof number !== 'number') return 'the event payload names no pull request.'
  const head = payload.pull_request?.head?.repo?.full_name
  return { owner, repo, number, fork: typeof head === 'string' && head !== `${owner}/${repo}` }
}

/** The HTTP status of an Octokit RequestError, without depending on its class. */
function httpStatus(e: unknown): number | undefined {
  const status = e && typeof e === 'object' ? (e as { status?: unknown }).status : undefined
  return typeof status === 'number' && status >= 400 ? status : undefined
}
