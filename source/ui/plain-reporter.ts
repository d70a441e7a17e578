/**
 * The search without a screen: one timestamped line per event that matters (`--plain`, or
 * whenever stdout is not a terminal), or one JSON object per event (`--json`). Never escape codes.
 */
import type { SupervisorEvent } from '../supervisor/index.js';
import { describeParams, formatAccuracy, formatDuration } from './describe.js';

export interface PlainReporterOptions {
  json?: boolean;
  /** Also print worker log lines (always in --json). */
  verbose?: boolean;
  now?: () => Date;
}

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The printable line for an event, or null when the plain output skips it. */
export function plainLine(event: SupervisorEvent, verbose = false): string | null {
  switch (event.type) {
    case 'ready':
      // Warnings say why a faster backend did not load (and how to fix it): never drop them.
      return [`worker ready: backend ${event.backend} on ${event.device}`, ...event.warnings.map((w) => `warning: ${w}`)].join('\n');
    case 'status':
      return event.status === 'running' || event.status === 'starting' ? null : `search ${event.status}${event.detail ? `: ${event.detail}` : ''}`;
    case 'trial-start': {
      const t = event.trial;
      return `trial ${t.number} (${t.id}) ${event.rerun ? 're-run' : 'started'}: ${describeParams(t.params)}`;
    }
    case 'batch':
      return null;
    case 'epoch': {
      const l = event.logs;
      return `trial ${event.trial.number} epoch ${event.epoch + 1}/${event.epochs}: loss ${formatAccuracy(l.loss)}, fine acc ${formatAccuracy(l.fine_outputs_acc)}, val loss ${formatAccuracy(l.val_loss)}, val fine acc ${formatAccuracy(l.val_fine_outputs_acc)} (${formatDuration(event.seconds)})`;
    }
    case 'trial-end': {
      const t = event.trial;
      if (t.state !== 'ok') return `trial ${t.number} (${t.id}) failed: ${t.error ?? t.result?.err ?? 'unknown reason'}`;
      const r = t.result!;
      const test = r.fine_end_accuracy === null ? '' : `, test fine acc ${formatAccuracy(r.fine_end_accuracy)}`;
      return `trial ${t.number} (${t.id}) finished: val fine acc ${formatAccuracy(r.fine_best_accuracy)}${test}, rank ${event.rank} of ${event.finished}${event.best ? ' - new best' : ''}`;
    }
    case 'worker-exit':
      return event.restartInMs === null ? null : `worker exited (${event.signal ?? `code ${event.code}`})${event.trialId ? ` during trial ${event.trialId}` : ''}; restarting`;
    case 'log':
      return verbose || event.level !== 'info' ? `${event.level === 'info' ? '' : `${event.level}: `}${event.message}` : null;
  }
}

export function createPlainReporter(write: (text: string) => void, options: PlainReporterOptions = {}): (event: SupervisorEvent) => void {
  const now = options.now ?? (() => new Date());
  return (event) => {
    if (options.json) {
      if (event.type === 'batch' || event.type === 'status' || event.type === 'log' || event.type === 'ready' || event.type === 'worker-exit') {
        write(`${JSON.stringify({ time: now().toISOString(), ...event })}\n`);
        return;
      }
      const { trial, ...rest } = event as Extract<SupervisorEvent, { trial: unknown }>;
      const { result, ...summary } = trial;
      write(`${JSON.stringify({ time: now().toISOString(), ...rest, trial: { ...summary, result: result && { ...result, history: undefined } } })}\n`);
      return;
    }
    const line = plainLine(event, options.verbose);
    if (line === null) return;
    const at = stamp(now());
    write(line.split('\n').map((l) => `${at}  ${l}\n`).join(''));
  };
}
