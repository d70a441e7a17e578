/** Seeds derived from the experiment seed, so a resumed search makes the same choices. */
import { Rng } from '../search/index.js';

/** The seed TPE uses to suggest trial `number`. */
export function suggestionSeed(experimentSeed: number, number: number): number {
  return new Rng(experimentSeed * 1_000_003 + number * 2 + 1).seed();
}

/** The seed trial `number` trains with (weights, dropout, shuffles). */
export function trainingSeed(experimentSeed: number, number: number): number {
  return new Rng(experimentSeed * 1_000_003 + number * 2).seed();
}
