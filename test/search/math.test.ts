import test from 'ava';
import { erf, erfc, linearForgettingWeights, logSumExp, normalCdf, normalMass, quantize, roundHalfEven } from '../../source/search/math.js';

// Reference values of erf/erfc from the C library (Python math.erf/erfc).
const ERF: [number, number][] = [
  [0, 0],
  [1e-10, 1.1283791670955126e-10],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [-0.3, -0.3286267594591274],
];
const ERFC: [number, number][] = [
  [1, 0.15729920705028513],
  [3, 2.2090496998585438e-5],
  [5, 1.5374597944280351e-12],
  [10, 2.088487583762545e-45],
  [-1, 1.842700792949715],
];

test('erf and erfc match reference values to 1e-15 relative', (t) => {
  for (const [x, want] of ERF) t.true(Math.abs(erf(x) - want) <= 1e-15 * Math.max(Math.abs(want), 1e-300) + 1e-300, `erf(${x}) = ${erf(x)}`);
  for (const [x, want] of ERFC) t.true(Math.abs(erfc(x) - want) <= 1e-14 * want, `erfc(${x}) = ${erfc(x)}`);
  t.true(Number.isNaN(erf(NaN)));
  t.is(erf(40), 1);
  t.is(erfc(40), 0);
});

test('normal mass keeps its digits far in the tails where 1 − 1 would cancel', (t) => {
  const m = normalMass(10, 11, 0, 1);
  t.true(Math.abs(m - 0.5 * (erfc(10 / Math.SQRT2) - erfc(11 / Math.SQRT2))) < 1e-30);
  t.true(m > 7e-24 && m < 8e-24);
  t.true(Math.abs(normalMass(-1, 1, 0, 1) - 0.6826894921370859) < 1e-15);
  t.true(Math.abs(normalCdf(0, 0, 1) - 0.5) < 1e-16);
});

test('rounding follows numpy: halves go to the even neighbour', (t) => {
  t.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven), [0, 2, 2, -0, -2, 2, 3]);
  t.is(quantize(7.5, 5), 10);
  t.is(quantize(12.5, 5), 10);
  t.is(quantize(3.49, 1), 3);
});

test('linear forgetting weights match Hyperopt (LF = 25)', (t) => {
  t.deepEqual(Array.from(linearForgettingWeights(3)), [1, 1, 1]);
  const w26 = linearForgettingWeights(26);
  t.is(w26[0], 1 / 26);
  t.true(w26.slice(1).every((x) => x === 1));
  const w30 = Array.from(linearForgettingWeights(30)).map((x) => Number(x.toFixed(4)));
  t.deepEqual(w30.slice(0, 6), [0.0333, 0.275, 0.5167, 0.7583, 1, 1]);
  t.is(w30.length, 30);
});

test('logSumExp is stable for large and empty inputs', (t) => {
  t.true(Math.abs(logSumExp([1000, 1000]) - (1000 + Math.log(2))) < 1e-12);
  t.is(logSumExp([-Infinity, -Infinity]), -Infinity);
});
