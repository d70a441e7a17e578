/**
 * Hyperopt's benchmark domains over 30 seeds: median best loss and pass rate of our TPE
 * against Hyperopt's measured figures (tpe-spec.md §2.1), plus random search for reference.
 * Run: node --import=tsx bench/tpe-domains.ts [--seeds N] [--domain a,b]
 */
import { minimize, randomSearch, tpe } from '../source/search/index.js';
import { DOMAINS } from '../test/helpers/tpe-domains.js';

const seedsArg = process.argv.indexOf('--seeds');
const SEEDS = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 30;
const domainArg = process.argv.indexOf('--domain');
const ONLY = domainArg > 0 ? process.argv[domainArg + 1].split(',') : undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (x: number) => (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(2) : x.toFixed(3));

console.log(`TPE on Hyperopt's domains, ${SEEDS} seeds each (seeds 0…${SEEDS - 1})`);
console.log('domain        evals  TPE pass  hyperopt pass  TPE median  hyperopt median  random pass  random median  ms/run');
for (const domain of DOMAINS.filter((d) => !ONLY || ONLY.includes(d.name))) {
  const runs = (algo: 'tpe' | 'random') => {
    const bests: number[] = [];
    const start = performance.now();
    for (let seed = 0; seed < SEEDS; seed++) {
      const optimizer = algo === 'tpe' ? tpe(domain.space, domain.tpe) : randomSearch(domain.space);
      const { trials, bestIndex } = minimize(domain.objective(), optimizer, { maxEvals: domain.evals, seed });
      bests.push(trials[bestIndex].loss as number);
    }
    return { bests, ms: (performance.now() - start) / SEEDS };
  };
  const t = runs('tpe');
  const r = runs('random');
  const pass = (b: number[]) => b.filter((x) => x < domain.threshold).length;
  console.log(
    [
      domain.name.padEnd(13),
      String(domain.evals).padStart(5),
      `${pass(t.bests)}/${SEEDS}`.padStart(9),
      `${domain.hyperoptPasses}/30`.padStart(14),
      fmt(median(t.bests)).padStart(11),
      fmt(domain.hyperoptMedian).padStart(16),
      `${pass(r.bests)}/${SEEDS}`.padStart(12),
      fmt(median(r.bests)).padStart(14),
      t.ms.toFixed(0).padStart(7),
    ].join(' '),
  );
}
