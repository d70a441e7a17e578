import test from 'ava';
import { type HistoryTrial, Rng, cifarSpace, hp, minimize, randomSearch, samplePoint, tpe } from '../../source/search/index.js';
import { HistoryColumns } from '../../source/search/columns.js';
import { DOMAINS } from '../helpers/tpe-domains.js';

const quadratic = (x: number) => (x - 3) ** 2;

test('the same history and seed give the same suggestion', (t) => {
  const { trials } = minimize(quadratic, tpe(hp.uniform('x', -5, 5)), { maxEvals: 40, seed: 1 });
  const a = tpe(hp.uniform('x', -5, 5)).suggest(trials, 99);
  const b = tpe(hp.uniform('x', -5, 5)).suggest(trials, 99);
  t.deepEqual(a, b);
  const again = minimize(quadratic, tpe(hp.uniform('x', -5, 5)), { maxEvals: 40, seed: 1 });
  t.deepEqual(again.trials, trials);
  t.notDeepEqual(tpe(hp.uniform('x', -5, 5)).suggest(trials, 100), a);
});

test('quadratic1 as in test_fmin: 50 evals find x within 0.25 of 3', (t) => {
  for (const seed of [0, 1, 2, 123]) {
    const { trials, bestIndex } = minimize(quadratic, tpe(hp.uniform('x', -5, 5)), { maxEvals: 50, seed });
    t.true(Math.abs((trials[bestIndex].params as number) - 3) < 0.25, `seed ${seed}`);
  }
});

test('failed trials count as +inf: the best ok trial has x < 0 and loss ≥ 9', (t) => {
  for (const seed of [0, 1, 2]) {
    const { trials, bestIndex } = minimize((x: number) => (x < 0 ? { loss: (x - 3) ** 2, status: 'ok' as const } : { loss: null, status: 'fail' as const }), tpe(hp.uniform('x', -5, 5)), {
      maxEvals: 50,
      seed,
    });
    t.true((trials[bestIndex].params as number) < 0);
    t.true((trials[bestIndex].loss as number) >= 9);
    t.true(trials.some((tr) => tr.state === 'fail'));
  }
});

test('NaN and infinite losses are failures and never reach the estimators', (t) => {
  const { trials, bestIndex } = minimize((x: number) => (x > 2 ? NaN : x > 0 ? Infinity : -x), tpe(hp.uniform('x', -5, 5)), { maxEvals: 60, seed: 4 });
  t.true(trials.filter((tr) => tr.state === 'fail').every((tr) => tr.loss === null));
  t.true((trials[bestIndex].params as number) <= 0);
  // A raw history with NaN losses (as a buggy caller might pass) is still handled.
  const raw: HistoryTrial[] = trials.map((tr, i) => ({ vals: tr.vals, loss: i % 3 === 0 ? NaN : tr.loss }));
  const point = tpe(hp.uniform('x', -5, 5)).suggest(raw, 1);
  t.true(Number.isFinite(point.params as number));
});

test('randint(2, 100) never suggests below 2 (test_randint)', (t) => {
  const { trials } = minimize((x: number) => Math.abs(x - 50), tpe(hp.randint('x', 2, 100), { startup: 10 }), { maxEvals: 100, seed: 4 });
  t.true(trials.every((tr) => (tr.params as number) >= 2 && (tr.params as number) < 100 && Number.isInteger(tr.params)));
});

test('pchoice: the only zero-loss option is chosen more than 60 times in 100 (test_pchoice)', (t) => {
  const space = hp.pchoice('p', [
    [0.1, 0],
    [0.2, 1],
    [0.3, 2],
    [0.4, 3],
  ]);
  const { trials } = minimize((p: number) => (p === 3 ? 0 : 1), tpe(space, { startup: 10 }), { maxEvals: 100, seed: 4 });
  t.true(trials.filter((tr) => tr.params === 3).length > 60);
});

test('smoke: every domain runs with 3 candidates for 10 evals', (t) => {
  for (const d of DOMAINS) {
    const { trials } = minimize(d.objective(), tpe(d.space, { candidates: 3, startup: 5 }), { maxEvals: 10, seed: 0 });
    t.is(trials.length, 10, d.name);
  }
});

test('conditional labels learn only from the trials where they were active', (t) => {
  // The good region of `xp` is near 3; `xn` is never good. After start-up, xp's suggestions gather near 3.
  const space = hp.choice('o', [
    { branch: 'n', x: hp.uniform('xn', -5, 5) },
    { branch: 'p', x: hp.uniform('xp', -5, 5) },
  ]);
  const f = (p: { branch: string; x: number }) => (p.branch === 'p' ? (p.x - 3) ** 2 : 10 + p.x);
  const { trials } = minimize(f, tpe(space), { maxEvals: 80, seed: 2 });
  const late = trials.slice(40);
  t.true(late.filter((tr) => tr.vals.o[0] === 1).length >= 30, 'the good branch is preferred');
  t.true(late.every((tr) => (tr.vals.o[0] === 1 ? tr.vals.xn.length === 0 : tr.vals.xp.length === 0)));
  const xs = late.filter((tr) => tr.vals.o[0] === 1).map((tr) => tr.vals.xp[0]);
  // Uniform draws land within ±1 of 3 a fifth of the time; TPE's should do so clearly more often.
  t.true(xs.filter((x) => Math.abs(x - 3) < 1).length >= xs.length * 0.3);
});

test('running and pending trials count as +inf, so TPE moves away from them', (t) => {
  const { trials } = minimize(quadratic, tpe(hp.uniform('x', -5, 5)), { maxEvals: 30, seed: 5 });
  const history: HistoryTrial[] = [...trials];
  const point = tpe(hp.uniform('x', -5, 5)).suggest(history, 7);
  const withRunning = [...history, ...Array.from({ length: 10 }, () => ({ vals: point.vals, loss: null, state: 'running' as const }))];
  t.notThrows(() => tpe(hp.uniform('x', -5, 5)).suggest(withRunning, 7));
});

test('a trial record that does not match the space is rejected with trial and label', (t) => {
  const optimizer = tpe(cifarSpace);
  const rng = new Rng(0);
  const history: HistoryTrial[] = Array.from({ length: 25 }, () => ({ vals: samplePoint(cifarSpace, rng).vals, loss: rng.random() }));
  history[7] = { vals: { ...history[7].vals, batch_size: [451] }, loss: 0 };
  t.throws(() => optimizer.suggest(history, 0), { message: /trial #7: hyperparameter 'batch_size': value 451/ });
  t.throws(() => randomSearch(cifarSpace).suggest([{ vals: { nope: [1] }, loss: 1 }], 0), { message: /'nope'/ });
});

test('TPE on the CIFAR space suggests valid points, conditionals included', (t) => {
  const rng = new Rng(9);
  const history: HistoryTrial[] = Array.from({ length: 60 }, () => {
    const p = samplePoint<{ lr_rate_mult: number; residual: number | null }>(cifarSpace, rng);
    return { vals: p.vals, loss: p.params.lr_rate_mult + (p.params.residual ?? 5) * 0.1, state: 'ok' as const };
  });
  const optimizer = tpe(cifarSpace);
  for (let s = 0; s < 20; s++) {
    const point = optimizer.suggest(history, s);
    t.notThrows(() => optimizer.suggest([...history, { vals: point.vals, loss: 1 }], s));
  }
});

test('the incremental column store equals a rebuild after appends and edits', (t) => {
  const rng = new Rng(12);
  const labels = ['a', 'b'];
  const make = () => ({ vals: { a: [Math.floor(rng.random() * 5)], b: rng.random() < 0.5 ? [] : [rng.random()] }, loss: 0 });
  const history: HistoryTrial[] = Array.from({ length: 30 }, make);
  const incremental = new HistoryColumns(labels);
  incremental.update(history);
  for (let i = 0; i < 40; i++) {
    history.push(make());
    incremental.update(history);
  }
  history[3] = make();
  incremental.update(history);
  const fresh = new HistoryColumns(labels);
  fresh.update(history);
  for (let j = 0; j < labels.length; j++) {
    t.deepEqual(Array.from(incremental.sortedActive(j)), Array.from(fresh.sortedActive(j)));
    t.deepEqual(Array.from(incremental.values[j].subarray(0, history.length)), Array.from(fresh.values[j].subarray(0, history.length)));
  }
  const order = Array.from(fresh.sortedActive(0));
  for (let r = 1; r < order.length; r++) {
    const [x, y] = [fresh.values[0][order[r - 1]], fresh.values[0][order[r]]];
    t.true(x < y || (x === y && order[r - 1] < order[r]));
  }
});
