import { lazy, Suspense, type ComponentType } from 'react';

/** A page loaded on first visit (keeps Monaco and the grid out of the initial bundle). */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Lazy = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<section className="page"><p className="muted">Loading…</p></section>}>
        <Lazy />
      </Suspense>
    );
  };
}
