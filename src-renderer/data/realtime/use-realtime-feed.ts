// The live feed: one WebSocket to /realtime (the session cookie authenticates it), reconnecting with backoff,
// seeded with the server's recent events. Components get plain state; none of them touch the socket.
import { useEffect, useRef, useState } from 'react';
import { useRealtimeEventsQuery } from './events-query';
import type { RealtimeEvent, ServerMessage } from './types';

export type SocketState = 'connecting' | 'open' | 'closed';

export interface FeedEvent extends RealtimeEvent {
  /** Stable key for lists; `live` marks events that arrived over the socket during this visit. */
  key: string;
  live: boolean;
}

export interface RealtimeFeed {
  socket: SocketState;
  /** Postgres LISTEN connection state as the server last reported it (null: not yet known). */
  listenerConnected: boolean | null;
  channels: string[];
  notices: string[];
  events: FeedEvent[];
  clear: () => void;
}

const MAX_EVENTS = 200;
let seq = 0;

export function realtimeUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/realtime`;
}

const signature = (e: RealtimeEvent) => `${e.timestamp}|${e.schema}.${e.table}|${e.operation}|${JSON.stringify(e.row ?? e.old_row)}`;

export function useRealtimeFeed(opts: { enabled?: boolean } = {}): RealtimeFeed {
  const enabled = opts.enabled ?? true;
  const history = useRealtimeEventsQuery();
  const [socket, setSocket] = useState<SocketState>('connecting');
  const [listenerConnected, setListener] = useState<boolean | null>(null);
  const [channels, setChannels] = useState<string[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const seeded = useRef(false);

  // Seed once with the server's log (oldest first there; newest first here), skipping any already seen live.
  useEffect(() => {
    if (seeded.current || !history.data) return;
    seeded.current = true;
    setEvents((live) => {
      const seen = new Set(live.map(signature));
      const old = history.data.events.filter((e) => !seen.has(signature(e))).map((e) => ({ ...e, key: `h${seq++}`, live: false }));
      return [...live, ...old.sort((a, b) => b.timestamp.localeCompare(a.timestamp))].slice(0, MAX_EVENTS);
    });
  }, [history.data]);

  useEffect(() => {
    if (!enabled) return;
    let ws: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const note = (text: string) => setNotices((n) => [text, ...n].slice(0, 5));
    const onMessage = (raw: string) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(raw) as ServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'event') {
        const { type: _type, ...event } = msg;
        setEvents((old) => [{ ...event, key: `l${seq++}`, live: true }, ...old].slice(0, MAX_EVENTS));
      } else if (msg.type === 'connected') {
        setListener(msg.listener_connected);
        setChannels(msg.channels);
      } else if (msg.type === 'channels') {
        setChannels(msg.channels);
      } else if (msg.type === 'system') {
        setListener(msg.status !== 'disconnected');
        if (msg.channels) setChannels(msg.channels);
        note(msg.message ?? `Database listener ${msg.status}`);
      } else if (msg.type === 'error') {
        note(`${msg.code}: ${msg.message}`);
      }
    };
    const connect = () => {
      setSocket('connecting');
      ws = new WebSocket(realtimeUrl());
      ws.onopen = () => {
        attempt = 0;
        setSocket('open');
      };
      ws.onmessage = (e) => onMessage(typeof e.data === 'string' ? e.data : '');
      ws.onclose = () => {
        if (stopped) return;
        setSocket('closed');
        const delay = Math.min(10_000, 500 * 2 ** attempt++);
        note(`Disconnected from the realtime socket; retrying in ${Math.round(delay / 1000)} s`);
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      ws?.close();
    };
  }, [enabled]);

  return { socket, listenerConnected, channels, notices, events, clear: () => setEvents([]) };
}
