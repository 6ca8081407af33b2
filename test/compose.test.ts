/**
 * docker-compose.yml, Dockerfile and .dockerignore are for users; there is no Docker engine in CI.
 * These tests parse them and check the wiring a user relies on: that every service finds every
 * other one, that credentials agree on both sides, that start-up order is right, and that
 * `docker compose config` works with an empty environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, objectKeys, publicObjectBase } from '@streamforge/core';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Env = Record<string, string | undefined>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Compose interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err},
// ${VAR?err}, ${VAR:+alt}, ${VAR+alt}, with nesting in the default.
// `undefaulted` collects variables that would be empty or fail when unset.

function interpolate(input: string, env: Env, undefaulted: string[] = []): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c !== '$') {
      out += c;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < input.length && depth > 0; j += 1) {
        if (input[j] === '{') depth += 1;
        else if (input[j] === '}') depth -= 1;
      }
      if (depth > 0) throw new Error(`unterminated "\${" in ${JSON.stringify(input)}`);
      const body = input.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/.exec(body);
      if (!m) throw new Error(`invalid interpolation "\${${body}}"`);
      const [, name, op, arg = ''] = m;
      const value = env[name];
      const isSet = value !== undefined;
      const nonEmpty = isSet && value !== '';
      switch (op) {
        case undefined:
          if (!isSet) undefaulted.push(name);
          out += value ?? '';
          break;
        case ':-':
          out += nonEmpty ? value : interpolate(arg, env, undefaulted);
          break;
        case '-':
          out += isSet ? value : interpolate(arg, env, undefaulted);
          break;
        case ':?':
        case '?':
          if (op === ':?' ? !nonEmpty : !isSet) undefaulted.push(name);
          out += value ?? '';
          break;
        case ':+':
          out += nonEmpty ? interpolate(arg, env, undefaulted) : '';
          break;
        case '+':
          out += isSet ? interpolate(arg, env, undefaulted) : '';
          break;
      }
      i = j;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
    if (bare) {
      const name = bare[0];
      if (env[name] === undefined) undefaulted.push(name);
      out += env[name] ?? '';
      i += 1 + name.length;
      continue;
    }
    out += '$';
    i += 1;
  }
  return out;
}

function interpolateAll(value: Json, env: Env, undefaulted: string[]): Json {
  if (typeof value === 'string') return interpolate(value, env, undefaulted);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env, undefaulted));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env, undefaulted)]));
  }
  return value;
}

const rawCompose = parse(read('docker-compose.yml'), { merge: true }) as Record<string, Json>;

function loadCompose(env: Env = {}) {
  const undefaulted: string[] = [];
  const doc = interpolateAll(rawCompose, env, undefaulted) as Record<string, any>;
  return { doc, undefaulted };
}

// ---------------------------------------------------------------------------------------------
// Compose helpers

function service(doc: Record<string, any>, name: string): Service {
  const s = doc.services?.[name];
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
}

function envOf(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  const out: Record<string, string> = {};
  if (Array.isArray(env)) {
    for (const entry of env as string[]) {
      const eq = entry.indexOf('=');
      if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  } else {
    for (const [k, v] of Object.entries(env)) if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

interface PortMapping {
  hostIp?: string;
  published?: string;
  target: string;
}

function portsOf(svc: Service): PortMapping[] {
  return (svc.ports ?? []).map((p: any): PortMapping => {
    if (typeof p === 'object') {
      return { hostIp: p.host_ip, published: p.published && String(p.published), target: String(p.target) };
    }
    const spec = String(p).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    const target = parts.pop()!;
    const published = parts.pop();
    return { hostIp: parts.length ? parts.join(':') : undefined, published, target };
  });
}

function dependsOn(svc: Service): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d: string) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, spec]: [string, any]) => [name, spec?.condition ?? 'service_started']),
  );
}

function argv(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).trim().split(/\s+/);
}

function healthcheckText(svc: Service): string {
  const hc = svc.healthcheck;
  if (!hc || hc.disable) return '';
  return argv(hc.test).join(' ');
}

function durationSeconds(value: string | number): number {
  if (typeof value === 'number') return value;
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)) {
    total += Number(n) * ({ h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6 } as Record<string, number>)[unit];
  }
  return total;
}

/** A volume entry's source when it is a named volume (not a bind mount). */
function namedVolumes(svc: Service): string[] {
  return (svc.volumes ?? [])
    .map((v: any) => (typeof v === 'string' ? v.split(':')[0] : v.type === 'volume' ? v.source : undefined))
    .filter((src: string | undefined): src is string => !!src && !/^[./~]/.test(src));
}

/** MinIO's S3 API port: `--address` when given, otherwise 9000. */
function minioApiPort(svc: Service): string {
  const args = argv(svc.command);
  const i = args.indexOf('--address');
  const addr = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--address='))?.slice('--address='.length);
  return addr ? addr.split(':').pop()! : '9000';
}

function minioConsolePort(svc: Service): string | undefined {
  const args = argv(svc.command);
  const i = args.indexOf('--console-address');
  const addr = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--console-address='))?.slice(18);
  return addr?.split(':').pop();
}

const defaultPort = (url: URL) =>
  url.port ||
  (
    { 'http:': '80', 'https:': '443', 'redis:': '6379', 'postgres:': '5432', 'postgresql:': '5432' } as Record<
      string,
      string
    >
  )[url.protocol];

// ---------------------------------------------------------------------------------------------
// A small shell reader for the minio-setup script: enough to follow variables, quoting,
// `printf ... > file` and `mc` invocations.

function shellWords(line: string, env: Env): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const expand = (from: number): [string, number] => {
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(line.slice(from + 1));
    if (braced) return [env[braced[1]] ?? '', from + 1 + braced[0].length];
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(from + 1));
    if (bare) return [env[bare[0]] ?? '', from + 1 + bare[0].length];
    return ['$', from + 1];
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '#' && word === null) break;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i += 1;
    } else if (c === ';') {
      if (word !== null) words.push(word);
      words.push(';');
      word = null;
      i += 1;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word = word ?? '';
      i += 1;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '$') {
          const [text, next] = expand(i);
          word += text;
          i = next;
        } else if (line[i] === '\\' && i + 1 < line.length) {
          word += line[i + 1];
          i += 2;
        } else {
          word += line[i];
          i += 1;
        }
      }
      i += 1;
    } else if (c === '$') {
      const [text, next] = expand(i);
      word = (word ?? '') + text;
      i = next;
    } else {
      word = (word ?? '') + c;
      i += 1;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

interface SetupScript {
  /** Every `mc` invocation, as argument lists after `mc`. */
  mc: string[][];
  /** Files written with `printf '%s' CONTENT > PATH`. */
  files: Record<string, string>;
}

function readSetupScript(svc: Service): SetupScript {
  const text = [...argv(svc.entrypoint), ...argv(svc.command)].join('\n');
  const env = envOf(svc);
  const mc: string[][] = [];
  const files: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const words = shellWords(line, env);
    for (let k = 0; k < words.length; k += 1) {
      if (words[k] === 'mc') {
        const end = words.indexOf(';', k);
        mc.push(
          words.slice(k + 1, end < 0 ? undefined : end).filter((w) => !/^[0-9]?>/.test(w) && !w.startsWith('/dev/')),
        );
      }
      if (words[k] === 'printf' && words[k + 1] === '%s' && words[k + 3] === '>') {
        files[words[k + 4]] = words[k + 2];
      }
    }
  }
  return { mc, files };
}

function findMc(script: SetupScript, ...prefix: string[]): string[] {
  const hit = script.mc.find((args) => prefix.every((p, i) => args[i] === p));
  if (!hit) throw new Error(`minio-setup never runs "mc ${prefix.join(' ')}"`);
  return hit.slice(prefix.length);
}

/** S3 policy resource match: `*` is any run of characters (slashes included), `?` one character. */
function resourceMatches(pattern: string, arn: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(arn);
}

// ---------------------------------------------------------------------------------------------
// Dockerfile reader

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  base: string;
  name?: string;
  instructions: Instruction[];
}

function readDockerfile(text: string): { stages: Stage[]; globalArgs: Record<string, string> } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, args = ''] = /^(\S+)\s*([\s\S]*)$/.exec(line)!;
    const OP = op.toUpperCase();
    if (OP === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      const base = m[1].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n) => globalArgs[n] ?? '');
      stages.push({ base, name: m[2], instructions: [] });
    } else if (!stages.length && OP === 'ARG') {
      const [name, value = ''] = args.split('=');
      globalArgs[name] = value;
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push({ op: OP, args });
    }
  }
  return { stages, globalArgs };
}

/** A stage's instructions together with those of the stages it is built FROM. */
function lineage(stages: Stage[], stage: Stage): Instruction[] {
  const parent = stages.find((s) => s.name === stage.base);
  return [...(parent ? lineage(stages, parent) : []), ...stage.instructions];
}

// =============================================================================================

const APP_SERVICES = ['migrate', 'api', 'worker'] as const;
const REQUIRED_SERVICES = ['postgres', 'redis', 'minio', 'minio-setup', ...APP_SERVICES];
const ONE_SHOT = ['migrate', 'minio-setup'];

const dockerfile = readDockerfile(read('Dockerfile'));
const runtime = dockerfile.stages[dockerfile.stages.length - 1];

/** The command an app service runs: its compose `command`, else the image's CMD. */
function effectiveCommand(svc: Service): string[] {
  if (svc.command !== undefined) return argv(svc.command);
  const cmd = [...runtime.instructions].reverse().find((i) => i.op === 'CMD');
  return cmd ? JSON.parse(cmd.args) : [];
}

describe('docker-compose.yml', () => {
  test('uses the Compose spec (no version key) and declares every service', () => {
    const { doc } = loadCompose();
    expect(doc).not.toHaveProperty('version');
    for (const name of REQUIRED_SERVICES) expect(Object.keys(doc.services)).toContain(name);
  });

  test('every ${VAR} has a default, so `docker compose config` works with an empty environment', () => {
    const { doc, undefaulted } = loadCompose({});
    expect(undefaulted).toEqual([]);
    // Nothing left half-interpolated.
    expect(JSON.stringify(doc)).not.toMatch(/\$\{/);
  });

  test('shell variables in commands and healthchecks are escaped ($$) for the container, and set there', () => {
    // Compose itself expands a single $ on the host, so a script's own variables must be written $$;
    // what reaches the container must then name a variable of that service's environment (or one
    // the script assigns), or the shell there expands it to nothing.
    const { doc } = loadCompose({});
    const checked: string[] = [];
    for (const [name, svc] of Object.entries(doc.services as Record<string, Service>)) {
      const text = [...argv(svc.entrypoint), ...argv(svc.command), ...argv(svc.healthcheck?.test)].join('\n');
      const assigned = new Set([...text.matchAll(/(?:^|[\s;])([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]));
      const env = envOf(svc);
      for (const [, variable] of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        checked.push(`${name}:${variable}`);
        expect({ service: name, variable, set: variable in env || assigned.has(variable) }).toEqual({
          service: name,
          variable,
          set: true,
        });
      }
    }
    // The two places that rely on it: postgres's healthcheck and the minio-setup script.
    expect(checked).toEqual(
      expect.arrayContaining([
        'postgres:POSTGRES_USER',
        'postgres:POSTGRES_DB',
        'minio-setup:MINIO_ROOT_USER',
        'minio-setup:MINIO_ROOT_PASSWORD',
        'minio-setup:BUCKET',
      ]),
    );
  });

  // The same assertions with Compose's defaults, with every knob overridden from the shell (an
  // override must reach both sides of each connection), and with every knob set but empty, as a
  // `VAR=` line in .env does (Compose's `:-` falls back to the default there, `-` does not: both
  // sides of each connection must fall back alike).
  describe.each([
    ['defaults', {}],
    [
      'empty values',
      Object.fromEntries(
        [
          'POSTGRES_USER',
          'POSTGRES_PASSWORD',
          'POSTGRES_DB',
          'MINIO_ROOT_USER',
          'MINIO_ROOT_PASSWORD',
          'S3_BUCKET',
          'S3_PUBLIC_ENDPOINT',
          'AWS_REGION',
          'CDN_URL',
          'MINIO_API_CORS_ALLOW_ORIGIN',
          'STREAMFORGE_IMAGE',
        ].map((name) => [name, '']),
      ),
    ],
    [
      'overrides',
      {
        POSTGRES_USER: 'sf_user',
        POSTGRES_PASSWORD: 'pg-override-1',
        POSTGRES_DB: 'sfdb',
        MINIO_ROOT_USER: 'minio-user',
        MINIO_ROOT_PASSWORD: 'minio-override-2',
        S3_BUCKET: 'other-bucket',
      },
    ],
  ] as [string, Env][])('wiring with %s', (_label, shellEnv) => {
    const { doc } = loadCompose(shellEnv);
    const appEnv = (name: string) => envOf(service(doc, name));

    test('api, worker and migrate get identical environments, in production mode', () => {
      const [first, ...rest] = APP_SERVICES.map(appEnv);
      for (const other of rest) expect(other).toEqual(first);
      expect(first.NODE_ENV).toBe('production');
      for (const key of [
        'DATABASE_URL',
        'REDIS_URL',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'S3_BUCKET',
        'S3_ENDPOINT',
        'S3_PUBLIC_ENDPOINT',
      ]) {
        expect(first[key]).toBeTruthy();
      }
    });

    test("the app's own configuration accepts the compose environment", () => {
      for (const name of APP_SERVICES) {
        const env = appEnv(name);
        const config = loadConfig(env);
        expect(config.env).toBe('production');
        expect(config.s3.endpoint).toBe(env.S3_ENDPOINT);
        expect(config.s3.credentials?.accessKeyId).toBe(env.AWS_ACCESS_KEY_ID);
        expect(publicObjectBase(config)).toBe(
          env.CDN_URL || `${env.S3_PUBLIC_ENDPOINT.replace(/\/+$/, '')}/${env.S3_BUCKET}`,
        );
      }
    });

    test('DATABASE_URL points at the postgres service with its database, user and password', () => {
      const url = new URL(appEnv('api').DATABASE_URL);
      const pg = envOf(service(doc, 'postgres'));
      expect(['postgres:', 'postgresql:']).toContain(url.protocol);
      expect(Object.keys(doc.services)).toContain(url.hostname);
      expect(url.hostname).toBe('postgres');
      expect(defaultPort(url)).toBe('5432');
      expect(decodeURIComponent(url.pathname.slice(1))).toBe(pg.POSTGRES_DB ?? pg.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(pg.POSTGRES_PASSWORD).toBeTruthy();
    });

    test('REDIS_URL points at the redis service', () => {
      const url = new URL(appEnv('api').REDIS_URL);
      expect(url.protocol).toBe('redis:');
      expect(Object.keys(doc.services)).toContain(url.hostname);
      expect(url.hostname).toBe('redis');
      expect(defaultPort(url)).toBe('6379');
    });

    test("S3_ENDPOINT is the minio service's API port; S3_PUBLIC_ENDPOINT is where it is published", () => {
      const minio = service(doc, 'minio');
      const env = appEnv('api');
      const endpoint = new URL(env.S3_ENDPOINT);
      expect(Object.keys(doc.services)).toContain(endpoint.hostname);
      expect(endpoint.hostname).toBe('minio');
      expect(defaultPort(endpoint)).toBe(minioApiPort(minio));

      const published = portsOf(minio).find((p) => p.target === minioApiPort(minio));
      expect(published?.published).toBeDefined();
      const pub = new URL(env.S3_PUBLIC_ENDPOINT);
      expect(pub.hostname).toBe('localhost');
      expect(defaultPort(pub)).toBe(published!.published);
    });

    test("the app's S3 credentials are minio's root user and password", () => {
      const env = appEnv('api');
      const minio = envOf(service(doc, 'minio'));
      expect(env.AWS_ACCESS_KEY_ID).toBe(minio.MINIO_ROOT_USER);
      expect(env.AWS_SECRET_ACCESS_KEY).toBe(minio.MINIO_ROOT_PASSWORD);
      // MinIO refuses to start with shorter ones.
      expect(minio.MINIO_ROOT_USER.length).toBeGreaterThanOrEqual(3);
      expect(minio.MINIO_ROOT_PASSWORD.length).toBeGreaterThanOrEqual(8);
    });

    test('minio-setup logs into the minio service with the root credentials', () => {
      const script = readSetupScript(service(doc, 'minio-setup'));
      const minio = service(doc, 'minio');
      const [, url, user, password] = findMc(script, 'alias', 'set');
      const endpoint = new URL(url);
      expect(endpoint.hostname).toBe('minio');
      expect(defaultPort(endpoint)).toBe(minioApiPort(minio));
      expect(user).toBe(envOf(minio).MINIO_ROOT_USER);
      expect(password).toBe(envOf(minio).MINIO_ROOT_PASSWORD);
    });

    test('minio-setup creates S3_BUCKET idempotently, on the alias it logged into', () => {
      const script = readSetupScript(service(doc, 'minio-setup'));
      const [alias] = findMc(script, 'alias', 'set');
      const mb = findMc(script, 'mb');
      expect(mb).toContain('--ignore-existing');
      const target = mb.find((a) => !a.startsWith('-'))!;
      expect(target).toBe(`${alias}/${appEnv('api').S3_BUCKET}`);
      expect(appEnv('api').S3_BUCKET).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
    });

    test('outputs are anonymously readable for playback; sources and listings are not', () => {
      const script = readSetupScript(service(doc, 'minio-setup'));
      const [alias] = findMc(script, 'alias', 'set');
      const bucket = appEnv('api').S3_BUCKET;
      const [file, target] = findMc(script, 'anonymous', 'set-json');
      expect(target).toBe(`${alias}/${bucket}`);
      expect(script.files[file]).toBeDefined();
      const policy = JSON.parse(script.files[file]);

      const allows = (action: string, key: string) =>
        policy.Statement.some(
          (s: any) =>
            s.Effect === 'Allow' &&
            [s.Principal?.AWS ?? s.Principal].flat().includes('*') &&
            [s.Action].flat().some((a: string) => resourceMatches(a, action)) &&
            [s.Resource]
              .flat()
              .some((r: string) => resourceMatches(r, `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`)),
        );
      const out = objectKeys.outputPrefix('acct_1a2b3c', 'vid_4d5e6f', 1);
      for (const name of [
        'manifest.json',
        'master.m3u8',
        'manifest.mpd',
        '720p/init.mp4',
        '720p/seg_00000.m4s',
        'poster.jpg',
        'storyboard.vtt',
        'thumbs/0001.jpg',
      ]) {
        expect(allows('s3:GetObject', `${out}/${name}`)).toBe(true);
      }
      expect(allows('s3:GetObject', objectKeys.source('acct_1a2b3c', 'vid_4d5e6f'))).toBe(false);
      expect(allows('s3:GetObject', objectKeys.source('acct_v1', 'vid_v2'))).toBe(false);
      expect(allows('s3:ListBucket', '')).toBe(false);
      expect(allows('s3:PutObject', `${out}/manifest.json`)).toBe(false);
    });

    test('browser uploads can read ETag: bucket CORS from the setup script, server-wide CORS as fallback', () => {
      const script = readSetupScript(service(doc, 'minio-setup'));
      const [alias] = findMc(script, 'alias', 'set');
      const [target, file] = findMc(script, 'cors', 'set');
      expect(target).toBe(`${alias}/${appEnv('api').S3_BUCKET}`);
      const xml = script.files[file];
      expect(xml).toBeDefined();
      expect(xml).toMatch(/<ExposeHeader>ETag<\/ExposeHeader>/);
      for (const method of ['PUT', 'GET', 'HEAD']) expect(xml).toContain(`<AllowedMethod>${method}</AllowedMethod>`);
      expect(xml).toContain('<AllowedOrigin>*</AllowedOrigin>');
      // Community MinIO rejects bucket CORS; its server-wide CORS (which exposes ETag) must allow origins.
      expect(envOf(service(doc, 'minio')).MINIO_API_CORS_ALLOW_ORIGIN).toBeTruthy();
    });
  });

  describe('services', () => {
    const { doc } = loadCompose();

    test('api, worker and migrate run the same image, built from this repository', () => {
      const [api, ...others] = APP_SERVICES.map((n) => service(doc, n));
      expect(api.build).toBeDefined();
      for (const other of others) {
        expect(other.build).toEqual(api.build);
        expect(other.image).toEqual(api.image);
      }
      const context = typeof api.build === 'string' ? api.build : (api.build.context ?? '.');
      const dockerfilePath = typeof api.build === 'string' ? 'Dockerfile' : (api.build.dockerfile ?? 'Dockerfile');
      expect(existsSync(join(ROOT, context, dockerfilePath))).toBe(true);
    });

    test('each app service runs its own entry point', () => {
      expect(effectiveCommand(service(doc, 'api'))).toEqual(['node', 'api/dist/main.js']);
      expect(effectiveCommand(service(doc, 'worker'))).toEqual(['node', 'worker/dist/main.js']);
      expect(effectiveCommand(service(doc, 'migrate'))).toEqual(['node', 'scripts/dist/migrate.js']);
    });

    test('api publishes 3000, matching PORT, with a /healthz healthcheck that needs no curl', () => {
      const api = service(doc, 'api');
      const port = envOf(api).PORT ?? '3000';
      expect(portsOf(api)).toContainEqual(expect.objectContaining({ published: '3000', target: port }));
      const hc = healthcheckText(api);
      expect(hc).toContain('/healthz');
      expect(hc).toMatch(/\bnode\b/);
      expect(hc).toMatch(/\bfetch\(/);
      expect(hc).not.toMatch(/\b(curl|wget)\b/);
    });

    test('minio publishes its API on 9000 and console on 9001, with a healthcheck and a named volume', () => {
      const minio = service(doc, 'minio');
      expect(minio.image).toMatch(/^(quay\.io\/)?minio\/minio(:|$)/);
      const args = argv(minio.command);
      expect(args.slice(0, 2)).toEqual(['server', '/data']);
      expect(minioApiPort(minio)).toBe('9000');
      expect(minioConsolePort(minio)).toBe('9001');
      expect(portsOf(minio)).toContainEqual(expect.objectContaining({ published: '9000', target: '9000' }));
      expect(portsOf(minio)).toContainEqual(expect.objectContaining({ published: '9001', target: '9001' }));
      expect(healthcheckText(minio)).not.toBe('');
      expect(namedVolumes(minio).length).toBe(1);
    });

    test('postgres 15 with pg_isready and a named volume', () => {
      const pg = service(doc, 'postgres');
      expect(pg.image).toMatch(/^postgres:15(\b|$)/);
      expect(healthcheckText(pg)).toContain('pg_isready');
      expect(envOf(pg).POSTGRES_DB).toBe('streamforge');
      expect(namedVolumes(pg).length).toBe(1);
    });

    test('redis 7 runs noeviction with appendonly persistence and a ping healthcheck', () => {
      const redis = service(doc, 'redis');
      expect(redis.image).toMatch(/^redis:7(\b|$)/);
      const args = argv(redis.command).join(' ');
      expect(args).toMatch(/--maxmemory-policy[ =]noeviction\b/);
      expect(args).toMatch(/--appendonly[ =]yes\b/);
      expect(healthcheckText(redis)).toMatch(/redis-cli.*\bping\b/);
      expect(namedVolumes(redis).length).toBe(1);
    });

    test('named volumes are declared', () => {
      for (const [name, svc] of Object.entries(doc.services as Record<string, Service>)) {
        for (const vol of namedVolumes(svc)) {
          expect({ service: name, declared: Object.keys(doc.volumes ?? {}).includes(vol) }).toEqual({
            service: name,
            declared: true,
          });
        }
      }
    });

    test('start-up order: migrations and bucket set-up finish before api and worker start', () => {
      expect(dependsOn(service(doc, 'migrate'))).toMatchObject({ postgres: 'service_healthy' });
      expect(dependsOn(service(doc, 'minio-setup'))).toMatchObject({ minio: 'service_healthy' });
      for (const name of ['api', 'worker']) {
        expect(dependsOn(service(doc, name))).toMatchObject({
          postgres: 'service_healthy',
          redis: 'service_healthy',
          migrate: 'service_completed_successfully',
          'minio-setup': 'service_completed_successfully',
        });
      }
    });

    test('every dependency exists and can meet its condition', () => {
      for (const [name, svc] of Object.entries(doc.services as Record<string, Service>)) {
        for (const [dep, condition] of Object.entries(dependsOn(svc))) {
          const target = service(doc, dep);
          if (condition === 'service_healthy') {
            expect({ [`${name} -> ${dep}`]: healthcheckText(target) !== '' }).toEqual({ [`${name} -> ${dep}`]: true });
          }
          if (condition === 'service_completed_successfully') expect(ONE_SHOT).toContain(dep);
        }
      }
    });

    test('one-shot services are not restarted after they exit', () => {
      for (const name of ONE_SHOT) {
        expect([undefined, 'no', 'on-failure']).toContain(service(doc, name).restart?.toString().split(':')[0]);
      }
    });

    test('the worker gets time to finish a transcode on shutdown', () => {
      const worker = service(doc, 'worker');
      expect(durationSeconds(worker.stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(60);
    });
  });
});

describe('Dockerfile', () => {
  const image = 'node:26-bookworm-slim';

  test('is multi-stage on node:26-bookworm-slim', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) {
      const ownStage = dockerfile.stages.some((s) => s.name === stage.base);
      if (!ownStage) expect(stage.base).toBe(image);
    }
    expect(runtime.base).toBe(image); // the runtime starts clean, not from the build stage
  });

  test('a build stage installs everything and compiles', () => {
    const build = dockerfile.stages.find((s) =>
      lineage(dockerfile.stages, s).some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)),
    );
    expect(build).toBeDefined();
    const runs = lineage(dockerfile.stages, build!)
      .filter((i) => i.op === 'RUN')
      .map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r) && !/--omit[= ]dev|--production/.test(r))).toBe(true);
  });

  test('copies every workspace manifest before npm ci (npm ci fails without them)', () => {
    const pkg = JSON.parse(read('package.json'));
    const copies = dockerfile.stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args);
    for (const ws of pkg.workspaces as string[]) {
      expect({ ws, copied: copies.some((c) => c.split(/\s+/).includes(`${ws}/package.json`)) }).toEqual({
        ws,
        copied: true,
      });
    }
    expect(copies.some((c) => c.includes('package-lock.json'))).toBe(true);
  });

  test('the runtime stage installs ffmpeg from Debian and cleans apt lists', () => {
    const runs = runtime.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    const install = runs.find((r) => /apt-get install/.test(r));
    expect(install).toBeDefined();
    expect(install).toMatch(/apt-get install\b.*-y\b.*--no-install-recommends\b.*\bffmpeg\b/);
    expect(install).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
  });

  test('the runtime gets production dependencies only and every compiled workspace', () => {
    const copies = runtime.instructions.filter((i) => i.op === 'COPY' && /--from=/.test(i.args));
    const fromStage = (c: Instruction) => dockerfile.stages.find((s) => s.name === /--from=(\S+)/.exec(c.args)![1])!;
    const prunedStages = copies
      .map(fromStage)
      .filter((s) =>
        lineage(dockerfile.stages, s).some(
          (i) => i.op === 'RUN' && /npm (ci|prune|install)\b.*(--omit[= ]dev|--production)/.test(i.args),
        ),
      );
    expect(prunedStages.length).toBeGreaterThan(0);
    // Nothing from a full (dev) install reaches the runtime except compiled output.
    for (const c of copies) {
      const src = fromStage(c);
      if (prunedStages.includes(src)) continue;
      const sources = c.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const s of sources) expect(s).toMatch(/\/dist\/?$/);
    }
    const copied = copies.map((c) => c.args).join('\n');
    for (const ws of ['core', 'api', 'worker', 'scripts']) expect(copied).toMatch(new RegExp(`\\b${ws}/dist\\b`));
  });

  test('every app service command points into a copied dist directory', () => {
    const { doc } = loadCompose();
    const copied = runtime.instructions
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args)
      .join('\n');
    for (const name of APP_SERVICES) {
      const [node, script] = effectiveCommand(service(doc, name));
      expect(node).toBe('node');
      expect(copied).toContain(script.split('/').slice(0, 2).join('/'));
    }
  });

  test('runs as the non-root node user, serving the api by default', () => {
    const users = runtime.instructions.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).toBe('node');
    const cmd = [...runtime.instructions].reverse().find((i) => i.op === 'CMD');
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'api/dist/main.js']);
    // One image serves api, worker and migrate: an image-level HEALTHCHECK would mark the others unhealthy.
    expect(runtime.instructions.some((i) => i.op === 'HEALTHCHECK')).toBe(false);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  test('keeps host build output, dependencies, VCS, local data and secrets out of the context', () => {
    // Patterns anchor at the context root, so workspace folders need the **/ form.
    for (const p of ['**/node_modules', '**/dist', '**/*.tsbuildinfo']) expect(patterns).toContain(p);
    for (const p of ['.git', '.data', 'coverage', '.env']) {
      expect(patterns.some((q) => q === p || q === `**/${p}`)).toBe(true);
    }
  });

  test('does not hide what the build needs', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      '.npmrc',
      'tsconfig.base.json',
      'tsconfig.json',
      'src',
      '*.ts',
    ]) {
      expect(patterns).not.toContain(needed);
    }
    expect(patterns.some((p) => p.startsWith('!') || p === '*' || p === '**')).toBe(false);
  });
});
