import { loadUndici } from './undici-on-demand.js'

/** The pull request a comment goes on. */
export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** One comment as far as finding ours needs it. */
export interface IssueComment {
  id: number
  body: string
  url: string
}

/** The three calls a sticky comment needs; tests give a fake, the action the REST API. */
export interface IssueComments {
  /** Every comment on the pull request, oldest first, across all pages. */
  list(): Promise<IssueComment[]>
  create(body: string): Promise<IssueComment>
  update(id: number, body: string): Promise<IssueComment>
}

/**
 * The REST API through @actions/github, which honours GITHUB_API_URL (GitHub Enterprise
 * Server) and the runner's proxy settings. It is imported here, on first use, so the main
 * bundle does not carry the GitHub client for the steps that post no comment: ncc puts it in a
 * chunk of its own.
 */
export async function restComments(
  pr: PullRequestRef,
  token: string,
  signal: AbortSignal
): Promise<IssueComments> {
  // undici (its fetch and proxy agent) is loaded on demand too: see undici-on-demand.ts.
  const [{ getOctokit }] = await Promise.all([import('@actions/github'), loadUndici()])
  const octokit = getOctokit(token, { request: { signal } })
  const where = { owner: pr.owner, repo: pr.repo }
  const shape = (c: { id: number; body?: string | null; html_url: string }): IssueComment => ({
    id: c.id,
    body: c.body ?? '',
    url: c.html_url
  })
  return {
    list: async () =>
      (
        await octokit.paginate(octokit.rest.issues.listComments, {
          ...where,
          issue_number: pr.number,
          per_page: 100
        })
      ).map(shape),
    create: async body =>
      shape(
        (await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })).data
      ),
    update: async (id, body) =>
      shape((await octokit.rest.issues.updateComment({ ...where, comment_id: id, body })).data)
  }
}
