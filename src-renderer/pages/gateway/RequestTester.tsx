import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useGatewayTestMutation } from '../../data/gateway/test-mutation';
import type { RoleName, TestRequest, TestResult } from '../../data/gateway/types';

const CALLERS: Array<[TestRequest['caller'], string]> = [['anon_key', 'anon key'], ['jwt', 'anon key + user JWT'], ['service_key', 'service_role key'], ['none', 'no credentials']];
const RESULT_TEXT: Record<string, string> = { disabled: 'skipped', method_mismatch: 'skipped', path_mismatch: 'no match', decides: 'decides' };

/** "rule 2 (reads are fine)" for a user rule, the route pattern for a system rule. */
function decider(result: TestResult) {
  const d = result.decision;
  const step = result.steps.find((s) => s.rule_id === d.decided_by);
  if (step) return <>rule {step.position + 1}{step.description && ` (${step.description})`}</>;
  return <>the built-in access of <code>{result.route?.url ?? d.decided_by}</code></>;
}

function Explanation({ result }: { result: TestResult }) {
  const d = result.decision;
  return (
    <div className="stack" data-testid="test-result">
      <div className={`notice ${d.allowed ? 'notice-ok' : 'notice-error'}`} data-testid="test-decision" data-allowed={d.allowed}>
        <strong>{d.allowed ? 'Allowed' : `Refused: ${d.status} ${d.code ?? ''}`}</strong> {d.message}
        {d.decided_by && <div className="small muted">decided by <span data-testid="test-decided-by">{decider(result)}</span></div>}
      </div>
      {result.route ? (
        <div className="small" data-testid="test-route">
          Route <code>{result.route.method} {result.route.url}</code> (access: {result.route.access.join(', ')}), matched as{' '}
          {result.matched_paths.map((p) => <code key={p} className="pill">{p}</code>)}
          {!result.rules_apply && <span className="muted"> — user rules do not apply to this route</span>}
        </div>
      ) : <div className="small muted">No route answers this path.</div>}
      {result.steps.length > 0 && (
        <ol className="small" data-testid="test-steps">
          {result.steps.map((s) => (
            <li key={s.rule_id} data-testid="test-step" data-result={s.result}>
              rule {s.position + 1} {s.description && <span className="muted">({s.description})</span>}: <strong>{RESULT_TEXT[s.result]}</strong> — {s.reason}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Describes a request and asks the server which rule decides it and why (the evaluator the server itself uses). */
export function RequestTester() {
  const test = useGatewayTestMutation();
  const [method, setMethod] = useState('GET');
  const [path, setPath] = useState('/v1/db/');
  const [caller, setCaller] = useState<TestRequest['caller']>('anon_key');
  const [role, setRole] = useState<RoleName>('authenticated');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    test.mutate({ method, path: path.trim(), caller, ...(caller === 'jwt' ? { jwt_role: role } : {}) });
  };
  return (
    <form className="card stack" onSubmit={submit} data-testid="request-tester">
      <h2 style={{ margin: 0 }}>Test a request</h2>
      <div className="fields">
        <label>Method
          <select value={method} onChange={(e) => setMethod(e.target.value)} data-testid="test-method">
            {['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label style={{ flex: 1, minWidth: 240 }}>Path
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/v1/db/orders?id=eq.1" data-testid="test-path" />
        </label>
        <label>Caller
          <select value={caller} onChange={(e) => setCaller(e.target.value as TestRequest['caller'])} data-testid="test-caller">
            {CALLERS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </label>
        {caller === 'jwt' && (
          <label>JWT role
            <select value={role} onChange={(e) => setRole(e.target.value as RoleName)} data-testid="test-jwt-role">
              {['authenticated', 'anon', 'service_role'].map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
        )}
        <button type="submit" className="btn btn-primary" disabled={test.isPending || !path.startsWith('/')} data-testid="test-submit">Explain</button>
      </div>
      {test.error && <ErrorNotice error={test.error} testId="test-error" />}
      {test.data && <Explanation result={test.data} />}
    </form>
  );
}
