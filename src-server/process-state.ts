// Is a pid a running process, and which one? A zombie (exited, not yet reaped by its parent, common under a
// container's PID 1) counts as gone. The start time tells a recycled pid from the process that wrote it down.
// Linux reads /proc; macOS and the BSDs ask ps; Windows only has kill(pid, 0) and no start time.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProcessState {
  running: boolean;
  /** An opaque token that differs between two processes that had the same pid; undefined where unknown. */
  started?: string;
}

const GONE: ProcessState = { running: false };
const hasProc = process.platform === 'linux' && existsSync('/proc/self/stat');

function signalZero(pid: number): ProcessState {
  try {
    process.kill(pid, 0);
    return { running: true };
  } catch (err) {
    return { running: (err as NodeJS.ErrnoException).code === 'EPERM' };
  }
}

/** /proc/<pid>/stat: "pid (comm) state ppid … starttime(22nd field) …"; comm may hold spaces and parentheses. */
export function parseProcStat(stat: string): ProcessState {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  if (!state || state === 'Z' || state === 'X' || state === 'x') return GONE;
  return { running: true, started: fields[19] };
}

async function fromProc(pid: number): Promise<ProcessState> {
  try {
    return parseProcStat(await fs.readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return GONE;
  }
}

async function fromPs(pid: number): Promise<ProcessState> {
  try {
    const { stdout } = await run('ps', ['-o', 'stat=', '-o', 'lstart=', '-p', String(pid)]);
    const line = stdout.trim();
    if (!line || line.startsWith('Z')) return GONE;
    return { running: true, started: line.slice(line.indexOf(' ') + 1).trim() };
  } catch (err) {
    // ps exits 1 when the pid does not exist; when ps itself is missing, fall back to the signal probe.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? signalZero(pid) : GONE;
  }
}

export function processState(pid: number): Promise<ProcessState> {
  if (!Number.isInteger(pid) || pid <= 0) return Promise.resolve(GONE);
  if (hasProc) return fromProc(pid);
  if (process.platform === 'win32') return Promise.resolve(signalZero(pid));
  return fromPs(pid);
}

export async function isRunning(pid: number): Promise<boolean> {
  return (await processState(pid)).running;
}

/** True once the process is gone (exited or a zombie), polling until `ms` have passed. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await isRunning(pid))) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !(await isRunning(pid));
}

export async function commandLine(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch {
    try {
      return (await run('ps', ['-o', 'command=', '-p', String(pid)])).stdout;
    } catch {
      return '';
    }
  }
}
