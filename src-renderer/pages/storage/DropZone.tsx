import { useRef, useState, type DragEvent } from 'react';

/** Files dropped here (or picked) upload into the folder being shown. */
export function DropZone({ folder, onFiles }: { folder: string; onFiles: (files: File[], overwrite: boolean) => void }) {
  const [over, setOver] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) onFiles(files, overwrite);
  };
  return (
    <div className={`drop-zone ${over ? 'drop-over' : ''}`} data-testid="drop-zone"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <span>Drop files here to upload them to <code>{folder || '/'}</code>, or</span>
      <button type="button" className="btn btn-small" onClick={() => input.current?.click()} data-testid="upload-pick">choose files</button>
      <input ref={input} type="file" multiple hidden data-testid="upload-input"
        onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; if (files.length) onFiles(files, overwrite); }} />
      <label className="toggle muted">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} data-testid="upload-overwrite" /> overwrite existing files
      </label>
    </div>
  );
}
