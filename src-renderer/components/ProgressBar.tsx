import { useEffect, useState } from 'react';

/** An indeterminate progress bar with the seconds elapsed, for operations whose duration is unknown. */
export function ProgressBar({ label, testId = 'progress' }: { label: string; testId?: string }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  return (
    <div className="progress" role="progressbar" aria-label={label} data-testid={testId}>
      <div className="progress-label">{label} <span className="muted">{((now - started) / 1000).toFixed(1)} s</span></div>
      <div className="progress-track"><div className="progress-bar" /></div>
    </div>
  );
}
