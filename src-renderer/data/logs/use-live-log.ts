// A log shown live: the backlog from a JSON endpoint, then new entries from /api/logs/stream (server-sent events).
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';

const MAX = 2000;

export function useLiveLog<T extends { id: number }>(opts: { queryKey: readonly unknown[]; fetchBacklog: () => Promise<T[]>; streamUrl: string | null; paused: boolean }) {
  const backlog = useQuery({ queryKey: opts.queryKey, queryFn: opts.fetchBacklog, staleTime: Infinity, gcTime: 0 });
  const [live, setLive] = useState<T[]>([]);
  const [connected, setConnected] = useState(false);
  const { streamUrl, paused } = opts;
  useEffect(() => setLive([]), [backlog.dataUpdatedAt]);
  useEffect(() => {
    if (!streamUrl || paused || !backlog.data) return;
    const source = new EventSource(streamUrl);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('entry', (e) => {
      const entry = JSON.parse((e as MessageEvent<string>).data) as T;
      setLive((l) => [...l, entry].slice(-MAX));
    });
    return () => {
      source.close();
      setConnected(false);
    };
  }, [streamUrl, paused, backlog.data]);
  const seen = new Set((backlog.data ?? []).map((e) => e.id));
  const entries = [...(backlog.data ?? []), ...live.filter((e) => !seen.has(e.id))].slice(-MAX);
  return { entries, error: backlog.error, loading: backlog.isLoading, connected, reload: () => backlog.refetch() };
}
