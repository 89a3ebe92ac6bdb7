// Trestle's registry of branch databases and backup snapshots (versions 40–49).
import type { Migration } from './core.js';

export const branchesMigrations: Migration[] = [
  {
    version: 40,
    name: 'branches and backups registry',
    sql: `
      CREATE TABLE trestle.branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        database_name text NOT NULL UNIQUE,
        label text NOT NULL,
        parent text NOT NULL,
        status text NOT NULL DEFAULT 'ready' CHECK (status IN ('creating', 'ready', 'failed', 'deleted')),
        copy_method text,
        duration_ms integer,
        ttl_hours integer NOT NULL DEFAULT 0 CHECK (ttl_hours >= 0),
        expires_at timestamptz,
        source_backup_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        reset_at timestamptz,
        deleted_at timestamptz
      );
      CREATE INDEX branches_expiry_idx ON trestle.branches (expires_at) WHERE status = 'ready' AND expires_at IS NOT NULL;

      CREATE TABLE trestle.backups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        database_name text NOT NULL UNIQUE,
        source_database text NOT NULL,
        kind text NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'scheduled', 'pre_restore')),
        label text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed', 'failed', 'deleted')),
        size_bytes bigint,
        duration_ms integer,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        deleted_at timestamptz
      );
    `,
  },
  {
    version: 41,
    name: 'backups imported from SQL files',
    sql: `
      ALTER TABLE trestle.backups DROP CONSTRAINT backups_kind_check;
      ALTER TABLE trestle.backups ADD CONSTRAINT backups_kind_check CHECK (kind IN ('manual', 'scheduled', 'pre_restore', 'imported'));
    `,
  },
];
