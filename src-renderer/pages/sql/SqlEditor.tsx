import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useTheme } from '../../lib/theme';
import { monaco, monacoTheme, SQL_LANGUAGE } from './monaco';

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
  /** Each tab has its own model (text, undo history, cursor); switching tabs switches models. */
  tabId: string;
  /** The tab's text when its model is first made. */
  initialValue: string;
  /** Tabs still open: the models of the others are disposed. */
  tabIds: string[];
  onChange: (tabId: string, sql: string) => void;
  onRunAll: () => void;
  onRunSelection: () => void;
  onNewTab: () => void;
  marker: EditorMarker | null;
}

/** Monaco with the console's key bindings: Ctrl/Cmd+Enter runs all, Ctrl/Cmd+Shift+Enter runs the selection. */
export const SqlEditor = forwardRef<SqlEditorHandle, Props>(function SqlEditor({ tabId, initialValue, tabIds, onChange, onRunAll, onRunSelection, onNewTab, marker }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  const current = useRef(tabId);
  const callbacks = useRef({ onChange, onRunAll, onRunSelection, onNewTab });
  callbacks.current = { onChange, onRunAll, onRunSelection, onNewTab };
  const { theme } = useTheme();

  const modelOf = (id: string, text: string) => {
    let m = models.current.get(id);
    if (!m || m.isDisposed()) {
      m = monaco.editor.createModel(text, SQL_LANGUAGE);
      models.current.set(id, m);
    }
    return m;
  };

  useEffect(() => {
    const ed = monaco.editor.create(host.current!, {
      model: modelOf(tabId, initialValue),
      theme: monacoTheme(theme),
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
    ed.onDidChangeModelContent(() => callbacks.current.onChange(current.current, ed.getValue()));
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRunAll());
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => callbacks.current.onRunSelection());
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Alt | monaco.KeyCode.KeyT, () => callbacks.current.onNewTab());
    const all = models.current;
    return () => {
      ed.dispose();
      for (const m of all.values()) m.dispose();
      all.clear();
      editor.current = null;
    };
    // The editor is created once; tabs switch its model below.
  }, []);

  useEffect(() => {
    const ed = editor.current;
    if (!ed || current.current === tabId) return;
    current.current = tabId;
    ed.setModel(modelOf(tabId, initialValue));
    ed.focus();
  }, [tabId]);

  useEffect(() => {
    for (const [id, m] of models.current) {
      if (!tabIds.includes(id)) {
        m.dispose();
        models.current.delete(id);
      }
    }
  }, [tabIds.join(',')]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme));
  }, [theme]);

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
