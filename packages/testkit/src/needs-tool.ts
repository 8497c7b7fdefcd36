/**
 * Whether a test must be skipped because the machine lacks a tool it needs (a command-line
 * client, server binaries, openssl, docker-compose): only ever on a developer's machine. In
 * CI a missing tool fails the run at once, naming it, so no test is silently skipped there.
 *
 *   describe.skipIf(lacksTool(findMysqlClient() !== undefined, 'the mariadb or mysql client'))(…)
 */
export function lacksTool(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.CI) throw new Error(`CI needs ${what}, which this machine lacks`);
  return true;
}
