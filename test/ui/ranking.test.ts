import test from 'ava';
import { FIELDS } from '../../source/ui/model/fields.js';
import { bestTrial, rankIndex, rankOrder, statsOf } from '../../source/ui/model/stats.js';
import { parseFilter, viewRows } from '../../source/ui/model/table-view.js';
import { seedTrials } from '../helpers/seed-trials.js';

const { trials } = seedTrials();
const stats = trials.map(statsOf);
const ranks = rankIndex(rankOrder(stats));
const noFilter = parseFilter('');
const numbers = (rows: ReturnType<typeof viewRows>) => rows.map((s) => s.trial.number);

test('the 42 reference trials rank by best validation fine accuracy (seed-spec §8.4)', (t) => {
  t.is(trials.length, 42);
  const rows = viewRows(stats, ranks, { key: 'fine', desc: true }, noFilter);
  t.deepEqual(numbers(rows).slice(0, 5), [28, 6, 38, 34, 20]);
  t.is(ranks.of(stats.find((x) => x.trial.id === '6066e')!), 1);
  t.deepEqual(rows.map((x) => ranks.of(x)), rows.map((_, i) => i + 1), 'every rank is its place in the order');
  t.is(rows[0]!.fine, 0.6761000108718872);
  t.is(rows.at(-1)!.trial.id, 'eb09e');
  const best = bestTrial(stats)!;
  t.is(best.trial.number, 28);
  t.is(best.coarse, 0.7731000242233277);
  t.is(best.test, 0.6549);
});

test('sorting by another column and reversing it', (t) => {
  const byNumber = viewRows(stats, ranks, { key: 'number', desc: false }, noFilter);
  t.deepEqual(numbers(byNumber), [...Array(42).keys()]);
  t.deepEqual(numbers(viewRows(stats, ranks, { key: 'number', desc: true }, noFilter)), [...Array(42).keys()].reverse());
  const coarse = viewRows(stats, ranks, { key: 'coarse', desc: true }, noFilter);
  t.is(coarse[0]!.trial.number, 38, 'highest coarse best is tid 38 (seed-spec §8.2)');
  const test2 = viewRows(stats, ranks, { key: 'test', desc: true }, noFilter);
  t.is(test2[0]!.trial.number, 38, 'highest fine end accuracy is tid 38');
  const bs = viewRows(stats, ranks, { key: 'bs', desc: false }, noFilter);
  t.is(Math.trunc(bs[0]!.trial.params.batch_size), 100);
  const opt = viewRows(stats, ranks, { key: 'opt', desc: false }, noFilter);
  t.is(opt[0]!.trial.params.optimizer, 'Adam');
  t.is(opt.at(-1)!.trial.params.optimizer, 'RMSprop');
  // ties keep trial order
  t.deepEqual(numbers(opt.filter((s) => s.trial.params.optimizer === 'Adam')), [0, 2, 3, 5, 10, 12, 14, 19, 36, 39]);
});

test('a missing value sorts last in both directions', (t) => {
  const withRunning = [...stats, statsOf({ ...trials[0]!, id: 'aaaaa', number: 42, state: 'running', result: null, epochs: [] })];
  const r = rankIndex(rankOrder(withRunning));
  t.is(viewRows(withRunning, r, { key: 'test', desc: true }, noFilter).at(-1)!.trial.id, 'aaaaa');
  t.is(viewRows(withRunning, r, { key: 'test', desc: false }, noFilter).at(-1)!.trial.id, 'aaaaa');
  t.is(r.of(withRunning.at(-1)!), null, 'a trial without any accuracy has no rank');
});

test('filter counts on the reference trials (seed-spec §8.2, §8.3)', (t) => {
  const count = (text: string) => viewRows(stats, ranks, { key: 'fine', desc: true }, parseFilter(text)).length;
  t.is(count('opt:nadam'), 24);
  t.is(count('adam'), 34, 'a word matches inside names: Adam and Nadam');
  t.is(count('rmsprop'), 8);
  t.is(count('pool:avg'), 18);
  t.is(count('pool:inc'), 7);
  t.is(count('fine>=60'), 21, 'percent');
  t.is(count('fine>=0.65'), 5, 'fraction');
  t.is(count('blocks:3'), 30);
  t.is(count('bn:yes act:elu'), 25, 'seed-spec §8.4 table');
  t.is(count('res:0'), 11, 'no residual units');
  t.is(count('rank<=10'), 10);
  t.is(count('lr<1 l2<1'), viewRows(stats, ranks, { key: 'fine', desc: true }, noFilter).filter((s) => s.trial.params.lr_rate_mult < 1 && s.trial.params.l2_weight_reg_mult < 1).length);
  t.is(count('6066e'), 1);
  t.is(count('nothing-like-this'), 0);
});

test('bad filter terms are reported and ignored', (t) => {
  const f = parseFilter('colour:red fine>abc opt>3 pool:avg');
  t.deepEqual(f.errors, ["unknown field 'colour'", "'abc' is not a number", "'opt' is not a number field"]);
  t.is(f.terms.length, 1);
  t.is(viewRows(stats, ranks, { key: 'fine', desc: true }, f).length, 18);
});

test('every field has a distinct name', (t) => {
  const names = FIELDS.flatMap((f) => [f.id, ...f.aliases]);
  t.is(new Set(names).size, names.length);
});
