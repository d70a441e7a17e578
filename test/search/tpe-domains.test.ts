/**
 * Hyperopt's benchmark domains, 30 seeds each: our TPE must pass at least as many runs as
 * Hyperopt's did (tpe-spec.md §2.1). n_arms draws its noise from numpy's default_rng(123)
 * normal stream (reproduced in test/helpers/numpy-normal.ts), as Hyperopt's domain does, so its
 * pass count is comparable too.
 */
import test from 'ava';
import { minimize, randomSearch, tpe } from '../../source/search/index.js';
import { DOMAINS } from '../helpers/tpe-domains.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => i);

function passes(name: string, algo: 'tpe' | 'random', objectiveFor = (d: (typeof DOMAINS)[number]) => d.objective()): number {
  const d = DOMAINS.find((x) => x.name === name)!;
  let n = 0;
  for (const seed of SEEDS) {
    const optimizer = algo === 'tpe' ? tpe(d.space, d.tpe) : randomSearch(d.space);
    const { trials, bestIndex } = minimize(objectiveFor(d), optimizer, { maxEvals: d.evals, seed });
    if ((trials[bestIndex].loss as number) < d.threshold) n++;
  }
  return n;
}

for (const d of DOMAINS) {
  test(`${d.name}: TPE passes at least Hyperopt's ${d.hyperoptPasses}/30 seeds`, (t) => {
    const n = passes(d.name, 'tpe');
    t.log(`${d.name}: ${n}/30 (Hyperopt ${d.hyperoptPasses}/30)`);
    t.true(n >= d.hyperoptPasses);
  });
}

// Robustness beyond Hyperopt's criterion: with one fixed stream, whether a run can reach −2.5
// depends on where that stream's few large negative draws fall (numpy's default_rng(123) has
// them at 0-based evaluations 11, 20 and 33). Over 20 other fixed streams (our own generator) TPE must
// still pass more runs than random search and, after start-up, pull the better arm most of the time.
test('n_arms: TPE beats random search over many fixed noise streams and prefers the better arm', async (t) => {
  const { Rng } = await import('../../source/search/index.js');
  let tpePasses = 0;
  let randomPasses = 0;
  let betterArmPulls = 0;
  let pulls = 0;
  const d = DOMAINS.find((x) => x.name === 'n_arms')!;
  for (let stream = 0; stream < 20; stream++) {
    const objective = () => {
      const noise = new Rng(1000 + stream);
      return (x: number) => noise.normal([-1, 0][x], 1);
    };
    for (const seed of SEEDS.slice(0, 10)) {
      const run = (opt: ReturnType<typeof tpe> | ReturnType<typeof randomSearch>) => minimize(objective(), opt, { maxEvals: d.evals, seed });
      const a = run(tpe(d.space));
      const b = run(randomSearch(d.space));
      if ((a.trials[a.bestIndex].loss as number) < d.threshold) tpePasses++;
      if ((b.trials[b.bestIndex].loss as number) < d.threshold) randomPasses++;
      for (const tr of a.trials.slice(20)) {
        pulls++;
        if (tr.params === 0) betterArmPulls++;
      }
    }
  }
  t.log(`n_arms over 20 streams × 10 seeds: TPE ${tpePasses}/200, random ${randomPasses}/200, better arm ${((100 * betterArmPulls) / pulls).toFixed(0)}% of TPE pulls after start-up`);
  t.true(tpePasses > randomPasses);
  t.true(betterArmPulls / pulls > 0.7);
});
