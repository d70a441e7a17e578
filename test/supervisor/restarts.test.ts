import test from 'ava';
import { LossRanking } from '../../source/supervisor/ranking.js';
import { describeExit, restartDelay } from '../../source/supervisor/restarts.js';
import { makeTrial } from '../helpers/ui-events.js';

test('restart backoff: none before the first death, then doubling up to the cap', (t) => {
  t.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => restartDelay(n)), [0, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  t.deepEqual([1, 2, 3].map((n) => restartDelay(n, 20, 50)), [20, 40, 50]);
});

test('an exit is described with the signal or code and the last lines the worker wrote', (t) => {
  t.is(describeExit({ code: null, signal: 'SIGKILL', stderrTail: [] }), 'killed by SIGKILL');
  t.is(describeExit({ code: 3, signal: null, stderrTail: ['a', 'b', 'c', 'd'] }), 'exit code 3; last output: b | c | d');
});

test('ranks count the ok trials with a loss as low or lower, those already stored included', (t) => {
  const ok = (number: number, loss: number) => makeTrial({ id: `0000${number}`, number, state: 'ok', result: { loss } as never });
  const ranking = new LossRanking([ok(0, -0.5), ok(1, -0.3), makeTrial({ id: '00002', number: 2, state: 'fail' })]);
  t.is(ranking.add(-0.4), 2);
  t.is(ranking.add(-0.6), 1);
  t.is(ranking.add(-0.4), 4, 'a tie ranks behind the earlier trial');
  t.is(ranking.add(0), 6);
});
