import { useEffect, useState } from 'react';

/** Re-renders the component whenever one of `listeners` is called (module-level stores: location, theme). */
export function useNotified(listeners: Set<() => void>): void {
  const [, force] = useState(0);
  useEffect(() => {
    const update = () => force((n) => n + 1);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, [listeners]);
}
