import test from 'ava';
import { PARAM_SPECS, histogram, recentCountOf, topBin } from '../../source/ui/model/histogram.js';
import { statsOf } from '../../source/ui/model/stats.js';
import { seedTrials } from '../helpers/seed-trials.js';

const stats = seedTrials().trials.map(statsOf);
const spec = (key: string) => PARAM_SPECS.find((s) => s.key === key)!;
const counts = (key: string, bins = 10) => Object.fromEntries(histogram(spec(key), stats, bins).bins.map((b) => [b.label, b.count]));

test('one histogram per hyperparameter, binned on its own scale', (t) => {
  t.is(PARAM_SPECS.length, 19);
  t.deepEqual(spec('lr_rate_mult').bins, { type: 'range', scale: 'log', low: Math.exp(-0.5), high: Math.exp(0.5), nullable: false });
  t.deepEqual(spec('coarse_labels_weight').bins, { type: 'range', scale: 'linear', low: 0.1, high: 0.7, nullable: false });
  t.deepEqual(spec('batch_size').bins, { type: 'range', scale: 'linear', low: 100, high: 450, nullable: false });
  t.deepEqual(spec('conv_kernel_size').bins, { type: 'values', values: [2, 3, 4] });
  t.deepEqual(spec('residual').bins, { type: 'values', values: [null, 1, 2, 3, 4] });
  t.deepEqual(spec('first_conv').bins, { type: 'values', values: [null, 3, 4] });
  t.deepEqual(spec('one_more_fc').bins, { type: 'range', scale: 'log', low: Math.exp(-0.6), high: Math.exp(0.6), nullable: true });
  t.is(spec('lr_rate_mult').distribution, 'log-uniform 0.607…1.65');
});

test('log bins are geometric: equal ratios between edges', (t) => {
  const h = histogram(spec('l2_weight_reg_mult'), stats, 4);
  t.deepEqual(
    h.bins.map((b) => b.label),
    ['0.273–0.522', '0.522–1.00', '1.00–1.92', '1.92–3.67'],
  );
});

test('counts of the reference trials per option (seed-spec §8.3)', (t) => {
  t.deepEqual(counts('optimizer'), { Adam: 10, Nadam: 24, RMSprop: 8 });
  t.deepEqual(counts('pooling_type'), { max: 10, avg: 18, all_conv: 7, inception: 7 });
  t.deepEqual(counts('activation'), { relu: 11, elu: 31 });
  t.deepEqual(counts('use_BN'), { false: 12, true: 30 });
  t.deepEqual(counts('nb_conv_pool_layers'), { 2: 12, 3: 30 });
  t.deepEqual(counts('residual'), { none: 11, 1: 5, 2: 11, 3: 10, 4: 5 });
  t.deepEqual(counts('first_conv'), { none: 10, 3: 23, 4: 9 });
  t.is(counts('one_more_fc').none, 29);
  for (const s of PARAM_SPECS) t.is(histogram(s, stats).total, 42, s.key);
});

test('each bin has the mean and best accuracy reached in it', (t) => {
  const h = histogram(spec('pooling_type'), stats);
  const avg = h.bins.find((b) => b.label === 'avg')!;
  t.is(avg.best, 0.6761000108718872);
  t.is(avg.scored, 18);
  const inception = h.bins.find((b) => b.label === 'inception')!;
  t.is(inception.best!.toFixed(3), '0.653');
  t.is(h.bins[topBin(h, 'best')]!.label, 'avg');
  t.is(h.bins[topBin(h, 'mean')]!.label, 'inception', 'inception has the best median and mean (seed-spec §8.3)');
  const residual = histogram(spec('residual'), stats);
  t.true(residual.bins[0]!.mean! < Math.min(...residual.bins.slice(1).map((b) => b.mean!)), 'no residual units is the worst region');
});

test('the latest quarter of the trials is counted apart (TPE convergence)', (t) => {
  t.is(recentCountOf(42), 10);
  t.is(recentCountOf(7), 0);
  const h = histogram(spec('optimizer'), stats);
  t.is(h.recentCount, 10);
  t.is(h.bins.reduce((n, b) => n + b.recent, 0), 10);
  // tids 32–41: Nadam ×6 (32, 33, 34, 37, 38, 40), RMSprop ×2 (35, 41), Adam ×2 (36, 39) by seed-spec §8.4
  t.deepEqual(Object.fromEntries(h.bins.map((b) => [b.label, b.recent])), { Adam: 2, Nadam: 6, RMSprop: 2 });
});
