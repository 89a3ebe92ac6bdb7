import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';
import { storageKeys } from './keys';
import { objectApiPath } from './paths';

const PREVIEW_BYTES = 64 * 1024;

/** The start of a text file, for its preview (a Range request: large files are not fetched whole). */
export function useObjectTextQuery(bucket: string, path: string, enabled: boolean, version: string | null) {
  return useQuery({
    queryKey: [...storageKeys.entriesOf(bucket), 'text', path, version],
    enabled,
    queryFn: async () => {
      const res = await apiFetch(objectApiPath(bucket, path), { headers: { range: `bytes=0-${PREVIEW_BYTES - 1}` } });
      const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      return { text: await res.text(), partial: total !== null && Number(total[1]) > PREVIEW_BYTES };
    },
  });
}
