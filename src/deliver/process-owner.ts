import { hostname } from 'node:os';

/** This process as an owner of runs and leases: `host:pid`. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** True when no process `pid` runs on this host (never for this process or a bad pid). */
export function isPidGone(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether it exists
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: it exists, another user's
  }
}

/**
 * True when `owner` (`host:pid`) names a process of this host that is no longer running. Owners
 * on other hosts (PostgreSQL workers elsewhere) and ids of another form are never called gone:
 * their leases are waited out instead.
 */
export function isOwnerGone(owner: string | null | undefined): boolean {
  if (!owner) return false;
  const colon = owner.lastIndexOf(':');
  if (colon <= 0 || owner.slice(0, colon) !== hostname()) return false;
  const pid = owner.slice(colon + 1);
  return /^\d+$/.test(pid) && isPidGone(Number(pid));
}
