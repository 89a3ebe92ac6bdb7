import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { queryDb } from '../../../test/helpers/db.js';
import { backupRuntime } from '../../backups/runtime.js';

let t: TestApp;

const q = queryDb;
const notes = async (db: string) => (await q<{ body: string }>(db, 'SELECT body FROM public.notes ORDER BY id')).map((r) => r.body);
const snapshot = async (label = 'snap') => {
  const res = await t.service({ method: 'POST', url: '/api/backups', payload: { label } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().backup;
};

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.end();
  await q(t.database, `CREATE TABLE public.notes (id serial PRIMARY KEY, body text NOT NULL); INSERT INTO public.notes (body) VALUES ('first')`);
});
afterAll(async () => t?.close());

describe('backups', () => {
  it('takes a snapshot as a closed template database, listed with status, size and duration', async () => {
    const backup = await snapshot('before');
    expect(backup).toMatchObject({ label: 'before', kind: 'manual', status: 'completed', source_database: t.database });
    expect(backup.database_name).toMatch(/^trestle_backup_[0-9a-z]+$/);
    expect(backup.size_bytes).toBeGreaterThan(1_000_000);
    expect(backup.duration_ms).toBeGreaterThanOrEqual(0);
    const [db] = await q(t.database, 'SELECT datallowconn, datistemplate FROM pg_database WHERE datname = $1', [backup.database_name]);
    expect(db).toEqual({ datallowconn: false, datistemplate: true });
    const list = (await t.service({ method: 'GET', url: '/v1/backups' })).json().backups;
    expect(list.map((b: { id: string }) => b.id)).toContain(backup.id);
    expect((await q(t.database, 'SELECT action FROM trestle.audit_log WHERE resource_id = $1', [backup.id]))).toEqual([{ action: 'backup.create' }]);
    const snap2 = await t.service({ method: 'POST', url: '/api/backups/snapshot', payload: {} });
    expect(snap2.statusCode).toBe(201);
  });

  it('restores into a new branch by default', async () => {
    const backup = await snapshot('for branch');
    await q(t.database, `INSERT INTO public.notes (body) VALUES ('after snapshot')`);
    const res = await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const { branch, target } = res.json();
    expect(target).toBe('branch');
    expect(branch.source_backup_id).toBe(backup.id);
    expect(await notes(branch.database_name)).toEqual(['first']);
    expect(await notes(t.database)).toEqual(['first', 'after snapshot']);
    await q(t.database, `DELETE FROM public.notes WHERE body = 'after snapshot'`);
  });

  it('restores over main only when confirmed; data comes back, Trestle\'s own rows and keys stay, and it can be undone', async () => {
    const backup = await snapshot('good state');
    // Changes after the snapshot: user data, and Trestle's own state (a new key, audit entries).
    await q(t.database, `UPDATE public.notes SET body = 'broken'; DROP TABLE IF EXISTS public.extra; CREATE TABLE public.extra (x int)`);
    const { secret: newSecret, key: newKey } = (await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'service_role', label: 'made after the snapshot' } })).json();

    const unconfirmed = await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: { target: 'main' } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json()).toMatchObject({ code: 'CONFIRMATION_REQUIRED', detail: { replaces: t.database } });
    expect(await notes(t.database)).toEqual(['broken']);

    const res = await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: { target: 'main', confirm: true } });
    expect(res.statusCode, res.body).toBe(200);
    const { replaced_backup: replaced } = res.json();
    expect(replaced).toMatchObject({ kind: 'pre_restore', status: 'completed', source_database: t.database });
    expect(await notes(t.database)).toEqual(['first']);
    expect(await q(t.database, `SELECT 1 FROM pg_class WHERE relname = 'extra'`)).toEqual([]);

    // Keys made after the snapshot still work; the old service key too; the audit log kept its history.
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: newSecret } })).statusCode).toBe(200);
    expect((await t.service({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
    expect((await q(t.database, 'SELECT action FROM trestle.audit_log WHERE resource_id = $1', [newKey.id]))).toEqual([{ action: 'key.create' }]);
    expect((await q(t.database, `SELECT count(*)::int AS n FROM trestle.audit_log WHERE action = 'backup.restore'`))[0].n).toBe(1);
    const listed = (await t.service({ method: 'GET', url: '/api/backups' })).json().backups.map((b: { id: string }) => b.id);
    expect(listed).toEqual(expect.arrayContaining([backup.id, replaced.id]));
    // New rows after a restore get fresh ids (sequences came back with the data).
    await q(t.database, `INSERT INTO public.notes (body) VALUES ('later')`);

    const undo = await t.service({ method: 'POST', url: `/api/backups/${replaced.id}/restore`, payload: { target: 'main', confirm: true } });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(await notes(t.database)).toEqual(['broken']);
    expect(await q(t.database, `SELECT 1 FROM pg_class WHERE relname = 'extra'`)).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: newSecret } })).statusCode).toBe(200);
    await q(t.database, `UPDATE public.notes SET body = 'first'; DROP TABLE public.extra`);
  });

  it('deletes a backup and its database; rejects unknown ids', async () => {
    const backup = await snapshot('to delete');
    const del = await t.service({ method: 'DELETE', url: `/api/backups/${backup.id}` });
    expect(del.statusCode).toBe(200);
    expect(await q(t.database, 'SELECT 1 FROM pg_database WHERE datname = $1', [backup.database_name])).toEqual([]);
    expect((await t.service({ method: 'DELETE', url: `/api/backups/${backup.id}` })).statusCode).toBe(404);
    expect((await t.service({ method: 'POST', url: '/api/backups/nope/restore', payload: {} })).statusCode).toBe(404);
    expect((await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: { target: 'elsewhere' } })).statusCode).toBe(400);
  });

  it('the schedule is off by default; when on it snapshots when due and keeps the newest K', async () => {
    const status = (await t.service({ method: 'GET', url: '/api/backups/schedule' })).json();
    expect(status.schedule.enabled).toBe(false);
    const { scheduler } = backupRuntime(t.ctx);
    expect(await scheduler.tick()).toBeNull();
    const put = await t.service({ method: 'PUT', url: '/api/backups/schedule', payload: { enabled: true, every_hours: 6, keep: 2 } });
    expect(put.statusCode).toBe(200);
    const now = Date.now() + 60_000;
    scheduler.clock = () => new Date(now);
    for (let i = 0; i < 3; i++) {
      expect(await scheduler.tick()).toMatchObject({ kind: 'scheduled', status: 'completed' });
      expect(await scheduler.tick()).toBeNull(); // not due again yet
      await q(t.database, `UPDATE trestle.backups SET created_at = created_at - interval '7 hours' WHERE kind = 'scheduled'`);
    }
    const scheduled = (await t.service({ method: 'GET', url: '/api/backups' })).json().backups.filter((b: { kind: string }) => b.kind === 'scheduled');
    expect(scheduled).toHaveLength(2);
    expect((await t.service({ method: 'GET', url: '/api/backups/schedule' })).json().last_scheduled_at).not.toBeNull();
    await t.service({ method: 'PUT', url: '/api/backups/schedule', payload: { enabled: false, every_hours: 6, keep: 2 } });
    scheduler.clock = () => new Date();
    expect((await t.service({ method: 'PUT', url: '/api/backups/schedule', payload: { enabled: true, every_hours: 0, keep: 2 } })).statusCode).toBe(400);
  });
});
