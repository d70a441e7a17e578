/** What the supervisor tells its reporters (the plain/JSON printers and the UI). */
import type { StoredTrial } from '../store/schema.js';

export type SupervisorStatus = 'starting' | 'running' | 'paused' | 'restarting' | 'stopping' | 'finished' | 'stopped' | 'failed';

export type SupervisorEvent =
  | { type: 'ready'; backend: string; device: string; warnings: string[]; pid: number }
  | { type: 'status'; status: SupervisorStatus; detail?: string }
  | { type: 'trial-start'; trial: StoredTrial; rerun: boolean }
  | { type: 'batch'; trialId: string; epoch: number; epochs: number; batch: number; batches: number; logs: Record<string, number | null>; imagesPerSecond: number | null }
  | { type: 'epoch'; trial: StoredTrial; epoch: number; epochs: number; logs: Record<string, number | null>; seconds: number }
  | { type: 'trial-end'; trial: StoredTrial; rank: number | null; finished: number; best: boolean }
  | { type: 'worker-exit'; code: number | null; signal: string | null; trialId: string | null; restartInMs: number | null }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; source: 'worker' | 'supervisor' };

export type SupervisorListener = (event: SupervisorEvent) => void;
