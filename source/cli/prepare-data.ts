/** Makes sure the dataset is on disk before a command needs it, showing download and extraction progress on stderr. */
import { type DatasetName, type EnsureEvent, type EnsureResult, ProgressDisplay, ensureDataset } from '../data/index.js';

export async function prepareData(options: {
  dataset: DatasetName;
  dataDir?: string;
  archive?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stderr: NodeJS.WritableStream;
}): Promise<EnsureResult> {
  const { stderr } = options;
  let display: ProgressDisplay | null = null;
  const onEvent = (event: EnsureEvent) => {
    if (event.kind === 'status') {
      display?.finish();
      display = null;
      stderr.write(`${event.message}\n`);
    } else if (event.kind === 'done') {
      display?.finish();
      display = null;
    } else {
      display ??= new ProgressDisplay(stderr, event.kind === 'download' ? `downloading ${event.file}` : `extracting ${event.file}`);
      if (event.kind === 'download') display.update(event.progress.received, event.progress.total, event.progress.resumedFrom);
      else display.update(event.done, event.total);
    }
  };
  try {
    return await ensureDataset({ dataset: options.dataset, dataDir: options.dataDir, archive: options.archive, env: options.env, cwd: options.cwd, onEvent });
  } finally {
    (display as ProgressDisplay | null)?.finish();
  }
}
