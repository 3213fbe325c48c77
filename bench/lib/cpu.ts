import fs from 'node:fs';
import type { Pool } from 'pg';

/** The fields of /proc/<pid>/stat after the command name (state, ppid, …, utime, stime, …). */
function statOf(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; NaN elsewhere). */
export function cpuMs(pid: number): number {
  try {
    const fields = statOf(pid);
    const hz = 100; // USER_HZ, 100 on every Linux this runs on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / hz;
  } catch {
    return NaN;
  }
}

/** The PID of the PostgreSQL server behind a pool (the parent of one of its backends), or null
 *  when it is not on this machine's process table. */
export async function postmasterPid(pool: Pool): Promise<number | null> {
  const [{ pid }] = (await pool.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
  try {
    return Number(statOf(pid)[1]);
  } catch {
    return null;
  }
}

/** CPU ms used so far by a PostgreSQL server: the postmaster and every process it started (its
 *  backends, walwriter, checkpointer…), as far as they are still alive. */
export function postgresCpuMs(postmaster: number): number {
  let total = cpuMs(postmaster);
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(statOf(Number(d))[1]) === postmaster) total += cpuMs(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Measures the CPU each process spends per operation while `run` performs them (`run` resolves
 *  to the number of operations it completed). */
export async function cpuPerOp(
  pids: Record<string, number>,
  postmaster: number | null,
  run: () => Promise<number>,
): Promise<Record<string, number>> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const pg0 = postmaster ? postgresCpuMs(postmaster) : NaN;
  const ops = await run();
  const out: Record<string, number> = {};
  for (const [k, pid] of Object.entries(pids)) out[k] = (cpuMs(pid) - before[k]!) / ops;
  if (postmaster) out.postgres = (postgresCpuMs(postmaster) - pg0) / ops;
  return out;
}
