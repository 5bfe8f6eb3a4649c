import { existsSync, readdirSync, readFileSync } from "node:fs";

// CPU time spent by the processes a benchmark run starts, read from Linux's /proc: an app (its
// own process group: servers.ts starts each detached, and the children those processes start in
// sessions of their own, such as the sized-copy encoder) and the local PostgreSQL server's
// processes. A rate depends on what else the machine is doing; CPU time per request much less,
// so it says where a request's cost goes (app or database) even on a noisy machine.

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
const TICK_MS = 10;

export type CpuSample = { app: number; postgres: number };

/**
 * User + system milliseconds so far of `appGroup`'s processes and of all `postgres` processes on
 * the machine (the bench's only database user), each with its reaped children's; null without /proc.
 */
export function cpuSample(appGroup: number | undefined): CpuSample | null {
  if (appGroup === undefined || !existsSync("/proc/self/stat")) return null;
  const sample: CpuSample = { app: 0, postgres: 0 };
  const processes: { pid: string; comm: string; ppid: string; pgrp: number; ms: number }[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp … utime stime …": comm may hold spaces, so split after it.
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, and cutime, cstime: the time of children it has reaped. PostgreSQL's pooled
    // backends exit when idle, and their time then moves into the postmaster's.
    const ms = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
    processes.push({ pid, comm, ppid: fields[1] ?? "", pgrp: Number(fields[2]), ms });
  }
  const group = new Set(processes.filter((p) => p.pgrp === appGroup).map((p) => p.pid));
  for (const p of processes) {
    if (group.has(p.pid) || group.has(p.ppid)) sample.app += p.ms;
    else if (p.comm === "postgres") sample.postgres += p.ms;
  }
  return sample;
}
