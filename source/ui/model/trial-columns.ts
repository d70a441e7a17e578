/**
 * The trials table's columns: what each cell says, and which columns go first when the
 * terminal is narrow (higher `drop` leaves first; wide terminals get extra hyperparameters).
 */
import type { ColumnSpec, ScalarDict } from '../components/Table.js';
import { mult, pct, shortDuration } from '../format.js';
import type { Glyphs } from '../theme.js';
import type { FieldId } from './fields.js';
import type { LiveProgress } from './dashboard-model.js';
import type { Ranks, TrialStats } from './stats.js';

export interface CellContext {
  ranks: Ranks;
  live: LiveProgress | null;
  /** Epochs per trial, when known. */
  epochs: number | null;
  paused: boolean;
  now: number;
  glyphs: Glyphs;
}

export interface TrialColumn extends ColumnSpec {
  /** Leaves the table first when space is short (0: never). */
  drop: number;
  /** The field `s` sorts by when this column is the sort key. */
  sort?: FieldId;
  cell(s: TrialStats, c: CellContext): string;
}

const OPT: Record<string, string> = { Adam: 'Adam', Nadam: 'Nadam', RMSprop: 'RMSp' };
const POOL: Record<string, string> = { max: 'max', avg: 'avg', all_conv: 'conv', inception: 'incep' };

export function statusCell(s: TrialStats, c: CellContext): string {
  const g = c.glyphs;
  switch (s.trial.state) {
    case 'running':
      return `${c.paused ? g.paused : g.running} run`;
    case 'ok':
      return `${g.ok} ok`;
    case 'fail':
      return `${g.fail} fail`;
    case 'interrupted':
      return `${g.interrupted} int`;
  }
}

function epochsCell(s: TrialStats, c: CellContext): string {
  const total = c.epochs ?? s.trial.result?.epochs_done ?? null;
  const live = c.live?.trialId === s.trial.id ? c.live : null;
  if (s.trial.state === 'running' && live && live.batches > 0) {
    const done = live.epoch + live.batch / live.batches;
    return `${done.toFixed(1)}/${live.epochs}`;
  }
  return total === null ? String(s.epochsDone) : `${s.epochsDone}/${total}`;
}

function timeCell(s: TrialStats, c: CellContext): string {
  if (s.trial.state === 'running' && s.trial.startedAt) return shortDuration((c.now - Date.parse(s.trial.startedAt)) / 1000);
  return shortDuration(s.seconds);
}

const digits = (n: number) => String(Math.max(0, Math.trunc(n))).length;

/** All columns, widths sized for these trials. */
export function trialColumns(stats: readonly TrialStats[], epochs: number | null): TrialColumn[] {
  const maxNumber = stats.reduce((m, s) => Math.max(m, s.trial.number), 0);
  const e = epochs ?? stats.reduce((m, s) => Math.max(m, s.epochsDone), 0);
  const running = stats.some((s) => s.trial.state === 'running');
  const epochWidth = Math.max(2, `${e}/${e}`.length, running ? `${Math.max(0, e - 0.1).toFixed(1)}/${e}`.length : 0);
  const p = (s: TrialStats) => s.trial.params;
  return [
    { key: 'rank', title: 'rk', width: Math.max(2, digits(stats.length)), align: 'right', drop: 0, sort: 'fine', cell: (s, c) => String(c.ranks.of(s) ?? '-') },
    { key: 'number', title: '#', width: Math.max(2, digits(maxNumber)), align: 'right', drop: 0, sort: 'number', cell: (s) => String(s.trial.number) },
    { key: 'status', title: 'status', width: 6, drop: 0, sort: 'status', cell: statusCell },
    { key: 'fine', title: 'fine', width: 5, align: 'right', drop: 0, sort: 'fine', cell: (s) => pct(s.fine) },
    { key: 'coarse', title: 'coarse', width: 6, align: 'right', drop: 3, sort: 'coarse', cell: (s) => pct(s.coarse) },
    { key: 'test', title: 'test', width: 5, align: 'right', drop: 3, sort: 'test', cell: (s) => pct(s.test) },
    { key: 'epochs', title: 'ep', width: epochWidth, align: 'right', drop: 0, sort: 'epochs', cell: epochsCell },
    { key: 'time', title: 'time', width: 6, align: 'right', drop: 3, sort: 'time', cell: timeCell },
    { key: 'opt', title: 'opt', width: 5, drop: 2, sort: 'opt', cell: (s) => OPT[p(s).optimizer] ?? p(s).optimizer },
    { key: 'pool', title: 'pool', width: 5, drop: 2, sort: 'pool', cell: (s) => POOL[p(s).pooling_type] ?? p(s).pooling_type },
    { key: 'blocks', title: 'L', width: 1, align: 'right', drop: 2, sort: 'blocks', cell: (s) => String(p(s).nb_conv_pool_layers) },
    { key: 'res', title: 'res', width: 3, align: 'right', drop: 2, sort: 'res', cell: (s) => (p(s).residual === null ? '-' : String(Math.round(p(s).residual!))) },
    { key: 'lr', title: 'lr×', width: 4, align: 'right', drop: 2, sort: 'lr', cell: (s) => mult(p(s).lr_rate_mult) },
    { key: 'l2', title: 'l2×', width: 4, align: 'right', drop: 2, sort: 'l2', cell: (s) => mult(p(s).l2_weight_reg_mult) },
    { key: 'bs', title: 'bs', width: 3, align: 'right', drop: 4, sort: 'bs', cell: (s) => String(Math.trunc(p(s).batch_size)) },
    { key: 'act', title: 'act', width: 4, drop: 6, sort: 'act', cell: (s) => p(s).activation },
    { key: 'bn', title: 'BN', width: 2, drop: 6, sort: 'bn', cell: (s) => (p(s).use_BN ? 'Y' : 'N') },
    { key: 'first', title: '1st', width: 3, align: 'right', drop: 7, cell: (s) => (p(s).first_conv === null ? '-' : String(p(s).first_conv)) },
    { key: 'k', title: 'k', width: 1, align: 'right', drop: 7, cell: (s) => String(Math.round(p(s).conv_kernel_size)) },
    { key: 'rk2', title: 'rk', width: 2, align: 'right', drop: 7, cell: (s) => String(Math.round(p(s).res_conv_kernel_size)) },
    { key: 'units', title: 'c×', width: 4, align: 'right', drop: 8, cell: (s) => mult(p(s).conv_hiddn_units_mult) },
    { key: 'fc1', title: 'fc1×', width: 4, align: 'right', drop: 7, cell: (s) => mult(p(s).fc_units_1_mult) },
    { key: 'fc2', title: 'fc2×', width: 4, align: 'right', drop: 7, cell: (s) => mult(p(s).one_more_fc) },
    { key: 'dropc', title: 'dc', width: 4, align: 'right', drop: 8, cell: (s) => mult(p(s).conv_dropout_drop_proba) },
    { key: 'dropf', title: 'df', width: 4, align: 'right', drop: 8, cell: (s) => mult(p(s).fc_dropout_drop_proba) },
    { key: 'cw', title: 'cw', width: 4, align: 'right', drop: 8, cell: (s) => mult(p(s).coarse_labels_weight) },
    { key: 'id', title: 'id', width: 5, drop: 5, cell: (s) => s.trial.id },
  ];
}

/** The columns that fit in `width` (marker and one space per column included), in table order. */
export function fitColumns(columns: readonly TrialColumn[], width: number): TrialColumn[] {
  let kept = [...columns];
  const total = (cs: readonly TrialColumn[]) => cs.reduce((w, c) => w + c.width + 1, 1);
  while (total(kept) > width) {
    const worst = kept.reduce((a, c) => (c.drop > a.drop ? c : c.drop === a.drop && kept.indexOf(c) > kept.indexOf(a) ? c : a));
    if (worst.drop === 0) break;
    kept = kept.filter((c) => c !== worst);
  }
  return kept;
}

/** The cells of one row as a dict keyed by column key (plus `__key` for React). */
export function rowDict(columns: readonly TrialColumn[], s: TrialStats, c: CellContext): ScalarDict {
  const row: ScalarDict = { __key: s.trial.id, __state: s.trial.state };
  for (const col of columns) row[col.key] = col.cell(s, c);
  return row;
}
