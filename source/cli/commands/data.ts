/** `cifar-tui data`: downloads, verifies and extracts the CIFAR release, or checks one copied by hand. */
import { DATASETS, DATASET_NAMES } from '../../data/index.js';
import { type Command, UsageError, choiceFlag } from '../command.js';
import { prepareData } from '../prepare-data.js';

function pathFlag(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (String(value).trim() === '') throw new UsageError(`--${name} expects a path, got an empty value`);
  return String(value);
}

export const dataCommand: Command = {
  name: 'data',
  summary: 'download, verify and extract the CIFAR data, or check a folder or archive copied by hand',
  options: {
    dataset: { type: 'string', valueName: 'NAME', description: `${DATASET_NAMES.join(' or ')} (default cifar100)` },
    'data-dir': {
      type: 'string',
      valueName: 'DIR',
      description: 'data root (default ./data or $CIFAR_TUI_DATA_DIR), or an already extracted release folder',
    },
    archive: { type: 'string', valueName: 'FILE', description: 'the release .tar.gz copied by hand: verify it and extract it into the data root' },
  },
  async run(values, _positionals, { stdout, stderr, env, cwd }) {
    const dataset = choiceFlag('dataset', values.dataset, DATASET_NAMES) ?? 'cifar100';
    const dataDir = pathFlag('data-dir', values['data-dir']);
    const archive = pathFlag('archive', values.archive);
    const result = await prepareData({ dataset, dataDir, archive, env, cwd, stderr });
    const how = { found: 'found', extracted: 'extracted', downloaded: 'downloaded and extracted' }[result.action];
    const fmt = (n: number) => n.toLocaleString('en-US');
    const width = Math.max(...result.files.map((f) => f.name.length)) + 2;
    stdout.write(`${DATASETS[dataset].title} is ready in ${result.folder} (${how})\n`);
    for (const file of result.files) stdout.write(`  ${file.name.padEnd(width)}${fmt(file.records).padStart(7)} ${file.split === 'train' ? 'training' : 'test'} records\n`);
    if (result.files.length > 2) stdout.write(`  ${'total'.padEnd(width)}${fmt(result.trainRecords).padStart(7)} training, ${fmt(result.testRecords)} test\n`);
    const { fine, coarse } = result.labelNames;
    stdout.write(`  classes: ${fine.length}${coarse ? ` fine, ${coarse.length} coarse` : ''} (${fine.slice(0, 3).join(', ')}, …)\n`);
    for (const notice of result.notices) stdout.write(`notice: ${notice}\n`);
    return 0;
  },
};
