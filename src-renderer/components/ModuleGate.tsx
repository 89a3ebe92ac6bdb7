import type { ReactNode } from 'react';
import type { ModuleState } from '../data/modules/modules-query';
import { ApiRequestError } from '../lib/api';
import { NotBuilt } from './NotBuilt';

/** True when the server says the module is missing: /api/modules reports it, or its API answered 501. */
export function moduleMissing(module: ModuleState | undefined, error: unknown): boolean {
  if (module && module.status === 'not_available') return true;
  return error instanceof ApiRequestError && (error.code === 'MODULE_NOT_AVAILABLE' || error.status === 501);
}

/** Renders the page, or the NotBuilt notice while the server module is unavailable. */
export function ModuleGate({ title, module, error, inline = false, children }: {
  title: string;
  module: ModuleState | undefined;
  error?: unknown;
  /** Inside a page (a tab): a notice instead of a whole NotBuilt page. */
  inline?: boolean;
  children: ReactNode;
}) {
  if (moduleMissing(module, error)) {
    if (!inline) return <NotBuilt title={title} module={module ?? undefined} />;
    return (
      <div className="notice" data-testid="not-built">
        <strong>{title} is not available in this version of Trestle.</strong> Its server module is not built yet: its API answers 501 MODULE_NOT_AVAILABLE.
      </div>
    );
  }
  return <>{children}</>;
}
