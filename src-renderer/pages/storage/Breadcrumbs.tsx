import { Link } from '../../lib/router';
import { crumbs, storagePath } from './storage-path.utils';

export function Breadcrumbs({ bucket, prefix }: { bucket: string; prefix: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Folder" data-testid="breadcrumbs">
      <span className="muted">Folder: </span>
      <Link to={storagePath(bucket)} data-testid="crumb">{bucket}</Link>
      {crumbs(prefix).map((c) => (
        <span key={c.prefix}> / <Link to={storagePath(bucket, c.prefix)} data-testid="crumb">{c.name}</Link></span>
      ))}
    </nav>
  );
}
