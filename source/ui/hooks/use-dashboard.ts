/** The dashboard model's latest snapshot (re-renders only when the model flushes). */
import { useSyncExternalStore } from 'react';
import type { DashboardModel, DashboardSnapshot } from '../model/dashboard-model.js';

export function useDashboard(model: DashboardModel): DashboardSnapshot {
  return useSyncExternalStore(model.subscribe, model.getSnapshot, model.getSnapshot);
}
