import type { WebhookStats } from '../../data/webhooks/types';

const CLASS: Record<WebhookStats['health'], string> = { healthy: 'badge-ok', failing: 'badge-bad', paused: 'badge-muted', idle: 'badge-muted' };

export function HealthBadge({ health }: { health: WebhookStats['health'] }) {
  return <span className={`badge ${CLASS[health] ?? 'badge-muted'}`} data-testid="webhook-health">{health}</span>;
}
