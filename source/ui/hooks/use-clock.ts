/**
 * The current time for displays that count (elapsed time, a running trial's duration): read at
 * every render, and a render is forced every `ms` only when nothing else rendered meanwhile
 * (data updates already refresh it a few times a second while a trial trains).
 */
import { useEffect, useReducer, useRef } from 'react';

export function useClock(active: boolean, ms = 1000, now: () => number = Date.now): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const last = useRef(0);
  const time = now();
  last.current = time;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (now() - last.current >= ms * 0.9) tick();
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms, now]);
  return time;
}
