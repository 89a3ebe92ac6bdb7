// Shapes of /api/auth, shared with the server (a type-only module with no imports).
export type {
  AccountSummary as AuthUser, AuthSettings, AuthSettingsResponse, IdentitySummary as AuthIdentity, ImpersonationToken, InboxMessage,
} from '../../../src-server/auth/wire-types';
