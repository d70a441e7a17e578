/** Mounts the dashboard App on a fake terminal with a model, for component tests. */
import { App, type AppProps } from '../../source/ui/components/App.js';
import type { Capabilities } from '../../source/ui/components/KeyBar.js';
import type { DashboardInfo } from '../../source/ui/components/Header.js';
import type { Effect } from '../../source/ui/keys/ui-reducer.js';
import { DashboardModel, type DashboardModelOptions } from '../../source/ui/model/dashboard-model.js';
import { filterOutput } from '../../source/ui/terminal.js';
import { createTheme, toAscii } from '../../source/ui/theme.js';
import { type Screen, renderScreen } from './ink.js';
import { seedHistoryLoader, seedTrials } from './seed-trials.js';

export interface Mounted extends Screen {
  model: DashboardModel;
  effects: Effect[];
  done(): void;
}

export interface MountOptions {
  columns?: number;
  rows?: number;
  model?: DashboardModelOptions;
  info?: Partial<DashboardInfo>;
  caps?: Partial<Capabilities>;
  color?: boolean;
  /** ASCII only, as on TERM=dumb. */
  ascii?: boolean;
  onEffect?: (e: Effect) => void;
  props?: Partial<AppProps>;
}

/** Mounts; `teardown` (ava's t.teardown) unmounts even when an assertion fails first. */
export function mountDashboard(o: MountOptions = {}, teardown?: (fn: () => void) => void): Mounted {
  const model = new DashboardModel({ trials: seedTrials().trials, state: 'viewing', loadHistory: seedHistoryLoader, intervalMs: 0, ...o.model });
  const info: DashboardInfo = { storeDir: '/data/experiments/store', dataset: 'cifar100', epochs: 100, maxTrials: null, startedAt: Date.now(), mode: 'view', ...o.info };
  const effects: Effect[] = [];
  const screen = renderScreen(
    <App
      model={model}
      info={info}
      caps={{ control: false, retrain: false, visualize: false, ...o.caps }}
      theme={createTheme({ color: o.color ?? false, ascii: o.ascii ?? false })}
      onEffect={(e) => {
        effects.push(e);
        o.onEffect?.(e);
      }}
      {...o.props}
    />,
    o.columns ?? 80,
    o.rows ?? 24,
    o.ascii ? (s) => filterOutput(s, toAscii) : undefined,
  );
  let mounted = true;
  const done = () => {
    if (!mounted) return;
    mounted = false;
    screen.unmount();
    model.dispose();
  };
  teardown?.(done);
  return { ...screen, model, effects, done };
}

/** The table rows of a frame: lines that start with the selection marker column and a rank. */
export const tableRows = (frame: string): string[] => frame.split('\n').filter((l) => /^[ >↑↓*] +(\d+|-) +\d+ /.test(l));
