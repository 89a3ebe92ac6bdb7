// Every error the realtime protocols report, in one table: reasons of refused joins and pushes, `system` messages
// that close a channel, and the HTTP errors of the broadcast endpoint. Wording follows Supabase Realtime where it
// has one, so apps that match on it keep working.
import { ApiError } from '../errors.js';

export const RealtimeError = {
  /** Join replies ({status: 'error', response: {reason}}). */
  join: {
    topicRequired: 'TopicNameRequired: You must provide a topic name',
    unmatchedTopic: 'unmatched topic',
    tooManyChannels: 'ChannelRateLimitReached: Too many channels',
    invalidToken: (why: string) => `InvalidJWTToken: ${why}`,
    invalidKey: 'InvalidJWTToken: The access_token is an API key that is unknown or revoked',
    unauthorized: (topic: string) => `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
    postgresChanges: (why: string) => `RealtimeDisabledForConfiguration: ${why}`,
    databaseUnavailable: 'UnableToConnectToProject: Realtime was unable to connect to the project database',
  },
  /** `system` messages that end a channel (followed by phx_close). */
  shutdown: {
    tokenExpired: 'Token has expired',
    invalidToken: (why: string) => `Invalid token: ${why}`,
    keyRevoked: 'The API key used by this channel was revoked',
    readRevoked: (topic: string) => `You no longer have permission to read from this Channel topic: ${topic}`,
  },
  /** `system` messages about postgres_changes bindings. */
  postgresChanges: {
    subscribed: 'Subscribed to PostgreSQL',
    replicationReady: 'Replication connection established',
    invalid: (why: string) => `Unable to subscribe to changes with given parameters. ${why}`,
  },
  /** Reasons of refused pushes. */
  push: {
    presencePayload: 'Presence track payload must be a map',
    presenceUnauthorized: 'Unauthorized: You do not have permissions to track presence on this Channel topic',
    broadcastUnauthorized: 'Unauthorized: You do not have permissions to broadcast on this Channel topic',
    unknownPresenceEvent: 'Unknown presence event; use track or untrack',
    payloadTooLarge: 'payload_size_exceeded',
  },
  /** WebSocket close reasons (codes are 4000 + the HTTP status they correspond to). */
  close: {
    keyRevoked: { code: 4001, reason: 'API key revoked' },
    sessionEnded: { code: 4001, reason: 'Dashboard session ended' },
    tooSlow: { code: 4008, reason: 'Client too slow: messages piled up' },
    idle: { code: 4008, reason: 'No message (heartbeat) for too long' },
    shutdown: { code: 1001, reason: 'Server shutting down' },
  },
} as const;

/** Filter problems found when a postgres_changes binding is checked at join. */
export const FilterError = {
  syntax: (filter: string) => `filter "${filter}" is not of the form column=operator.value`,
  operator: (op: string) => `filter operator "${op}" is not supported (eq, neq, lt, lte, gt, gte, in, is, like, ilike, optionally with not.)`,
  column: (column: string, table: string) => `column "${column}" of the filter does not exist in ${table}`,
  privilege: (column: string) => `the subscriber's role may not SELECT column "${column}" of the filter`,
  value: (value: string, type: string) => `"${value}" is not a valid ${type} value for the filter`,
  tableRequired: 'a filter needs a table',
  noSuchTable: (table: string) => `table ${table} does not exist`,
  notPublished: (table: string) => `table ${table} is not in the supabase_realtime publication (alter publication supabase_realtime add table ${table})`,
  nothingPublished: (schema: string) => `no table of schema ${schema} is in the supabase_realtime publication`,
  event: (event: string) => `event "${event}" is not one of *, INSERT, UPDATE, DELETE`,
  select: (column: string) => `column "${column}" of select does not exist or may not be read by the subscriber's role`,
} as const;

/** POST /realtime/v1/api/broadcast */
export const BroadcastHttpError = {
  invalid: (why: string) => new ApiError(422, 'INVALID_BROADCAST', `Invalid broadcast: ${why}`, {
    hint: 'Send {"messages": [{"topic": "room-1", "event": "message", "payload": {...}, "private": false}]}',
  }),
  unauthorized: (topic: string) => new ApiError(401, 'BROADCAST_UNAUTHORIZED', `You do not have permissions to broadcast on the private topic ${topic}`, {
    hint: 'Private topics need an INSERT policy on realtime.messages for extension broadcast',
  }),
  invalidToken: (why: string) => new ApiError(401, 'INVALID_TOKEN', `Invalid token: ${why}`),
} as const;
