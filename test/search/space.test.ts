import test from 'ava';
import { Rng, SpaceError, hp, pointFromVals, samplePoint, supportError } from '../../source/search/index.js';

test('bad spaces get precise errors naming the label', (t) => {
  t.throws(() => hp.uniform('lr', 1, 0), { instanceOf: SpaceError, message: /'lr'.*low \(1\) must be below high \(0\)/ });
  t.throws(() => hp.choice('opt', []), { message: /'opt'.*at least one option/ });
  t.throws(() => hp.quniform('bs', 1, 10, 0), { message: /'bs'.*q must be positive/ });
  t.throws(() => hp.normal('n', 0, -1), { message: /'n'.*sigma must be positive/ });
  t.throws(() => hp.loguniform('x', NaN, 1), { message: /'x'.*finite/ });
  t.throws(() => hp.pchoice('p', [[0.5, 'a'], [0.4, 'b']]), { message: /'p'.*sum to 1/ });
  t.throws(() => hp.randint('r', 1.5, 4), { message: /'r'.*integers/ });
  t.throws(() => hp.uniform('', 0, 1), { message: /non-empty string/ });
  const dup = { a: hp.uniform('x', 0, 1), b: hp.choice('c', [hp.uniform('x', 0, 2), 1]) };
  t.throws(() => samplePoint(dup, new Rng(0)), { message: /'x'.*used twice.*c\[0\]/ });
});

test('sampling gives parameters and the per-label record, [] for inactive labels', (t) => {
  const space = {
    lr: hp.loguniform('lr', -3, 0),
    layers: hp.choice('layers', [null, { units: hp.quniform('units', 16, 128, 16), act: hp.choice('act', ['relu', 'elu']) }]),
    list: [hp.randint('seed', 5), 'constant'],
  };
  const rng = new Rng(3);
  let sawNull = false;
  let sawBranch = false;
  for (let i = 0; i < 200; i++) {
    const { params, vals } = samplePoint<any>(space, rng);
    t.is(params.list[1], 'constant');
    t.true(Number.isInteger(params.list[0]) && params.list[0] >= 0 && params.list[0] < 5);
    t.deepEqual(vals.seed, [params.list[0]]);
    if (params.layers === null) {
      sawNull = true;
      t.deepEqual(vals.layers, [0]);
      t.deepEqual(vals.units, []);
      t.deepEqual(vals.act, []);
    } else {
      sawBranch = true;
      t.deepEqual(vals.layers, [1]);
      t.is(params.layers.units % 16, 0);
      t.is(params.layers.act, ['relu', 'elu'][vals.act[0]]);
    }
    t.deepEqual(pointFromVals(space, vals).params, params, 'the record turns back into the same parameters');
  }
  t.true(sawNull && sawBranch);
});

test('priors have Hyperopt semantics: quniform ends get half mass, integers are integers', (t) => {
  const rng = new Rng(1);
  const counts = new Map<number, number>();
  const n = 40_000;
  for (let i = 0; i < n; i++) {
    const v = samplePoint<number>(hp.quniform('k', 2, 4, 1), rng).params;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  t.deepEqual([...counts.keys()].sort(), [2, 3, 4]);
  t.true(Math.abs(counts.get(2)! / n - 0.25) < 0.01 && Math.abs(counts.get(3)! / n - 0.5) < 0.01);
  for (let i = 0; i < 500; i++) {
    const v = samplePoint<number>(hp.uniformint('u', 1, 6), rng).params;
    t.true(Number.isInteger(v) && v >= 1 && v <= 6);
    const r = samplePoint<number>(hp.randint('r', 10, 20), rng).params;
    t.true(Number.isInteger(r) && r >= 10 && r < 20);
    const l = samplePoint<number>(hp.loguniform('l', -1, 1), rng).params;
    t.true(l >= Math.exp(-1) && l < Math.exp(1));
    const p = samplePoint<string>(hp.pchoice('p', [[0.2, 'a'], [0.8, 'b']]), rng).params;
    t.true(p === 'a' || p === 'b');
  }
});

test('records that do not match the space are rejected with the label', (t) => {
  const space = { a: hp.uniform('a', 0, 1), b: hp.choice('b', [null, hp.quniform('c', 0, 10, 2)]) };
  t.throws(() => pointFromVals(space, { a: [0.5], b: [0], c: [], z: [1] }), { message: /'z'.*not part of the search space/ });
  t.throws(() => pointFromVals(space, { a: [1.5], b: [0], c: [] }), { message: /'a'.*outside \[0, 1\]/ });
  t.throws(() => pointFromVals(space, { a: [0.5], b: [1], c: [3] }), { message: /'c'.*multiple of q = 2/ });
  t.throws(() => pointFromVals(space, { a: [0.5], b: [0], c: [4] }), { message: /'c'.*inactive/ });
  t.throws(() => pointFromVals(space, { a: [0.5], b: [2], c: [] }), { message: /'b'.*choice index 2/ });
  t.throws(() => pointFromVals(space, { a: [], b: [0], c: [] }), { message: /'a'.*one value/ });
  t.throws(() => pointFromVals(space, { a: [NaN], b: [0], c: [] }), { message: /'a'.*not a finite number/ });
  t.deepEqual(pointFromVals(space, { a: [0.5], b: [1], c: [4] }).params, { a: 0.5, b: 4 });
});

test('support checks cover every primitive', (t) => {
  t.is(supportError(hp.lognormal('x', 0, 1), 0.1), null);
  t.regex(supportError(hp.lognormal('x', 0, 1), -1)!, /not positive/);
  t.regex(supportError(hp.qlognormal('x', 0, 1, 2), 3)!, /multiple/);
  t.is(supportError(hp.qnormal('x', 0, 1, 0.5), -1.5), null);
  t.is(supportError(hp.qloguniform('x', 0, 3, 2), 20), null);
  t.regex(supportError(hp.qloguniform('x', 0, 3, 2), 22)!, /outside/);
  t.regex(supportError(hp.randint('x', 3), 3)!, /not an integer in \[0, 3\)/);
});
