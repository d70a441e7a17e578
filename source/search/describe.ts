/** A canonical, stable description of a space, and a short hash of it for store compatibility checks. */
import { type Space, isHpNode } from './space.js';

/** JSON-like text that changes whenever a label, distribution, bound or option changes. */
export function describeSpace(space: Space): string {
  const visit = (s: Space): string => {
    if (isHpNode(s)) {
      const { kind, label } = s;
      const args = Object.entries(s)
        .filter(([k]) => k !== 'kind' && k !== 'label' && k !== 'options')
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',');
      const options = 'options' in s ? `[${s.options.map(visit).join(',')}]` : '';
      return `${kind}(${JSON.stringify(label)}${args ? `,${args}` : ''}${options ? `,${options}` : ''})`;
    }
    if (Array.isArray(s)) return `[${s.map(visit).join(',')}]`;
    if (typeof s === 'object' && s !== null) {
      return `{${Object.keys(s)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${visit((s as Record<string, Space>)[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(s);
  };
  return visit(space);
}

/** 64-bit FNV-1a of the description, as 16 hex digits. */
export function spaceHash(space: Space): string {
  const text = describeSpace(space);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
