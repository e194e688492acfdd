/**
 * Ends the process soon after the step's work is done, whatever is left open. An HTTP request
 * abandoned on cancel keeps its socket, and with it the process, alive until its timeout: past
 * the runner's 7.5 s before SIGTERM. The timer is unref'd, so a process that would end anyway
 * ends at once; the grace lets buffered log lines reach the runner first.
 */
export function exitWhenDone(graceMs = 500): void {
  setTimeout(() => process.exit(), graceMs).unref()
}
