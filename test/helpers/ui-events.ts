/**
 * Supervisor event streams for the dashboard tests: a recorded one (a real two-trial search on
 * the wasm backend, `cifar-tui search --json`), and small synthetic ones with many batches.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { CIFAR_BEST_PARAMS, cifarPoint } from '../../source/search/index.js';
import type { StoredTrial } from '../../source/store/schema.js';
import type { SupervisorEvent, SupervisorStatus } from '../../source/supervisor/index.js';

/** The recorded stream, `time` fields dropped. */
export function recordedEvents(): SupervisorEvent[] {
  const text = readFileSync(new URL('../ui/fixtures/wasm-search.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const { time: _time, ...event } = JSON.parse(l) as SupervisorEvent & { time: string };
      return event as SupervisorEvent;
    });
}

const point = cifarPoint(CIFAR_BEST_PARAMS);

export function makeTrial(over: Partial<StoredTrial> & { id: string; number: number }): StoredTrial {
  return {
    state: 'running',
    source: 'search',
    params: point.params,
    vals: point.vals,
    seed: 1,
    startedAt: '2026-12-03T10:00:00.000Z',
    endedAt: null,
    epochs: [],
    result: null,
    error: null,
    crashes: 0,
    resultFile: null,
    ...over,
  };
}

const r2 = (v: number) => Math.round(v * 1000) / 1000;
export const epochLogs = (acc: number) => ({ loss: r2(4 - acc * 3), fine_outputs_acc: acc, val_loss: r2(4.2 - acc * 3), val_fine_outputs_acc: r2(acc - 0.02), val_coarse_outputs_acc: r2(acc + 0.1) });

/** A supervisor stand-in: records the calls, emits what a test tells it to. */
export class FakeSupervisor {
  private emitter = new EventEmitter();
  status: SupervisorStatus = 'running';
  calls: string[] = [];
  on(listener: (e: SupervisorEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
  emit(event: SupervisorEvent): void {
    if (event.type === 'status') this.status = event.status;
    this.emitter.emit('event', event);
  }
  pause(): void {
    this.calls.push('pause');
    this.emit({ type: 'status', status: 'paused' });
  }
  resume(): void {
    this.calls.push('resume');
    this.emit({ type: 'status', status: 'running' });
  }
  stop(): void {
    this.calls.push('stop');
    this.emit({ type: 'status', status: 'stopping' });
  }
  forceStop(): void {
    this.calls.push('forceStop');
  }
}
