// Gateway rules, in evaluation order (versions 90–94).
import type { Migration } from './core.js';

export const gatewayMigrations: Migration[] = [
  {
    version: 90,
    name: 'gateway rules',
    sql: `
      CREATE TABLE trestle.gateway_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL CHECK (position >= 0),
        description text NOT NULL DEFAULT '',
        methods text[] NOT NULL DEFAULT '{}',
        path text NOT NULL,
        authenticate text[] NOT NULL,
        authorize jsonb NOT NULL,
        rate_limit jsonb,
        upstream text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT gateway_rules_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED
      );

      -- The running server compiles the rules into matchers; tell it when they change, whoever changes them.
      CREATE FUNCTION trestle.notify_gateway_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('trestle_gateway', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER gateway_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trestle.gateway_rules
        FOR EACH STATEMENT EXECUTE FUNCTION trestle.notify_gateway_changed();
    `,
  },
];
