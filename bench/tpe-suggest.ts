/**
 * Time of one TPE suggestion on the CIFAR space with 100, 1,000 and 10,000 finished trials in
 * the history (targets: ≤ 5 ms at 1,000 and ≤ 50 ms at 10,000; Hyperopt measured on this
 * machine kind: ~125 ms and ~1.1 s). Run: node --import=tsx bench/tpe-suggest.ts
 */
import { type HistoryTrial, Rng, cifarSpace, samplePoint, tpe } from '../source/search/index.js';

/** A synthetic loss with structure TPE can find (finished trials only; 5% failures). */
function syntheticLoss(params: Record<string, unknown>, rng: Rng): number | null {
  if (rng.random() < 0.05) return null;
  const p = params as { lr_rate_mult: number; batch_size: number; optimizer: string; use_BN: boolean };
  return -(0.6 - 0.2 * Math.abs(Math.log(p.lr_rate_mult)) - 0.0002 * Math.abs(p.batch_size - 300) + (p.optimizer === 'Nadam' ? 0.05 : 0) + (p.use_BN ? 0.05 : 0) + 0.02 * rng.normal());
}

function history(n: number, seed: number): HistoryTrial[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const point = samplePoint<Record<string, unknown>>(cifarSpace, rng);
    const loss = syntheticLoss(point.params, rng);
    return { vals: point.vals, loss, state: loss === null ? 'fail' : 'ok' };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

console.log('TPE suggestion time, CIFAR space (22 labels), default settings (24 candidates)');
console.log('trials   first call (validates history)   median of later calls (+1 trial each)   target');
for (const [n, reps, target] of [
  [100, 200, '-'],
  [1000, 100, '≤ 5 ms'],
  [10000, 20, '≤ 50 ms'],
] as const) {
  const h = history(n, n);
  const extra = history(reps, n + 1);
  const optimizer = tpe(cifarSpace);
  let t0 = performance.now();
  optimizer.suggest(h, 0);
  const first = performance.now() - t0;
  const times: number[] = [];
  // Steady state as in a search: every call sees one more finished trial than the last.
  for (let i = 1; i <= reps; i++) {
    h.push(extra[i - 1]);
    t0 = performance.now();
    optimizer.suggest(h, i);
    times.push(performance.now() - t0);
  }
  console.log(`${String(n).padStart(6)}   ${first.toFixed(2).padStart(10)} ms                    ${median(times).toFixed(2).padStart(10)} ms                 ${target}`);
}
