/** `cifar-tui search` (the default command): the TPE search, with plain or JSON output. */
import { resolve } from 'node:path';
import { DATASET_NAMES, type DatasetName } from '../../data/index.js';
import { CIFAR_SPACE_VERSION, cifarSpace, spaceHash, tpe } from '../../search/index.js';
import { Store, resolveStoreDir } from '../../store/index.js';
import type { ExperimentSettings, ValidationMode } from '../../store/schema.js';
import { Supervisor } from '../../supervisor/index.js';
import { createPlainReporter, exitAfterHangup, isInteractive, runDashboard } from '../../ui/index.js';
import { type Command, UsageError, choiceFlag, intFlag } from '../command.js';
import { prepareData } from '../prepare-data.js';

export const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
const DEFAULT_EPOCHS = 100;
const DEFAULT_HOLDOUT = 5000;

function widthFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new UsageError(`--width-scale must be a number in (0, 1], got '${String(value)}'`);
  return n;
}

/** Flags override the stored experiment's settings; absent flags keep them (resume), else defaults. */
function settingsFrom(values: Record<string, unknown>, previous: ExperimentSettings | null): ExperimentSettings {
  const trainLimit = intFlag('train-limit', values['train-limit'], { min: 1 });
  return {
    dataset: (choiceFlag('dataset', values.dataset, DATASET_NAMES) ?? previous?.dataset ?? 'cifar100') as DatasetName,
    epochs: intFlag('epochs', values.epochs, { min: 1, max: 100_000 }) ?? previous?.epochs ?? DEFAULT_EPOCHS,
    trainLimit: trainLimit ?? previous?.trainLimit ?? null,
    validation: (choiceFlag('validation', values.validation, ['holdout', 'test'] as const) ?? previous?.validation ?? 'holdout') as ValidationMode,
    holdout: intFlag('holdout', values.holdout, { min: 1 }) ?? previous?.holdout ?? DEFAULT_HOLDOUT,
    widthScale: widthFlag(values['width-scale']) ?? previous?.widthScale ?? 1,
    seed: intFlag('seed', values.seed, { min: 0, max: 2 ** 31 - 1 }) ?? previous?.seed ?? 0,
    spaceVersion: CIFAR_SPACE_VERSION,
    spaceHash: spaceHash(cifarSpace),
  };
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'run the TPE search with the live dashboard (plain lines when stdout is not a terminal)',
  options: {
    plain: { type: 'boolean', description: 'plain timestamped lines instead of the dashboard' },
    json: { type: 'boolean', description: 'one JSON event per line' },
    verbose: { type: 'boolean', description: 'with --plain, also print the worker’s log lines' },
    'max-trials': { type: 'string', valueName: 'N', description: 'stop when N trials are finished, earlier ones included (default: run until stopped)' },
    epochs: { type: 'string', valueName: 'N', description: `epochs per trial (default ${DEFAULT_EPOCHS}, as the reference)` },
    'train-limit': { type: 'string', valueName: 'N', description: 'train on the first N training images only, class-balanced' },
    validation: { type: 'string', valueName: 'MODE', description: `holdout (default: ${DEFAULT_HOLDOUT} training images) or test (the reference's setup)` },
    holdout: { type: 'string', valueName: 'N', description: `training images held out for validation (default ${DEFAULT_HOLDOUT})` },
    'width-scale': { type: 'string', valueName: 'X', description: 'multiply every layer width by X in (0, 1] (default 1: the reference networks)' },
    seed: { type: 'string', valueName: 'N', description: 'seed of the search, the splits and the training (default 0)' },
    backend: { type: 'string', valueName: 'NAME', description: `${BACKENDS.join(', ')} (default auto: the fastest that loads)` },
    dataset: { type: 'string', valueName: 'NAME', description: 'cifar100 (default) or cifar10' },
    'data-dir': { type: 'string', valueName: 'DIR', description: 'data root or extracted release (default ./data or $CIFAR_TUI_DATA_DIR)' },
    archive: { type: 'string', valueName: 'FILE', description: 'a release .tar.gz copied by hand' },
    'store-dir': { type: 'string', valueName: 'DIR', description: 'experiment folder (default ./store or $CIFAR_TUI_STORE_DIR)' },
    'new-experiment': { type: 'boolean', description: 'start a new experiment; the old store is moved aside, not deleted' },
    'tpe-startup': { type: 'string', valueName: 'N', description: 'random trials before TPE takes over (default 20, as Hyperopt)' },
    'no-color': { type: 'boolean', description: 'a dashboard without colours (also NO_COLOR, TERM=dumb)' },
  },
  async run(values, _positionals, { stdout, stderr, env, cwd }) {
    if (values.plain && values.json) throw new UsageError('--plain and --json cannot be combined');
    const backend = choiceFlag('backend', values.backend, BACKENDS) ?? 'auto';
    const maxTrials = intFlag('max-trials', values['max-trials'], { min: 1 }) ?? null;
    const startup = intFlag('tpe-startup', values['tpe-startup'], { min: 0, max: 100_000 }) ?? 20;
    const storeDir = resolveStoreDir(values['store-dir'] as string | undefined, env, cwd);
    const previous = values['new-experiment'] ? null : await Store.peekSettings(storeDir);
    const settings = settingsFrom(values, previous);
    const newExperiment = Boolean(values['new-experiment']);
    await Store.precheck(storeDir, settings, { newExperiment });

    const data = await prepareData({ dataset: settings.dataset, dataDir: values['data-dir'] as string | undefined, archive: values.archive as string | undefined, env, cwd, stderr });
    for (const notice of data.notices) stderr.write(`notice: ${notice}\n`);
    if (settings.validation === 'holdout' && settings.holdout >= data.trainRecords) {
      throw new UsageError(
        `--holdout ${settings.holdout} leaves no training images: ${data.folder} has ${data.trainRecords.toLocaleString('en-US')}. ` +
          'Hold out fewer (e.g. --holdout ' + Math.max(1, Math.floor(data.trainRecords / 10)) + '), or validate on the test set with --validation test.',
      );
    }
    const store = await Store.open(storeDir, settings, { newExperiment });
    if (store.archivedTo) stderr.write(`the previous experiment was moved to ${store.archivedTo}\n`);
    const supervisor = new Supervisor({
      store,
      optimizer: tpe(cifarSpace, { startup }),
      backend,
      maxTrials,
      settings: {
        dataset: settings.dataset,
        dataDir: resolve(cwd, data.folder),
        epochs: settings.epochs,
        trainLimit: settings.trainLimit,
        validation: settings.validation,
        holdout: settings.holdout,
        widthScale: settings.widthScale,
        splitSeed: settings.seed,
      },
    });
    const stdoutTty = stdout as NodeJS.WriteStream;
    const dashboard = !values.plain && !values.json && isInteractive(process.stdin, stdoutTty);
    try {
      if (dashboard) {
        const done = supervisor.run();
        const how = await runDashboard({
          supervisor,
          store,
          done,
          storeDir: store.dir,
          dataset: settings.dataset,
          epochs: settings.epochs,
          maxTrials,
          stdout: stdoutTty,
          stdin: process.stdin,
          env,
          noColor: Boolean(values['no-color']),
        });
        const ended = await done.catch(() => 'failed' as const);
        if (how === 'hangup') {
          await store.close();
          exitAfterHangup();
        }
        if (ended === 'failed') return 1;
        return how === 'signal' ? 130 : 0;
      }
      return await plainSearch(supervisor, stdout, stderr, { json: Boolean(values.json), verbose: Boolean(values.verbose) });
    } finally {
      await store.close();
    }
  },
};

/** The search with timestamped lines (or JSON events); Ctrl-C stops it cleanly (exit 130). */
async function plainSearch(supervisor: Supervisor, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, options: { json: boolean; verbose: boolean }): Promise<number> {
  supervisor.on(createPlainReporter((text) => stdout.write(text), options));
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      stderr.write(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping; the running trial is recorded as interrupted (press Ctrl-C again to stop at once)\n`);
      supervisor.stop();
    } else {
      supervisor.forceStop();
    }
  };
  const signalNames: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signalNames) process.on(s, onSignal);
  try {
    const how = await supervisor.run();
    return how === 'stopped' ? 130 : 0;
  } finally {
    for (const s of signalNames) process.off(s, onSignal);
  }
}
