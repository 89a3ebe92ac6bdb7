import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useAdvisorsQuery } from '../data/advisors/advisors-query';
import type { AdvisorKind, Lint } from '../data/advisors/types';
import { useModuleState } from '../data/modules/module-state';
import { FixDialog } from './advisors/FixDialog';
import { LintList } from './advisors/LintList';

const TABS: Array<{ id: AdvisorKind; title: string }> = [{ id: 'security', title: 'Security' }, { id: 'performance', title: 'Performance' }];

/** Supabase's security and performance lints for the active database, each with a fix to review and run. */
export function AdvisorsPage() {
  const module = useModuleState('advisors');
  const [kind, setKind] = useState<AdvisorKind>('security');
  const [fixing, setFixing] = useState<Lint | null>(null);
  const [fixed, setFixed] = useState<string | null>(null);
  const lints = useAdvisorsQuery(kind);
  return (
    <ModuleGate title="Advisors" module={module} error={lints.error}>
      <section className="page" data-testid="advisors-page">
        <h1>Advisors</h1>
        <nav className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={t.id === kind} className={`tab ${t.id === kind ? 'active' : ''}`}
              onClick={() => setKind(t.id)} data-testid={`advisors-tab-${t.id}`}>{t.title}</button>
          ))}
        </nav>
        {fixed && <div className="notice notice-ok" data-testid="fix-result">Fixed: {fixed}</div>}
        {lints.error && <ErrorNotice error={lints.error} />}
        {lints.data && (
          <div className="card">
            {lints.data.lints.length ? <LintList lints={lints.data.lints} onFix={setFixing} /> : <p className="muted" data-testid="lints-empty">Nothing to report.</p>}
          </div>
        )}
        {fixing && (
          <FixDialog lint={fixing} onCancel={() => setFixing(null)} onDone={() => { setFixed(fixing.detail); setFixing(null); }} />
        )}
      </section>
    </ModuleGate>
  );
}
