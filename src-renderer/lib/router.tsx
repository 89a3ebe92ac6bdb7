// A minimal path router (history API): the dashboard has a handful of top-level sections. Pages with unsaved work
// register a guard: leaving them for another path (link, back button) asks first, and a reload or closing the
// window asks through the browser's own beforeunload prompt when the work would be lost.
import { useEffect, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { useNotified } from './use-notified';

const listeners = new Set<() => void>();
const guards = new Set<{ message: string }>();
let shown = window.location.pathname + window.location.search;
let pending: { to: string; message: string } | null = null;

const notify = () => listeners.forEach((l) => l());
const pathOf = (to: string) => new URL(to, window.location.origin).pathname;
const blocker = () => [...guards][0]?.message ?? null;

function go(to: string, replace: boolean) {
  window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  shown = window.location.pathname + window.location.search;
  notify();
}

/**
 * Goes to `to`; `replace` rewrites the current entry (view state such as filters). Guards apply when the path
 * changes, unless `force` (the guarded work was just completed, e.g. a dialog's result being opened).
 */
export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  const message = pathOf(to) === window.location.pathname || opts.force ? null : blocker();
  if (message) {
    pending = { to, message };
    notify();
    return;
  }
  go(to, Boolean(opts.replace));
}

window.addEventListener('popstate', () => {
  const target = window.location.pathname + window.location.search;
  const message = pathOf(target) === pathOf(shown) ? null : blocker();
  if (message) {
    // Undo the browser's move and ask; confirming goes to where the back/forward button pointed.
    window.history.pushState(null, '', shown);
    pending = { to: target, message };
  } else {
    shown = target;
  }
  notify();
});

export function useLocation(): { pathname: string; search: URLSearchParams } {
  useNotified(listeners);
  return { pathname: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

/**
 * While `message` is set, leaving the page asks first. `unload`: also ask before a reload or closing the window
 * (for work that is only in memory; drafts kept in localStorage survive those).
 */
export function useNavigationGuard(message: string | null, opts: { unload?: boolean } = {}): void {
  const unload = Boolean(opts.unload);
  useEffect(() => {
    if (!message) return;
    const guard = { message };
    guards.add(guard);
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message;
    };
    if (unload) window.addEventListener('beforeunload', beforeUnload);
    return () => {
      guards.delete(guard);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [message, unload]);
}

/** The navigation waiting for the user's answer, and the two answers. */
export function usePendingNavigation() {
  useLocation();
  return {
    pending,
    leave: () => {
      const p = pending;
      pending = null;
      guards.clear();
      if (p) go(p.to, false);
    },
    stay: () => {
      pending = null;
      notify();
    },
  };
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
