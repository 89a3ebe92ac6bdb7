import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';

export interface CreateUserInput {
  email: string;
  password: string;
  email_confirm: boolean;
}

export function CreateUserForm({ onCreate, busy, error }: { onCreate: (input: CreateUserInput, done: () => void) => void; busy: boolean; error: unknown }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCreate({ email: email.trim(), password, email_confirm: confirmed }, () => { setEmail(''); setPassword(''); });
  };
  return (
    <form className="card" onSubmit={submit} data-testid="auth-create-form">
      <h2>Add a user</h2>
      <div className="row">
        <label className="field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="auth-create-email" />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="text" required minLength={6} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="auth-create-password" />
        </label>
        <label className="toggle" style={{ alignSelf: 'center' }}>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="auth-create-confirmed" /> Email confirmed
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || !email || !password} data-testid="auth-create-submit" style={{ alignSelf: 'flex-end', marginBottom: 8 }}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
      {Boolean(error) && <ErrorNotice error={error} testId="auth-create-error" />}
    </form>
  );
}
