// Checks of stack.yml and the Dockerfile that need no Docker engine (and no database:
// this file sits in the db project only because tests under test/ are collected there).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lacksTool } from '@rollcall/testkit';
import { MYSQL_IMAGE } from '@rollcall/throwaway-db';
import { environmentOf, mountFor, mountsOf, readStack, REPO_ROOT, service, STACK_FILE } from './stack-env.ts';

const stack = readStack();
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

const dockerfiles = readdirSync(REPO_ROOT).filter((name) => /^Dockerfile(\..+)?$/.test(name));

describe.skipIf(lacksTool(hasDockerCompose, 'docker-compose (apt-get install docker-compose) to validate stack.yml'))(
  'docker-compose',
  () => {
    it.each([[[]], [['--profile', 'sql']]])(
      'accepts stack.yml with options %j (docker-compose config -q)',
      (options: string[]) => {
        const result = spawnSync('docker-compose', ['-f', STACK_FILE, ...options, 'config', '-q'], {
          encoding: 'utf8',
          cwd: REPO_ROOT,
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      },
    );
  },
);

describe('stack.yml', () => {
  it('uses nothing docker-compose 1.29 rejects: no top-level name, no healthcheck.start_interval', () => {
    expect(stack).not.toHaveProperty('name');
    for (const svc of Object.values(stack.services)) expect(svc.healthcheck ?? {}).not.toHaveProperty('start_interval');
  });

  it('runs MySQL with a healthcheck, on the image of the throwaway containers (npm start, npm test)', () => {
    const mysql = service(stack, 'mysql');
    expect(mysql.image).toBe(MYSQL_IMAGE);
    expect(mysql.healthcheck).toHaveProperty('test');
  });

  it('starts the loader when the database is healthy and the reader when the loader has succeeded', () => {
    expect(service(stack, 'loader').depends_on).toEqual({ mysql: { condition: 'service_healthy' } });
    expect(service(stack, 'reader').depends_on).toEqual({ loader: { condition: 'service_completed_successfully' } });
    expect(service(stack, 'sql-loader')).toMatchObject({
      profiles: ['sql'],
      depends_on: { mysql: { condition: 'service_healthy' } },
    });
  });

  it("runs the reader's default set (the image's own command, no report named), so no full export", () => {
    const reader = service(stack, 'reader');
    expect(reader).not.toHaveProperty('command');
    expect(reader).not.toHaveProperty('entrypoint');
  });

  it('mounts the data read-only into the loaders and reports/ into both jobs', () => {
    const loader = service(stack, 'loader');
    expect(mountFor(loader, environmentOf(loader).DATA_DIR!)?.mount).toMatchObject({
      kind: 'bind',
      source: './data/raw',
      readOnly: true,
    });
    expect(mountFor(service(stack, 'sql-loader'), service(stack, 'sql-loader').working_dir!)?.mount).toMatchObject({
      source: './data/raw',
      readOnly: true,
    });
    for (const job of ['loader', 'reader']) {
      const svc = service(stack, job);
      expect(mountFor(svc, environmentOf(svc).REPORTS_DIR!)?.mount).toMatchObject({
        kind: 'bind',
        source: './reports',
        readOnly: false,
      });
    }
  });

  it("gives each job its own account, whose password file is the one the database's init reads for that account", () => {
    const mysql = service(stack, 'mysql');
    const init = environmentOf(mysql);
    const volumeOf = (svc: ReturnType<typeof service>, path: string) => mountFor(svc, path)?.mount.source;
    for (const [job, role] of [
      ['loader', 'LOADER'],
      ['reader', 'READER'],
    ] as const) {
      const svc = service(stack, job);
      const env = environmentOf(svc);
      expect(env.MYSQL_USER).toBe(init[`ROLLCALL_${role}_USER`]);
      expect(volumeOf(svc, env.MYSQL_PASSWORD_FILE!)).toBe(volumeOf(mysql, init[`ROLLCALL_${role}_PASSWORD_FILE`]!));
      expect(env.MYSQL_PASSWORD_FILE).toBe(init[`ROLLCALL_${role}_PASSWORD_FILE`]);
      expect(env).not.toHaveProperty('MYSQL_PASSWORD');
      // Only its own secret: no other account's volume is mounted into a job.
      const secretVolumes = mountsOf(svc)
        .filter((m) => m.kind === 'volume')
        .map((m) => m.source);
      expect(secretVolumes).toEqual([volumeOf(mysql, init[`ROLLCALL_${role}_PASSWORD_FILE`]!)]);
    }
    expect(JSON.stringify(service(stack, 'sql-loader').command)).toContain(`--user=${init.ROLLCALL_LOADER_USER}`);
  });

  it('has the secrets service write a password for every account the database reads one for', () => {
    const secrets = service(stack, 'secrets');
    const mysql = service(stack, 'mysql');
    const files = Object.entries(environmentOf(mysql))
      .filter(([key]) => key.endsWith('PASSWORD_FILE'))
      .map(([, path]) => path);
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(file.endsWith('/password')).toBe(true);
      const folder = file.slice(0, -'/password'.length);
      expect(secrets.command).toContain(folder);
      expect(mountFor(secrets, folder)?.mount.source).toBe(mountFor(mysql, file)?.mount.source);
    }
  });

  it('sets no user for the jobs: the image runs them as the owner of ./reports, ROLLCALL_UID/GID from the host override it', () => {
    for (const job of ['loader', 'reader']) {
      const svc = service(stack, job);
      expect(svc.user).toBeUndefined();
      expect(svc.environment).toMatchObject({ ROLLCALL_UID: null, ROLLCALL_GID: null });
    }
  });

  it('runs MySQL without a binary log', () => {
    expect(service(stack, 'mysql').command).toContain('--disable-log-bin');
  });

  it('builds the jobs from this repository, one Dockerfile target each', () => {
    expect(service(stack, 'loader').build).toEqual({ context: '.', target: 'loader' });
    expect(service(stack, 'reader').build).toEqual({ context: '.', target: 'reader' });
  });

  it('mounts only files and folders that exist in the repository', () => {
    for (const [name, svc] of Object.entries(stack.services)) {
      for (const mount of mountsOf(svc).filter((m) => m.kind === 'bind')) {
        expect(existsSync(join(REPO_ROOT, mount.source)), `${name}: ${mount.source}`).toBe(true);
      }
    }
  });

  it('keeps the init script not executable, so that the mysql entrypoint sources it', () => {
    const init = join(REPO_ROOT, 'sql/init/initdb.d/accounts.sh');
    expect(statSync(init).mode & 0o111).toBe(0);
  });
});

describe('the Dockerfile', () => {
  it('exists', () => {
    expect(dockerfiles).toContain('Dockerfile');
  });

  it.each(dockerfiles)('%s passes dockerfilelint', (file) => {
    const bin = join(REPO_ROOT, 'node_modules/.bin/dockerfilelint');
    const result = spawnSync(bin, [file], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stdout).toContain('Issues: None found');
    expect(result.status).toBe(0);
  });

  it.each(dockerfiles)(
    '%s builds on the slim image of the Node major in .nvmrc, or on its own earlier stages',
    (file) => {
      const major = readFileSync(join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
      const froms = [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gm)];
      expect(froms.length).toBeGreaterThan(0);
      const stages = new Set<string>();
      for (const [, base, name] of froms) {
        if (!stages.has(base!)) expect(base).toBe(`node:${major}-slim`);
        if (name) stages.add(name);
      }
    },
  );

  it("copies every workspace's package.json into the build stage, as npm ci wants them all", () => {
    const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    for (const pkg of readdirSync(join(REPO_ROOT, 'packages')).filter((name) =>
      existsSync(join(REPO_ROOT, 'packages', name, 'package.json')),
    )) {
      expect(text).toContain(`COPY packages/${pkg}/package.json packages/${pkg}/`);
    }
  });

  it("runs each job from the compiled main of a package whose source main exists, through the entrypoint that drops root to the reports folder's owner", () => {
    const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const stageOf = (name: string) =>
      text.split(/^FROM /m).find((s) => new RegExp(`AS ${name}\\b`).test(s.split('\n')[0]!));
    const runtime = stageOf('runtime');
    expect(runtime).toContain('COPY docker/run-as-reports-owner.sh /usr/local/bin/run-as-reports-owner');
    expect(runtime).toContain('ENTRYPOINT ["run-as-reports-owner"]');
    for (const job of ['loader', 'reader']) {
      const stage = stageOf(job);
      expect(stage, `stage ${job}`).toMatch(/^runtime AS /);
      // No USER: the entrypoint needs root to change to the folder's owner.
      expect(stage).not.toMatch(/^USER /m);
      expect(stage).toContain(`CMD ["node", "packages/${job}/dist/main.js"]`);
      expect(existsSync(join(REPO_ROOT, `packages/${job}/src/main.ts`))).toBe(true);
    }
    expect(runtime).not.toMatch(/^USER /m);
  });
});
