import { Link } from '../lib/router';
import { SECTIONS } from '../sections';
import { ThemeSwitch } from './ThemeSwitch';

export function Sidebar({ pathname, healthy }: { pathname: string; healthy: boolean | undefined }) {
  return (
    <nav className="sidebar" data-testid="sidebar">
      <div className="brand">
        <span className="brand-mark">⊓</span> Trestle
        <span className={`dot ${healthy === undefined ? '' : healthy ? 'dot-ok' : 'dot-bad'}`} title={healthy ? 'Server healthy' : 'Server unhealthy'} />
      </div>
      {SECTIONS.map((s) => (
        <Link key={s.path} to={s.path} className={`nav-item ${pathname === s.path || pathname.startsWith(s.path + '/') ? 'active' : ''}`} data-testid={`nav-${s.id}`}>
          {s.title}
        </Link>
      ))}
      <div className="sidebar-foot">
        <ThemeSwitch />
        <span className="small muted">Press <kbd>?</kbd> for shortcuts</span>
      </div>
    </nav>
  );
}
