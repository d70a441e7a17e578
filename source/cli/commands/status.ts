/** `cifar-tui status`: the experiment, its trial counts, who is writing it, and the ten best trials. */
import { type Experiment, type RankedTrial, type StoredTrial, Store, rankTrials } from '../../store/index.js';
import type { Command } from '../command.js';
import { STORE_DIR_OPTION, storeDirOf } from '../store-option.js';

const TOP = 10;

export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function describeExperiment(e: Experiment): string {
  const images = e.trainLimit === null ? 'all training images' : `${e.trainLimit} training images`;
  const validation = e.validation === 'test' ? 'validation on the test set' : `validation on ${e.holdout} held-out training images`;
  return `${e.dataset}, ${e.epochs} epochs per trial, ${images}, ${validation}, width ×${e.widthScale}, seed ${e.seed}, search space v${e.spaceVersion} (${e.spaceHash})`;
}

function counts(trials: readonly StoredTrial[]): string {
  const by = (pred: (t: StoredTrial) => boolean) => trials.filter(pred).length;
  const parts = (['ok', 'fail', 'running', 'interrupted'] as const).map((s) => [s, by((t) => t.state === s)] as const).filter(([, n]) => n > 0);
  const imported = by((t) => t.source === 'import');
  return `${trials.length}${parts.length ? ` (${parts.map(([s, n]) => `${n} ${s}`).join(', ')}${imported ? `; ${imported} imported` : ''})` : ''}`;
}

function fixed(x: number | null | undefined): string {
  return typeof x === 'number' ? x.toFixed(4) : '-';
}

function seconds(t: StoredTrial): number | null {
  if (typeof t.result?.train_seconds === 'number') return t.result.train_seconds;
  return t.startedAt && t.endedAt ? (Date.parse(t.endedAt) - Date.parse(t.startedAt)) / 1000 : null;
}

function table(ranked: readonly RankedTrial[]): string[] {
  const header = ['rank', 'trial', 'id', 'fine best', 'fine end', 'coarse best', 'epochs', 'optimizer', 'pooling', 'blocks', 'BN', 'time', 'source'];
  const rows = ranked.map((t, i) => {
    const r = t.result;
    const p = t.params;
    return [String(i + 1), String(t.number), t.id, fixed(r.fine_best_accuracy), fixed(r.fine_end_accuracy), fixed(r.coarse_best_accuracy), String(r.epochs_done ?? '-'), p.optimizer, p.pooling_type, String(p.nb_conv_pool_layers), p.use_BN ? 'Y' : 'N', formatDuration(seconds(t)), t.source];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const left = new Set(['id', 'optimizer', 'pooling', 'BN', 'source']);
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (left.has(header[c]) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the experiment in the store and its ten best trials',
  options: { 'store-dir': STORE_DIR_OPTION },
  async run(values, _positionals, ctx) {
    const store = await Store.openReadOnly(storeDirOf(values, ctx));
    const e = store.experiment;
    const ranked = rankTrials(store.trials);
    const lines = [`Store ${store.dir}`, `Experiment ${e.id}, created ${e.createdAt}`, `  ${describeExperiment(e)}`, `Trials: ${counts(store.trials)}`];
    const w = store.writer;
    lines.push(w ? `Search: running (process ${w.pid} on ${w.host}, since ${w.startedAt})` : 'Search: not running');
    for (const t of store.trials.filter((t) => t.state === 'running')) {
      lines.push(`  trial ${t.number} (${t.id}) running, ${t.epochs.length}/${e.epochs} epochs${w ? '' : ' (its search stopped; the next start runs it again)'}`);
    }
    if (ranked.length === 0) lines.push('No finished trial yet.');
    else lines.push(`Best ${Math.min(TOP, ranked.length)} of ${ranked.length} finished trials, by best fine accuracy:`, ...table(ranked.slice(0, TOP)));
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
