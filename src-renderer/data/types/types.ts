// Shapes of /api/types (src-server/routes/typegen/schemas.ts).
export interface GeneratedTypes {
  types: string;
  schemas: string[];
  database: string;
}

export interface TypesWrite {
  file: string;
  bytes: number;
  changed: boolean;
  written_at: string;
}

export interface TypesSettings {
  file: string | null;
  schemas: string[];
  write_on_change: boolean;
  last_write: TypesWrite | null;
  last_error: string | null;
}
