import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { monaco, SQL_LANGUAGE } from './monaco';

export interface SqlEditorHandle {
  getValue(): string;
  setValue(sql: string): void;
  /** The selected text and where it starts (1-based line/column), or null when nothing is selected. */
  getSelection(): { text: string; line: number; column: number } | null;
  /** Offset of the cursor in the text (0-based). */
  getCursorOffset(): number;
  format(formatter: (sql: string) => string): void;
  focus(): void;
}

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
}

interface Props {
  initialValue: string;
  onChange: (sql: string) => void;
  onRunAll: () => void;
  onRunSelection: () => void;
  marker: EditorMarker | null;
}

/** Monaco with the console's key bindings: Ctrl/Cmd+Enter runs all, Ctrl/Cmd+Shift+Enter runs the selection. */
export const SqlEditor = forwardRef<SqlEditorHandle, Props>(function SqlEditor({ initialValue, onChange, onRunAll, onRunSelection, marker }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onRunAll, onRunSelection });
  callbacks.current = { onChange, onRunAll, onRunSelection };

  useEffect(() => {
    const ed = monaco.editor.create(host.current!, {
      value: initialValue,
      language: SQL_LANGUAGE,
      theme: 'trestle-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, comments: false, strings: false },
      fixedOverflowWidgets: true,
    });
    editor.current = ed;
    ed.onDidChangeModelContent(() => callbacks.current.onChange(ed.getValue()));
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRunAll());
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => callbacks.current.onRunSelection());
    return () => {
      ed.getModel()?.dispose();
      ed.dispose();
      editor.current = null;
    };
    // The editor is created once; later initialValue changes go through setValue.
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'trestle', marker ? [{
      severity: monaco.MarkerSeverity.Error, message: marker.message,
      startLineNumber: marker.line, startColumn: marker.column, endLineNumber: marker.line,
      endColumn: model.getWordAtPosition({ lineNumber: marker.line, column: marker.column })?.endColumn ?? marker.column + 1,
    }] : []);
    if (marker) editor.current?.revealLineInCenterIfOutsideViewport(marker.line);
  }, [marker]);

  useImperativeHandle(ref, () => ({
    getValue: () => editor.current?.getValue() ?? '',
    setValue: (sql) => {
      const ed = editor.current;
      if (!ed) return;
      ed.executeEdits('trestle', [{ range: ed.getModel()!.getFullModelRange(), text: sql }]);
      ed.pushUndoStop();
    },
    getSelection: () => {
      const ed = editor.current;
      const sel = ed?.getSelection();
      if (!ed || !sel || sel.isEmpty()) return null;
      return { text: ed.getModel()!.getValueInRange(sel), line: sel.startLineNumber, column: sel.startColumn };
    },
    getCursorOffset: () => {
      const ed = editor.current;
      const pos = ed?.getPosition();
      return ed && pos ? ed.getModel()!.getOffsetAt(pos) : 0;
    },
    format: (formatter) => {
      const ed = editor.current;
      if (!ed) return;
      ed.executeEdits('format', [{ range: ed.getModel()!.getFullModelRange(), text: formatter(ed.getValue()) }]);
      ed.pushUndoStop();
    },
    focus: () => editor.current?.focus(),
  }), []);

  return <div ref={host} className="sql-editor" data-testid="sql-editor" />;
});
