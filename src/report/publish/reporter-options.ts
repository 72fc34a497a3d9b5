import type { Cancellation } from '../../runtime/cancel.js'
import type { ForgeKind } from '../../settings/common.js'

/** Commit-status description limits: GitHub refuses more than 140 characters; Gitea keeps 255. */
export const STATUS_DESCRIPTION_MAX: Record<ForgeKind, number> = { github: 140, gitea: 255 }

export interface ForgeReporterOptions {
  channel: 'check' | 'status'
  /** Check run name, or commit status context. */
  name: string
  runUrl: string | undefined
  /** Where annotations point: the workflow file. */
  annotationPath: string
  mode: string
  environment: string
  /** The run and attempt, stamped on the record so a later run can read how this one ended. */
  run?: { id: string; attempt: number }
  /** The shard (`2/4`) of a matrix job, stamped too: every job of a run writes its own record. */
  part?: string
  /**
   * A deploy: refresh the `running` record this often while the run lasts (its heartbeat, which reconcile
   * reads liveness from); its records are written durably. Undefined: no heartbeat, one try at the start.
   */
  heartbeatMs?: number
  /**
   * Reconcile: nothing at the start, and at the end only when the verdict differs from the one already on
   * the commit under this name, so scheduled runs never pile records onto a commit.
   */
  onChangeOnly?: boolean
  /**
   * The run's cancellation: the `running` writes and their waits stop at the cancel; the end record is then
   * written within the grace after it (the forge client given to the reporter carries the same grace).
   */
  cancel?: Cancellation
}

/** Whether the run's `running` record is on the commit: what a deploy must know before its first side effect. */
export type StartState = 'recorded' | 'unrecorded' | 'off'

export interface ReporterLog {
  warning(message: string): void
  info(message: string): void
}
