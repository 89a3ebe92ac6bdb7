import type { ConsoleResult, ConsoleRun } from '../../data/sql/types';
import { download, exportResult, type ExportFormat } from './sql-export.utils';
import { ResultGrid } from './ResultGrid';

function ResultCard({ result }: { result: ConsoleResult }) {
  const hasRows = result.columns.length > 0;
  const save = (format: ExportFormat) => {
    const out = exportResult(result, format);
    download(out.text, `result-${result.statement_index + 1}.${out.ext}`, out.mime);
  };
  return (
    <div className="card result-card" data-testid="result-set" data-statement-index={result.statement_index}>
      <div className="toolbar">
        <span className="badge badge-info" data-testid="result-command">{result.command}</span>
        <code className="result-statement" title={result.statement}>{result.statement.length > 90 ? result.statement.slice(0, 90) + '…' : result.statement}</code>
        <span className="spacer" />
        <span className="muted small" data-testid="result-row-count">{result.rowCount.toLocaleString()} row{result.rowCount === 1 ? '' : 's'}</span>
        {result.truncated && <span className="badge badge-warn" title="Raise the row limit to see more" data-testid="result-truncated">truncated at row limit</span>}
        <span className="muted small" data-testid="result-duration">{result.duration_ms} ms</span>
        {hasRows && (
          <span className="row">
            <button type="button" className="btn btn-small" onClick={() => save('csv')} data-testid="export-csv">CSV</button>
            <button type="button" className="btn btn-small" onClick={() => save('json')} data-testid="export-json">JSON</button>
            <button type="button" className="btn btn-small" onClick={() => save('md')} data-testid="export-md">Markdown</button>
          </span>
        )}
      </div>
      {hasRows ? <ResultGrid result={result} testId="result-grid" /> : <p className="muted small">{result.command} completed{result.rowCount ? `, ${result.rowCount} row(s) affected` : ''}.</p>}
    </div>
  );
}

export function ResultsPanel({ run }: { run: ConsoleRun }) {
  return (
    <div data-testid="results-panel">
      <p className="muted small" data-testid="run-summary">
        {run.results.length} statement{run.results.length === 1 ? '' : 's'} in {run.duration_ms} ms
      </p>
      {run.results.map((r) => <ResultCard key={r.statement_index} result={r} />)}
    </div>
  );
}
