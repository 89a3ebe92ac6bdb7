import { useMemo, useState } from 'react';
import { Modal } from '../../components/studio/Modal';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { TableDetails } from '../../data/sql/sql-table-details-query';
import { useTableImportMutation } from '../../data/table-editor/table-import-mutation';
import { parseCsv } from './csv.utils';
import { useInsertWebhooks, WebhookFloodWarning } from './WebhookFloodWarning';

/** CSV import: pick a file (or paste), preview the first rows, map each CSV column to a table column or skip it. */
export function ImportCsvDialog({ details, onClose }: { details: TableDetails; onClose: () => void }) {
  const [csv, setCsv] = useState('');
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [floodOk, setFloodOk] = useState(false);
  const rowCount = useMemo(() => Math.max(0, parseCsv(csv).length - 1), [csv]);
  const floods = useInsertWebhooks(details.schema, details.name).length > 0 && rowCount >= 2;
  const imp = useTableImportMutation();
  const preview = useMemo(() => parseCsv(csv, 6), [csv]);
  const headers = (preview[0] ?? []).map((h) => (h ?? '').trim());
  const names = details.columns.map((c) => c.name);
  const targetOf = (h: string) => (h in mapping ? mapping[h] : names.includes(h) ? h : null);
  const mapped = headers.filter((h) => targetOf(h) !== null);
  const fullMapping = Object.fromEntries(headers.map((h) => [h, targetOf(h)]));
  const readFile = (f: File | undefined) => f && f.text().then((t) => { setCsv(t); setMapping({}); });
  return (
    <Modal title={`Import CSV into ${details.schema}.${details.name}`} onClose={onClose} testId="import-dialog" wide
      discardMessage={csv.trim() && !imp.data ? 'Close the import? The pasted CSV will be lost.' : null}>
      <div className="row">
        <input type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.target.files?.[0])} data-testid="import-file" />
        <span className="muted small">or paste below. The first line must name the columns. All rows are inserted in one transaction.</span>
      </div>
      <textarea rows={5} style={{ width: '100%', marginTop: 8 }} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder="id,name&#10;1,Ada" data-testid="import-text" />
      {headers.length > 0 && (
        <div className="import-preview" data-testid="import-preview">
          <table className="data">
            <thead>
              <tr>{headers.map((h) => <th key={h}>{h}</th>)}</tr>
              <tr>
                {headers.map((h) => (
                  <th key={h}>
                    <select value={targetOf(h) ?? ''} onChange={(e) => setMapping({ ...mapping, [h]: e.target.value || null })} data-testid="import-map" data-header={h}>
                      <option value="">(skip)</option>
                      {names.map((n) => <option key={n} value={n}>{n}</option>)}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.slice(1).map((r, i) => <tr key={i} data-testid="import-preview-row">{headers.map((_h, k) => <td key={k}>{r[k] ?? <em className="muted">NULL</em>}</td>)}</tr>)}
            </tbody>
          </table>
        </div>
      )}
      <WebhookFloodWarning schema={details.schema} table={details.name} rows={rowCount} acknowledged={floodOk} onAcknowledge={setFloodOk} />
      {imp.error && <ErrorNotice error={imp.error} testId="import-error" />}
      {imp.data && <p className="notice" data-testid="import-done">Imported {imp.data.inserted} rows.</p>}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="import-close">Close</button>
        <button type="button" className="btn btn-primary" disabled={mapped.length === 0 || imp.isPending || (floods && !floodOk)}
          onClick={() => imp.mutate({ schema: details.schema, table: details.name, csv, header: true, mapping: fullMapping })} data-testid="import-submit">
          {imp.isPending ? 'Importing…' : `Import (${mapped.length} column${mapped.length === 1 ? '' : 's'})`}
        </button>
      </div>
    </Modal>
  );
}
