// The editor/results split of the console: the editor takes a share of the window's height (so it follows the
// window), dragged with the splitter and kept in localStorage.
import { useRef, useState } from 'react';

const KEY = 'trestle.sql.split';

export function useSplit() {
  const container = useRef<HTMLDivElement>(null);
  const [percent, setPercent] = useState(() => {
    const saved = Number(localStorage.getItem(KEY));
    return saved >= 15 && saved <= 85 ? saved : 45;
  });
  const start = (e: React.MouseEvent) => {
    e.preventDefault();
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const move = (ev: MouseEvent) => {
      const p = Math.min(85, Math.max(15, ((ev.clientY - box.top) / box.height) * 100));
      setPercent(p);
      localStorage.setItem(KEY, String(Math.round(p)));
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  return { container, percent, start };
}
