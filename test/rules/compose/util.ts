/** Joins lines into a YAML fixture ending with a newline. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** A service with every hardening setting, so only the rule under test can speak about it. */
export const HARDENED = ['    cap_drop: [ALL]', '    security_opt: [no-new-privileges:true]', '    read_only: true', '    mem_limit: 256m', '    pids_limit: 100'];
