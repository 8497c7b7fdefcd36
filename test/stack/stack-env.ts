import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Reads stack.yml and derives, for one of its services, the environment the stack gives
 * that container, with everything that only exists inside Docker mapped onto the test
 * machine: the database service's host name to the test server, the stack's accounts to
 * test accounts, mounted folders to local folders, secret volumes to files written here.
 * So a job can run as a host process with the stack's own configuration, and stack.yml
 * cannot drift away from what the jobs read.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STACK_FILE = join(REPO_ROOT, 'stack.yml');

export type ComposeVolume = string | { type?: string; source?: string; target: string; read_only?: boolean };

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: ComposeVolume[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Record<string, unknown>;
  profiles?: string[];
  user?: string;
  working_dir?: string;
}

export interface ComposeFile {
  version?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function readStack(path = STACK_FILE): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

export function service(stack: ComposeFile, name: string): ComposeService {
  const found = stack.services[name];
  if (!found) throw new Error(`stack.yml has no service ${name}`);
  return found;
}

export interface Mount {
  kind: 'bind' | 'volume';
  /** As written in stack.yml: a path for a bind mount, a name for a volume. */
  source: string;
  target: string;
  readOnly: boolean;
}

export function mountsOf(svc: ComposeService): Mount[] {
  return (svc.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      const kind = volume.type === 'bind' ? 'bind' : 'volume';
      return { kind, source: volume.source ?? '', target: volume.target, readOnly: volume.read_only === true };
    }
    const [source = '', target = '', mode = ''] = volume.split(':');
    const kind = /^[./~]/.test(source) ? 'bind' : 'volume';
    return { kind, source, target, readOnly: mode.split(',').includes('ro') };
  });
}

/** The mount a container path lies in (the deepest one), and the path inside it. */
export function mountFor(svc: ComposeService, path: string): { mount: Mount; rest: string } | undefined {
  const candidates = mountsOf(svc)
    .filter((m) => path === m.target || path.startsWith(`${m.target.replace(/\/$/, '')}/`))
    .sort((a, b) => b.target.length - a.target.length);
  const mount = candidates[0];
  return mount ? { mount, rest: posix.relative(mount.target, path) } : undefined;
}

export function environmentOf(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as const;
      })
    : Object.entries(env)
        // A key without a value is passed through from the host's environment (ROLLCALL_UID):
        // the stack sets nothing for it.
        .filter(([, value]) => value !== null)
        .map(([key, value]) => [key, String(value)] as const);
  for (const [key, value] of entries) {
    if (value.includes('${'))
      throw new Error(`${key}: interpolated values are not supported by this mapping (${value})`);
  }
  return Object.fromEntries(entries);
}

/** Where the test machine provides what the stack would. */
export interface StackTarget {
  /** Where the stack's database service is reached instead. */
  server: { host: string; port: number };
  /** The database used instead of the stack's MYSQL_DATABASE. */
  database: string;
  /** Test accounts, keyed by the stack's account names (MYSQL_USER values). */
  accounts: Record<string, { user: string; password: string }>;
  /** Local folders for bind mounts, keyed by their source as written in stack.yml (./data/raw). */
  binds: Record<string, string>;
  /** Named volumes become folders under here; password files are written into them. */
  volumesDir: string;
}

const DATABASE_PORT = '3306';

/**
 * The environment the stack gives `serviceName`, mapped onto `target` (see StackTarget).
 * Throws when the stack's values do not fit together: a host that is no service of the
 * stack, another database than the database service creates, an account without a
 * password file, or a path outside every mount of the service.
 */
export async function jobEnvironment(
  stack: ComposeFile,
  serviceName: string,
  target: StackTarget,
): Promise<Record<string, string>> {
  const svc = service(stack, serviceName);
  const stackEnv = environmentOf(svc);
  const env: Record<string, string> = {};
  const where = (key: string) => `stack.yml ${serviceName}.environment.${key}=${stackEnv[key]}`;

  for (const [key, value] of Object.entries(stackEnv)) {
    switch (key) {
      case 'MYSQL_HOST': {
        const database = stack.services[value];
        if (!database) throw new Error(`${where(key)}: no service of that name`);
        env[key] = target.server.host;
        break;
      }
      case 'MYSQL_PORT':
        if (value !== DATABASE_PORT) throw new Error(`${where(key)}: the database service listens on ${DATABASE_PORT}`);
        env[key] = String(target.server.port);
        break;
      case 'MYSQL_DATABASE': {
        const created = environmentOf(service(stack, stackEnv.MYSQL_HOST ?? '')).MYSQL_DATABASE;
        if (value !== created) throw new Error(`${where(key)}: the database service creates ${created}`);
        env[key] = target.database;
        break;
      }
      case 'MYSQL_USER': {
        const account = target.accounts[value];
        if (!account) throw new Error(`${where(key)}: no test account given for it`);
        env[key] = account.user;
        break;
      }
      case 'MYSQL_PASSWORD_FILE': {
        const account = target.accounts[stackEnv.MYSQL_USER ?? ''];
        if (!account) throw new Error(`${where(key)}: MYSQL_USER names no test account`);
        const file = localPath(svc, value, target, where(key));
        await mkdir(dirname(file), { recursive: true });
        // As make-passwords.sh writes it: the password and a newline.
        await writeFile(file, `${account.password}\n`);
        env[key] = file;
        break;
      }
      default:
        env[key] = value.startsWith('/') ? localPath(svc, value, target, where(key)) : value;
    }
  }
  return env;
}

function localPath(svc: ComposeService, path: string, target: StackTarget, where: string): string {
  const found = mountFor(svc, path);
  if (!found) throw new Error(`${where}: not inside any volume of the service`);
  const { mount, rest } = found;
  if (mount.kind === 'volume') return join(target.volumesDir, mount.source, rest);
  const base = target.binds[mount.source];
  if (base === undefined) throw new Error(`${where}: no local folder given for the bind mount ${mount.source}`);
  return join(base, rest);
}
