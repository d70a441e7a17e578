/** The trial fields the table can sort and filter by, with their names in filter expressions. */
import type { TrialStats } from './stats.js';

export type FieldId = 'rank' | 'fine' | 'coarse' | 'test' | 'number' | 'status' | 'epochs' | 'time' | 'opt' | 'pool' | 'act' | 'bn' | 'blocks' | 'res' | 'lr' | 'l2' | 'bs' | 'id';

export interface Field {
  id: FieldId;
  /** Shown in the table title ("sort: fine"). */
  title: string;
  /** Names accepted in filter terms besides the id. */
  aliases: readonly string[];
  kind: 'num' | 'text';
  /** Descending first when chosen (accuracies: best first). */
  desc: boolean;
  get(s: TrialStats, rank: number | null): number | string | null;
}

const STATUS_WORD = { running: 'running', ok: 'ok', fail: 'failed', interrupted: 'interrupted' } as const;

export const statusWord = (s: TrialStats): string => STATUS_WORD[s.trial.state];

export const FIELDS: readonly Field[] = [
  { id: 'rank', title: 'rank', aliases: ['rk'], kind: 'num', desc: false, get: (_s, rank) => rank },
  { id: 'fine', title: 'fine acc', aliases: ['acc', 'val'], kind: 'num', desc: true, get: (s) => s.fine },
  { id: 'coarse', title: 'coarse acc', aliases: ['c'], kind: 'num', desc: true, get: (s) => s.coarse },
  { id: 'test', title: 'test acc', aliases: [], kind: 'num', desc: true, get: (s) => s.test },
  { id: 'number', title: 'trial #', aliases: ['n', '#', 'trial'], kind: 'num', desc: false, get: (s) => s.trial.number },
  { id: 'status', title: 'status', aliases: ['state', 's'], kind: 'text', desc: false, get: statusWord },
  { id: 'epochs', title: 'epochs', aliases: ['ep', 'e'], kind: 'num', desc: true, get: (s) => s.epochsDone },
  { id: 'time', title: 'duration', aliases: ['t', 'duration', 'secs'], kind: 'num', desc: true, get: (s) => s.seconds },
  { id: 'opt', title: 'optimizer', aliases: ['optimizer', 'o'], kind: 'text', desc: false, get: (s) => s.trial.params.optimizer },
  { id: 'pool', title: 'pooling', aliases: ['pooling', 'p'], kind: 'text', desc: false, get: (s) => s.trial.params.pooling_type },
  { id: 'act', title: 'activation', aliases: ['activation'], kind: 'text', desc: false, get: (s) => s.trial.params.activation },
  { id: 'bn', title: 'batch norm', aliases: ['use_bn'], kind: 'text', desc: false, get: (s) => (s.trial.params.use_BN ? 'yes' : 'no') },
  { id: 'blocks', title: 'blocks', aliases: ['l', 'layers'], kind: 'num', desc: false, get: (s) => s.trial.params.nb_conv_pool_layers },
  { id: 'res', title: 'residual units', aliases: ['residual', 'r'], kind: 'num', desc: false, get: (s) => (s.trial.params.residual === null ? 0 : Math.round(s.trial.params.residual)) },
  { id: 'lr', title: 'lr mult', aliases: ['lr_rate_mult'], kind: 'num', desc: false, get: (s) => s.trial.params.lr_rate_mult },
  { id: 'l2', title: 'l2 mult', aliases: ['l2_weight_reg_mult'], kind: 'num', desc: false, get: (s) => s.trial.params.l2_weight_reg_mult },
  { id: 'bs', title: 'batch size', aliases: ['batch', 'batch_size'], kind: 'num', desc: false, get: (s) => Math.trunc(s.trial.params.batch_size) },
  { id: 'id', title: 'id', aliases: [], kind: 'text', desc: false, get: (s) => s.trial.id },
];

/** The order `s` cycles through. */
export const SORT_CYCLE: readonly FieldId[] = ['fine', 'coarse', 'test', 'number', 'status', 'epochs', 'time', 'opt', 'pool', 'blocks', 'res', 'lr', 'l2', 'bs'];

const byName = new Map<string, Field>();
for (const f of FIELDS) for (const name of [f.id, ...f.aliases]) byName.set(name.toLowerCase(), f);

export const fieldById = (id: FieldId): Field => FIELDS.find((f) => f.id === id)!;

export const fieldByName = (name: string): Field | undefined => byName.get(name.toLowerCase());

/**
 * Accuracies are typed as in the table (percent, "60") or as fractions ("0.6"): a bound above 1
 * on a fraction field is read as a percentage.
 */
export function normaliseBound(field: Field, value: number): number {
  return (field.id === 'fine' || field.id === 'coarse' || field.id === 'test') && value > 1 ? value / 100 : value;
}
