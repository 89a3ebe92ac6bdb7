import { useState, type FormEvent } from 'react';
import type { GatewayRule, RoleName, RuleInput, RuleMethod } from '../../data/gateway/types';

const METHODS: RuleMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ROLES: RoleName[] = ['anon', 'authenticated', 'service_role'];
const CALLERS = [['api_key', 'API key'], ['jwt', 'user JWT'], ['anonymous', 'no credentials (upstream rules only)']] as const;
type Action = 'allow' | 'deny' | 'roles';

function toggled<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Create or edit a user rule; the server validates (bad globs, unknown roles, protected paths) and says why. */
export function RuleForm({ initial, busy, onSubmit, onCancel }: {
  initial?: GatewayRule;
  busy: boolean;
  onSubmit: (input: RuleInput) => void;
  onCancel: () => void;
}) {
  const a = initial?.authorize;
  const [description, setDescription] = useState(initial?.description ?? '');
  const [path, setPath] = useState(initial?.match.path ?? '');
  const [methods, setMethods] = useState<RuleMethod[]>(initial?.match.methods ?? []);
  const [authenticate, setAuthenticate] = useState<string[]>(initial?.authenticate ?? ['api_key']);
  const [action, setAction] = useState<Action>(a ? ('deny' in a ? 'deny' : 'roles' in a ? 'roles' : 'allow') : 'roles');
  const [roles, setRoles] = useState<RoleName[]>(a && 'roles' in a ? a.roles : ['authenticated', 'service_role']);
  const [limit, setLimit] = useState(initial?.rate_limit ? String(initial.rate_limit.requests_per_minute) : '');
  const [scope, setScope] = useState(initial?.rate_limit?.scope ?? 'caller');
  const [upstream, setUpstream] = useState(initial?.upstream ?? '');
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    onSubmit({
      description: description.trim(),
      match: { methods, path: path.trim() },
      authenticate,
      authorize: action === 'roles' ? { roles } : action === 'deny' ? { deny: true } : { allow: true },
      rate_limit: limit.trim() ? { requests_per_minute: Number(limit), scope } : null,
      upstream: upstream.trim() || null,
      enabled,
    });
  };
  return (
    <form className="stack" onSubmit={submit} data-testid="rule-form">
      <label>Path (glob: <code>*</code> one segment, <code>**</code> any depth)
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/v1/db/orders or /functions/v1/**" required data-testid="rule-path" />
      </label>
      <fieldset className="fields" data-testid="rule-methods">
        <legend className="muted">Methods (none: every method; GET includes HEAD)</legend>
        {METHODS.map((m) => (
          <label key={m} className="toggle">
            <input type="checkbox" checked={methods.includes(m)} onChange={() => setMethods(toggled(methods, m))} data-testid={`rule-method-${m}`} /> {m}
          </label>
        ))}
      </fieldset>
      <fieldset className="fields" data-testid="rule-authenticate">
        <legend className="muted">Accepts callers with</legend>
        {CALLERS.map(([k, label]) => (
          <label key={k} className="toggle">
            <input type="checkbox" checked={authenticate.includes(k)} onChange={() => setAuthenticate(toggled(authenticate, k))} data-testid={`rule-auth-${k}`} /> {label}
          </label>
        ))}
      </fieldset>
      <div className="fields">
        <label>Then
          <select value={action} onChange={(e) => setAction(e.target.value as Action)} data-testid="rule-action">
            <option value="roles">allow these roles only</option>
            <option value="allow">allow</option>
            <option value="deny">deny</option>
          </select>
        </label>
        {action === 'roles' && ROLES.map((r) => (
          <label key={r} className="toggle">
            <input type="checkbox" checked={roles.includes(r)} onChange={() => setRoles(toggled(roles, r))} data-testid={`rule-role-${r}`} /> {r}
          </label>
        ))}
      </div>
      <div className="fields">
        <label>Rate limit (requests/min)
          <input type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} placeholder="none" data-testid="rule-rate-limit" />
        </label>
        <label>Counted
          <select value={scope} onChange={(e) => setScope(e.target.value as 'caller' | 'rule')} data-testid="rule-rate-scope">
            <option value="caller">per caller</option>
            <option value="rule">for everyone together</option>
          </select>
        </label>
      </div>
      <label>Upstream (forward matching requests under /functions/v1 or /graphql/v1 to a local service)
        <input value={upstream} onChange={(e) => setUpstream(e.target.value)} placeholder="http://127.0.0.1:9000" data-testid="rule-upstream" />
      </label>
      <label>Description
        <input value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} placeholder="why this rule exists" data-testid="rule-description" />
      </label>
      <label className="toggle">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="rule-enabled" /> Enabled
      </label>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel} data-testid="rule-cancel">Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={busy || !path.trim()} data-testid="rule-save">{busy ? 'Saving…' : initial ? 'Save rule' : 'Add rule'}</button>
      </div>
    </form>
  );
}
