/**
 * A throwaway PostgreSQL cluster for the tests: `initdb` in a temp folder, `pg_ctl start` on a
 * free loopback port, trust authentication for the superuser on loopback only (every other role
 * signs in with a password, scram-sha-256). The binaries
 * come from PG_BIN, or the newest /usr/lib/postgresql/<version>/bin (Debian's packages, which
 * `.ci/run` installs). PostgreSQL refuses to run as root: as root the cluster belongs to the
 * `postgres` system user and its commands run through `runuser`.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Cluster {
  host: string;
  port: number;
  /** The superuser (trust on loopback); tests create their own roles and databases. */
  user: string;
  dataDir: string;
  stop(): void;
  /**
   * Stops the server at once (`pg_ctl stop -m immediate`: what a crash or a pulled cable looks
   * like to a client), keeping its files; asynchronous, so the test's own work goes on meanwhile.
   */
  crash(): Promise<void>;
  /** Starts the stopped server again on the same port. */
  restart(): Promise<void>;
}

/** The bin folder of the newest installed PostgreSQL, or null. */
export function postgresBin(): string | null {
  if (process.env.PG_BIN)
    return fs.existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster: a new one in a temp folder, removed by stop(); or, with `keepIn`, the one
 * kept in that folder (made there the first time), which stop() only stops, so its databases
 * outlive the process (the bench keeps a moved 1M book that way).
 *
 * durable: keep PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on). The
 * default turns them off for speed — which also means a commit already acknowledged can be
 * lost when the server is stopped with `-m immediate`: a test that crashes the server and
 * then looks for what was acknowledged needs a durable cluster.
 */
export async function startCluster(options: { keepIn?: string; durable?: boolean } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (set PG_BIN or install postgresql-15)');
  const asRoot = process.getuid?.() === 0;
  const kept = options.keepIn !== undefined;
  if (kept) fs.mkdirSync(options.keepIn!, { recursive: true });
  const base = kept ? path.resolve(options.keepIn!) : fs.mkdtempSync(path.join(os.tmpdir(), 'folio-pg-'));
  const dataDir = path.join(base, 'data');
  const socketDir = path.join(base, 'socket');
  fs.mkdirSync(socketDir, { recursive: true });
  const run = (cmd: string, args: string[]) => {
    const file = path.join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
    else execFileSync(file, args, { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', base, socketDir]);
  const user = asRoot ? 'postgres' : os.userInfo().username;
  const exists = kept && fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (exists) {
    // A kept cluster left running by an interrupted run is stopped first (it listens on an old port).
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // not running
    }
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
    run('initdb', ['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  }
  // The superuser needs no password; every other role (the people of shared books) signs in
  // with its password, as on a real server, so wrong-password and role tests mean something.
  const hba = path.join(dataDir, 'pg_hba.conf');
  if (!exists)
    fs.writeFileSync(
      hba,
      [
        `local all ${user} trust`,
        `host all ${user} 127.0.0.1/32 trust`,
        `host all ${user} ::1/128 trust`,
        'local all all scram-sha-256',
        'host all all 127.0.0.1/32 scram-sha-256',
        'host all all ::1/128 scram-sha-256',
        '',
      ].join('\n'),
    );
  if (asRoot && !exists) execFileSync('chown', ['postgres:postgres', hba]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${socketDir}'`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
    '-c shared_buffers=128MB',
  ].join(' ');
  const startArgs = [
    '-D',
    dataDir,
    '-o',
    serverOptions,
    '-l',
    path.join(base, 'log'),
    '-w',
    '-t',
    '120',
    'start',
  ];
  run('pg_ctl', startArgs);
  const runAsync = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const file = path.join(bin, cmd);
      const [exe, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
      execFile(exe, argv, (error) => (error ? reject(error) : resolve()));
    });
  return {
    host: '127.0.0.1',
    port,
    user,
    dataDir,
    crash: () => runAsync('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    restart: () => runAsync('pg_ctl', startArgs),
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', kept ? 'fast' : 'immediate', '-w', 'stop']);
      } finally {
        if (!kept) fs.rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

/** A connection of the cluster's superuser to `database`, connected (end() it when done). */
export async function connectTo(cluster: Cluster, database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database });
  await client.connect();
  return client;
}
