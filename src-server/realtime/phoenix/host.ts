// What a channel needs from the socket it lives on and from the realtime services it shares with every socket.
import type { TrestleContext } from '../../context.js';
import type { ChannelAuthorizer } from '../channel-auth.js';
import type { ChangeDispatcher } from '../dispatcher.js';
import type { SubscriberIdentity } from '../identity.js';
import type { TopicRegistry } from '../topics.js';
import type { PhoenixChannel } from './channel.js';
import type { Vsn } from './serializer.js';

export interface RealtimeServices {
  dispatcher: ChangeDispatcher;
  topics: TopicRegistry;
  authorizer: ChannelAuthorizer;
}

export interface ChannelHost {
  ctx: TrestleContext;
  vsn: Vsn;
  /** The socket's own credentials: what a channel without an access_token sees with. */
  connection: SubscriberIdentity;
  services: RealtimeServices;
  /** A text frame (string, or its UTF-8 bytes when shared by many sockets), or a binary one (`binary: true`). */
  send(data: string | Buffer, binary?: boolean): void;
  /** The channel is over (server-side close): forget it everywhere. */
  detach(channel: PhoenixChannel): void;
}
