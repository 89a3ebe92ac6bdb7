// The types area's wire shapes, with no imports: the dashboard re-exports them (src-renderer/data/types/types.ts).
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
}

export interface TypesSettingsBody extends TypesSettings {
  last_write: TypesWrite | null;
  last_error: string | null;
}
