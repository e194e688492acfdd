/** One measured run of one client, as bench/measure.ts reports it to bench/poll-bench.ts. */
export interface Sample {
  client: string
  /** The command's own duration. */
  seconds: number
  /** From contexts/create to a Running context. */
  contextMs: number
  /** From commands/execute to a final status. */
  commandMs: number
  contextPolls: number
  commandPolls: number
}
