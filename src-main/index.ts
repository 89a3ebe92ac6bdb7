// Electron main process: a thin shell that starts the Trestle stack in-process and opens the dashboard.
import path from 'node:path';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { loadConfig } from '../src-server/config.js';
import { clusterTemplateBeside, rendererDirBeside, startTrestle, type RunningTrestle } from '../src-server/start.js';
import { desktopConfigOverrides, isExternalNavigation, startFailureMessage } from './shell-logic.js';
import { createQuitCoordinator } from './quit.js';

let trestle: RunningTrestle | undefined;
let window: BrowserWindow | undefined;

function openWindow(url: string): void {
  window = new BrowserWindow({ width: 1400, height: 900, title: 'Trestle', show: false, icon: path.join(app.getAppPath(), 'resources', 'icon.png'), webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
  window.once('ready-to-show', () => window?.show());
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (isExternalNavigation(target, trestle!.url)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  void window.loadURL(url);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  const quit = createQuitCoordinator(() => trestle?.stop() ?? Promise.resolve(), () => app.exit(0));
  app.on('before-quit', (event) => quit.onBeforeQuit(event));
  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(async () => {
    try {
      const config = loadConfig(process.env, desktopConfigOverrides(process.env));
      config.rendererDir ??= rendererDirBeside(import.meta.url);
      config.clusterTemplateDir ??= clusterTemplateBeside(import.meta.url);
      trestle = await startTrestle(config);
      openWindow(trestle.dashboardUrl());
    } catch (err) {
      dialog.showErrorBox('Trestle could not start', startFailureMessage(err as Error));
      app.exit(1);
    }
  });
}
