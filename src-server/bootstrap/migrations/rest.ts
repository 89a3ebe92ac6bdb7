// The data API's migrations (versions 10–19): DDL anywhere tells the API to reload its schema cache.
import type { Migration } from './core.js';

export const restMigrations: Migration[] = [
  {
    version: 10,
    name: 'schema cache reload on DDL',
    sql: `
      CREATE OR REPLACE FUNCTION trestle.notify_schema_changed() RETURNS event_trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A constant payload: Postgres folds identical notifications of one transaction into one.
        PERFORM pg_notify('trestle_schema', 'ddl');
      END $$;
      -- Event triggers need a superuser; on an external database without one the cache still reloads on misses.
      DO $$
      BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          DROP EVENT TRIGGER IF EXISTS trestle_schema_ddl;
          DROP EVENT TRIGGER IF EXISTS trestle_schema_drop;
          CREATE EVENT TRIGGER trestle_schema_ddl ON ddl_command_end EXECUTE FUNCTION trestle.notify_schema_changed();
          CREATE EVENT TRIGGER trestle_schema_drop ON sql_drop EXECUTE FUNCTION trestle.notify_schema_changed();
        END IF;
      END $$;
    `,
  },
];
