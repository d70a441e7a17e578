/**
 * The supervisor's own cost, with a stand-in worker that trains nothing:
 * 1. overhead per trial (TPE suggestion, store writes, IPC, result file) at several store sizes;
 * 2. the parent's CPU share while the worker streams batch events at its real maximum rate (one
 *    every 250 ms, the worker's throttle) and, as a worst case, as fast as IPC carries them.
 * Targets: < 50 ms per trial, < 5% of one core. Run: node --import=tsx bench/supervisor-overhead.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CIFAR_SPACE_VERSION, Rng, cifarSpace, samplePoint, spaceHash, tpe } from '../source/search/index.js';
import { Store, type StoredTrial } from '../source/store/index.js';
import { Supervisor } from '../source/supervisor/index.js';

const entry = fileURLToPath(new URL('fixtures/stand-in-worker.ts', import.meta.url));
const settings = { dataset: 'cifar100' as const, dataDir: '/nonexistent', epochs: 1, trainLimit: null, validation: 'holdout' as const, holdout: 5000, widthScale: 1, splitSeed: 0 };
const experiment = { ...settings, seed: 0, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace) };

async function withStore<T>(prefill: number, fn: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cifar-tui-bench-'));
  try {
    const store = await Store.open(dir, { dataset: 'cifar100', epochs: 1, trainLimit: null, validation: 'holdout', holdout: 5000, widthScale: 1, seed: 0, spaceVersion: experiment.spaceVersion, spaceHash: experiment.spaceHash });
    const rng = new Rng(prefill);
    const trials: StoredTrial[] = [];
    for (let i = 0; i < prefill; i++) {
      const p = samplePoint<StoredTrial['params']>(cifarSpace, rng);
      const acc = rng.random() * 0.6;
      trials.push({ id: store.newTrialId(), number: i, state: 'ok', source: 'import', params: p.params, vals: p.vals, seed: 0, startedAt: null, endedAt: null, epochs: [], result: { loss: -acc, fine_best_accuracy: acc } as StoredTrial['result'], error: null, crashes: 0, resultFile: null });
    }
    if (trials.length) await store.addTrials(trials);
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function perTrial(prefill: number, trials: number): Promise<number> {
  return withStore(prefill, async (store) => {
    const supervisor = new Supervisor({ store, settings, maxTrials: prefill + trials + 1, backend: 'cpu', workerEntry: entry, optimizer: tpe(cifarSpace) });
    let started = 0;
    let t0 = 0;
    supervisor.on((e) => {
      // Time from the end of the first trial, so worker start-up is not counted.
      if (e.type === 'trial-end' && ++started === 1) t0 = performance.now();
    });
    await supervisor.run();
    return (performance.now() - t0) / trials;
  });
}

async function streamingCpu(seconds: number, everyMs: number): Promise<{ share: number; events: number }> {
  process.env.STAND_IN_STREAM_MS = String(seconds * 1000);
  process.env.STAND_IN_EVERY_MS = String(everyMs);
  return withStore(0, async (store) => {
    const supervisor = new Supervisor({ store, settings, maxTrials: 1, backend: 'cpu', workerEntry: entry });
    let events = 0;
    let cpu0: NodeJS.CpuUsage | null = null;
    let wall0 = 0;
    supervisor.on((e) => {
      if (e.type === 'batch') {
        events++;
        if (cpu0 === null) {
          cpu0 = process.cpuUsage();
          wall0 = performance.now();
        }
      }
    });
    let share = 0;
    supervisor.on((e) => {
      if (e.type === 'epoch' && cpu0) {
        const used = process.cpuUsage(cpu0);
        share = (used.user + used.system) / 1000 / (performance.now() - wall0);
      }
    });
    await supervisor.run();
    return { share, events };
  });
}

console.log('Supervisor overhead per trial (stand-in worker, TPE on the CIFAR space, store writes with fsync):');
for (const prefill of [0, 1000, 10000]) {
  const ms = await perTrial(prefill, 30);
  console.log(`  ${String(prefill).padStart(5)} trials already in the store: ${ms.toFixed(1)} ms per trial (target < 50 ms)`);
}
for (const [label, everyMs, seconds] of [['at the real worker\'s maximum (1 per 250 ms)', 250, 10], ['unthrottled (worst case, no real worker does this)', 0, 5]] as const) {
  const { share, events } = await streamingCpu(seconds, everyMs);
  console.log(`Parent CPU while the worker streams batch events ${label} for ${seconds} s: ${(share * 100).toFixed(2)}% of one core for ${events} events (${(events / seconds).toFixed(0)}/s)${everyMs ? ' (target < 5%)' : ''}`);
}
