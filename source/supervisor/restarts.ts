/** How the supervisor restarts a worker: the backoff, the start-up failure kinds, and the words for an exit. */
import type { WorkerExit } from './worker-handle.js';

/** Why a worker did not become ready: it reported an error (retrying cannot help) or it died. */
export class WorkerStartError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Consecutive worker starts that may die before `ready` before the search gives up. */
export const MAX_FAILED_STARTS = 5;

/** The wait before starting a worker after `streak` deaths in a row: 0, then base doubling up to max. */
export function restartDelay(streak: number, baseMs = 500, maxMs = 30_000): number {
  return streak === 0 ? 0 : Math.min(baseMs * 2 ** (streak - 1), maxMs);
}

export function describeExit(exit: WorkerExit): string {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  const last = exit.stderrTail.slice(-3).join(' | ');
  return last ? `${how}; last output: ${last}` : how;
}
