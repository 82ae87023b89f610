import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` so countdowns and running durations move on
 * their own; `null` stops the clock (nothing on screen is counting).
 */
export function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
