/**
 * The runner's timing model and the service's limits, in one place. The code, the harness that
 * plays the runner (harness/runner.ts) and the tests all import these, so the model of the
 * runner the tests check cannot drift from the one the code relies on.
 */

/** On a job cancel the runner sends SIGINT, then SIGTERM this much later... */
export const SIGINT_TO_SIGTERM_MS = 7500
/** ...then kills the process this much after SIGTERM. */
export const SIGTERM_TO_KILL_MS = 2500
/** From the first signal to the kill: all the time a cancelled step has. */
export const SIGINT_TO_KILL_MS = SIGINT_TO_SIGTERM_MS + SIGTERM_TO_KILL_MS

/** Time kept back from each window for Node to start, log and exit. */
const MARGIN_MS = 2000

/** Main, after a job cancel: time kept back before SIGTERM to save state, report and exit. */
const MAIN_EXIT_MARGIN_MS = 2500

/**
 * Main, after a job cancel: how long the cancel of the running command may take (sent and
 * awaited), so main ends well before SIGTERM.
 */
export const JOB_CANCEL_BUDGET_MS = SIGINT_TO_SIGTERM_MS - MAIN_EXIT_MARGIN_MS

/**
 * Main, after a job cancel: how long a contexts/create or commands/execute already sent may
 * still answer, so the id it returns can be saved for cleanup. Then it is abandoned, and the
 * command's cancel has what is left of JOB_CANCEL_BUDGET_MS.
 */
export const UNANSWERED_CALL_GRACE_MS = 2000

/** Main, after the step's timeout: how long to wait for the command's cancel to take effect. */
export const TIMEOUT_CANCEL_WAIT_MS = 15_000

/** Post may run after a cancel, when the runner kills at 10 s: all its cleanup fits in this. */
export const POST_CLEANUP_BUDGET_MS = SIGINT_TO_KILL_MS - MARGIN_MS
/** Post: the part of the cleanup budget a command cancel may use before the context destroy. */
export const POST_CANCEL_BUDGET_MS = 3000
/** Post: no single request may take longer, whatever request-timeout says. */
export const POST_REQUEST_TIMEOUT_MS = 5000

/** A cluster keeps at most this many execution contexts, and evicts idle ones past it. */
export const MAX_CONTEXTS_PER_CLUSTER = 145
