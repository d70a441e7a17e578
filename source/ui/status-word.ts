/** A trial state as glyph + word, so that it never depends on colour. */
import type { StoredTrialState } from '../store/schema.js';
import type { Glyphs } from './theme.js';

export function statusWordOf(state: StoredTrialState, g: Glyphs): string {
  switch (state) {
    case 'running':
      return `${g.running} running`;
    case 'ok':
      return `${g.ok} ok`;
    case 'fail':
      return `${g.fail} failed`;
    case 'interrupted':
      return `${g.interrupted} interrupted`;
  }
}
