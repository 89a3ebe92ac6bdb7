// Shapes of /api/types: the server's own wire types.
export type { GeneratedTypes, TypesSettingsBody as TypesSettings, TypesWrite } from '../../../src-server/typegen/shapes';
