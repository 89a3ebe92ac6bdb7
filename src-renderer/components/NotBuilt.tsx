import type { ModuleState } from '../data/modules/modules-query';

/** A section whose server module is not built says so, plainly. */
export function NotBuilt({ title, module }: { title: string; module?: ModuleState }) {
  return (
    <section className="page" data-testid="not-built">
      <h1>{title}</h1>
      <div className="notice">
        <p><strong>Not available in this version of Trestle.</strong></p>
        <p>
          {module
            ? `The ${module.name} module is ${module.enabled ? 'running on the server, but its dashboard page is not built yet' : 'not built yet: its API answers 501 MODULE_NOT_AVAILABLE'}.`
            : 'This section is not built yet.'}
        </p>
      </div>
    </section>
  );
}
