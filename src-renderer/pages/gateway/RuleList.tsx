import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import type { GatewayRule } from '../../data/gateway/types';
import { authenticateText, authorizeText, limitText, methodsText } from './rule-text';

export interface RuleListProps {
  rules: GatewayRule[];
  busy: boolean;
  onMove: (rule: GatewayRule, to: number, done: () => void) => void;
  onToggle: (rule: GatewayRule) => void;
  onEdit: (rule: GatewayRule) => void;
  onDelete: (rule: GatewayRule) => void;
}

function RuleRow({ rule, index, busy, onToggle, onEdit, onDelete }: Omit<RuleListProps, 'rules' | 'onMove'> & { rule: GatewayRule; index: number }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: rule.id, disabled: busy });
  const limit = limitText(rule);
  return (
    <tr ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : rule.enabled ? 1 : 0.55 }}
      data-testid="rule-row" data-rule-id={rule.id} data-enabled={rule.enabled}>
      <td>
        <button type="button" ref={setActivatorNodeRef} className="btn btn-small drag-handle" aria-label={`Move rule ${index + 1}`} {...attributes} {...listeners} data-testid="rule-drag">⠿</button>
      </td>
      <td data-testid="rule-position">{index + 1}</td>
      <td>
        <code data-testid="rule-path-text">{rule.match.path}</code>
        <div className="small muted">{methodsText(rule)}{rule.description ? ` — ${rule.description}` : ''}</div>
      </td>
      <td className="small">{authenticateText(rule)}</td>
      <td>
        <span className={`badge ${'deny' in rule.authorize ? 'badge-bad' : 'allow' in rule.authorize ? 'badge-ok' : 'badge-info'}`} data-testid="rule-authorize">{authorizeText(rule.authorize)}</span>
        {limit && <div className="small muted">{limit}</div>}
      </td>
      <td className="small">{rule.upstream ? <code data-testid="rule-upstream-text">→ {rule.upstream}</code> : <span className="muted">—</span>}</td>
      <td>
        <label className="toggle small">
          <input type="checkbox" checked={rule.enabled} disabled={busy} onChange={() => onToggle(rule)} data-testid="rule-toggle" /> on
        </label>
      </td>
      <td className="actions">
        <button type="button" className="btn btn-small" onClick={() => onEdit(rule)} data-testid="rule-edit">Edit</button>{' '}
        <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(rule)} data-testid="rule-delete">Delete</button>
      </td>
    </tr>
  );
}

/** User rules in evaluation order; drag a row (or focus its handle, Space, arrows, Space) to move it. */
export function RuleList({ rules, busy, onMove, ...row }: RuleListProps) {
  const [order, setOrder] = useState<string[] | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byId = new Map(rules.map((r) => [r.id, r]));
  const shown = (order ?? rules.map((r) => r.id)).map((id) => byId.get(id)).filter((r): r is GatewayRule => r !== undefined);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = shown.map((r) => r.id);
    const to = ids.indexOf(String(over.id));
    setOrder(arrayMove(ids, ids.indexOf(String(active.id)), to));
    onMove(byId.get(String(active.id))!, to, () => setOrder(null));
  };
  if (rules.length === 0) return <p className="muted" data-testid="rules-empty">No rules yet: every route answers as its built-in access level says (system rules below).</p>;
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <table className="data" data-testid="rules-table">
        <thead>
          <tr><th /><th>#</th><th>Path</th><th>Accepts</th><th>Then</th><th>Upstream</th><th /><th /></tr>
        </thead>
        <SortableContext items={shown.map((r) => r.id)} strategy={verticalListSortingStrategy}>
          <tbody>
            {shown.map((rule, index) => <RuleRow key={rule.id} rule={rule} index={index} busy={busy} {...row} />)}
          </tbody>
        </SortableContext>
      </table>
    </DndContext>
  );
}
