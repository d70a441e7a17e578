/** Experiment settings: which ones differ between a store and a run, and the reference project's own. */
import { CIFAR_SPACE_VERSION, cifarSpace, spaceHash } from '../search/index.js';
import type { Experiment, ExperimentSettings } from './schema.js';

export const SETTING_KEYS = ['dataset', 'epochs', 'trainLimit', 'validation', 'holdout', 'widthScale', 'seed', 'spaceVersion', 'spaceHash'] as const satisfies readonly (keyof ExperimentSettings)[];

/**
 * The settings the reference project's trials were made with (seed-spec.md §3): 100 epochs on
 * all of CIFAR-100, the test set as validation, full-width networks. It had no seed; 0 stands in.
 */
export const REFERENCE_SETTINGS: Readonly<ExperimentSettings> = Object.freeze({
  dataset: 'cifar100',
  epochs: 100,
  trainLimit: null,
  validation: 'test',
  holdout: 0,
  widthScale: 1,
  seed: 0,
  spaceVersion: CIFAR_SPACE_VERSION,
  spaceHash: spaceHash(cifarSpace),
});

export interface SettingDifference {
  key: keyof ExperimentSettings;
  stored: unknown;
  wanted: unknown;
}

export function settingsOf(experiment: Experiment): ExperimentSettings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, experiment[k]])) as unknown as ExperimentSettings;
}

/** Settings that differ; the holdout size does not matter when both validate on the test set. */
export function settingDifferences(stored: ExperimentSettings, wanted: ExperimentSettings): SettingDifference[] {
  const bothTest = stored.validation === 'test' && wanted.validation === 'test';
  return SETTING_KEYS.filter((k) => stored[k] !== wanted[k] && !(k === 'holdout' && bothTest)).map((key) => ({ key, stored: stored[key], wanted: wanted[key] }));
}

export function describeSetting(key: keyof ExperimentSettings, value: unknown): string {
  if (key === 'trainLimit' && value === null) return 'all images';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
