// SPDX-License-Identifier: MIT
// `kiro-proxyd accounts …` end to end: the real binary on a fresh data directory (direct mode), then the same
// commands while a kiro-proxyd runs on that directory (they must go through its /api: it sees each change at once and
// stays the only writer), exit codes, --help of every command, and the man page the build generated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const buildDir = process.env.KIRO_BUILD_DIR;
if (!buildDir) throw new Error('KIRO_BUILD_DIR is not set (ctest sets it)');
const proxyd = path.join(buildDir, 'app', 'kiro-proxyd');
const here = path.dirname(new URL(import.meta.url).pathname);
const API_KEY = 'e2e-cli-key-0123456789';
const pad = (c) => c.repeat(120);
const TOKENS = {
  alpha: `cli-alpha-${pad('a')}`,
  mid: `cli-mid-${pad('m')}`, // the fake reports 80 % used
  invalid: `cli-invalid-${pad('i')}`, // the fake refuses its sign-in
  stdin: `cli-stdin-${pad('s')}`,
  remote: `cli-remote-${pad('r')}`,
  stall: `cli-stall-${pad('t')}`, // the fake never answers its sign-in
};

let fake;
let fakeUrl;
let dataDir;
let quiet; // a port that answers 404 to everything: no kiro-proxyd there, and nobody else can take it meanwhile
let quietPort;
const outputs = [];

function waitForListening(child, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { seen += c.toString(); });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${seen}`)));
  });
}

function baseEnv(extra = {}) {
  return { ...process.env, DATA_DIR: dataDir, API_KEY, POOL_MODE: 'true', SECRET_STORE: 'file', PORT: String(quietPort),
    KIRO_API_ENDPOINT: fakeUrl, KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl, KIRO_IDC_AUTH_ENDPOINT: fakeUrl,
    QT_LOGGING_RULES: '*.debug=false', ...extra };
}

/** Runs `kiro-proxyd accounts ARGS…` to its end: {code, stdout, stderr}. */
function cli(args, { input = null, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(proxyd, ['accounts', ...args], { env: baseEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

const json = (r) => JSON.parse(r.stdout);
const byEmail = (list, email) => list.find((a) => a.email === email);

before(async () => {
  fake = spawn(process.execPath, [path.join(here, 'fake-kiro-upstream.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  fakeUrl = await waitForListening(fake, 'fake-kiro-upstream');
  quiet = http.createServer((req, res) => { res.writeHead(404); res.end('not here'); });
  await new Promise((resolve) => quiet.listen(0, '127.0.0.1', resolve));
  quietPort = quiet.address().port;
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-cli-'));
});

after(() => {
  fake.kill('SIGTERM');
  quiet.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const text of outputs) {
    for (const token of Object.values(TOKENS)) assert.ok(!text.includes(token), `the CLI printed a refresh token: ${text}`);
  }
});

test('direct mode on a fresh data directory', async () => {
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}-import.json`);
  writeFileSync(file, JSON.stringify([
    { refreshToken: TOKENS.alpha, authMethod: 'social', email: 'alpha@example.com' },
    { refreshToken: TOKENS.mid, authMethod: 'social', email: 'mid@example.com' },
    { refreshToken: TOKENS.invalid, authMethod: 'social', email: 'invalid@example.com' },
    { refreshToken: 'short', authMethod: 'social', email: 'short@example.com' },
  ]));
  try {
    // One line per entry; an entry that failed makes the exit status 1, the others are kept.
    const imported = await cli(['import', file]);
    assert.equal(imported.code, 1, imported.stderr);
    assert.match(imported.stdout, /^added +alpha@example\.com +\(id [0-9a-f-]{36}\)$/m);
    assert.match(imported.stdout, /^added +mid@example\.com/m);
    assert.match(imported.stdout, /^rejected +invalid@example\.com +— Sign-in validation failed: .*expired or was revoked/m);
    assert.match(imported.stdout, /^invalid +short@example\.com +— The refresh token is too short/m);
    assert.match(imported.stdout, /^2 added, 1 invalid, 1 rejected\.$/m);
    // The data directory was used directly (nothing answers on the configured port), and it is durable.
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'accounts.json'), 'utf8'));
    assert.equal(stored.accounts.length, 2);
    assert.ok(!stored.accounts.some((a) => a.pending), 'no account is left pending: each was acknowledged once stored');
    const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
    assert.equal(Object.keys(secrets).length, 2);

    // Again: the same accounts are duplicates (not an error), the bad ones still fail.
    const again = await cli(['import', file, '--json']);
    assert.equal(again.code, 1);
    assert.deepEqual(json(again).map((r) => r.result), ['duplicate', 'duplicate', 'rejected', 'invalid']);
  } finally {
    rmSync(file, { force: true });
  }

  const fromStdin = await cli(['import', '-'], { input: JSON.stringify({ refreshToken: TOKENS.stdin, authMethod: 'social', email: 'stdin@example.com' }) });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.match(fromStdin.stdout, /^added +stdin@example\.com/m);

  // The table for people: aligned columns, with the header.
  const listed = await cli(['list']);
  assert.equal(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^NAME +ID +STATE +QUOTA USED +LAST USED$/);
  assert.equal(lines.length, 4);
  const idColumn = lines[0].indexOf('ID');
  for (const line of lines.slice(1)) assert.match(line.slice(idColumn), /^[0-9a-f]{8} /, `aligned: ${line}`);
  assert.match(listed.stdout, /^mid@example\.com +[0-9a-f]{8} +active +800 \/ 1000 \(80%\) +never$/m);

  // --json: the fields of GET /api/accounts, never a secret.
  const list = json(await cli(['list', '--json']));
  assert.equal(list.length, 3);
  for (const key of ['id', 'name', 'email', 'status', 'status_reason', 'status_text', 'auth_method', 'request_count',
    'success_count', 'error_count', 'last_used_at', 'created_at', 'cooldown_until', 'exhausted_until']) {
    assert.ok(key in list[0], `list --json has ${key}`);
  }
  const alpha = byEmail(list, 'alpha@example.com');

  // disable / enable by e-mail and by id prefix; the state is on disk when the command returns.
  assert.equal((await cli(['disable', 'alpha@example.com'])).code, 0);
  const onDisk = () => JSON.parse(readFileSync(path.join(dataDir, 'accounts.json'), 'utf8')).accounts;
  assert.equal(onDisk().find((a) => a.id === alpha.id).status, 'disabled');
  const enabled = await cli(['enable', alpha.id.slice(0, 8), '--json']);
  assert.equal(enabled.code, 0, enabled.stderr);
  assert.equal(json(enabled).status, 'active');
  assert.equal(onDisk().find((a) => a.id === alpha.id).status, 'active');

  // usage: refreshed from the fake (alpha 380.5 of 1000).
  const usage = await cli(['usage', alpha.id, '--json']);
  assert.equal(usage.code, 0, usage.stderr);
  assert.equal(json(usage)[0].usage.current_usage, 380.5);
  assert.equal(json(usage)[0].name, 'alpha@example.com');
  const all = await cli(['usage']);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /^alpha@example\.com +[0-9a-f]{8} +active +380\.5 \/ 1000 \(38%\)/m);

  // strategy: set (config.json), get, refused.
  assert.equal((await cli(['strategy', 'least-used'])).code, 0);
  assert.equal(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).strategy, 'least-used');
  assert.deepEqual(json(await cli(['strategy', '--json'])), { strategy: 'least-used' });
  const badStrategy = await cli(['strategy', 'fastest']);
  assert.equal(badStrategy.code, 2);
  assert.match(badStrategy.stderr, /unknown strategy "fastest"; use round-robin, random, least-used, sequential-exhaust/);

  // remove: no question without a terminal; the secret goes too.
  const stdinAccount = byEmail(list, 'stdin@example.com');
  assert.equal((await cli(['remove', 'stdin@example.com'])).code, 0);
  assert.equal(onDisk().length, 2);
  assert.ok(!(stdinAccount.id in JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'))), 'its secret is deleted');

  // Exit codes.
  const unknown = await cli(['disable', 'nobody@example.com']);
  assert.equal(unknown.code, 3);
  assert.match(unknown.stderr, /no account is "nobody@example\.com"/);
  assert.equal((await cli(['usage', 'ffffffff'])).code, 3);
  assert.equal((await cli(['frobnicate'])).code, 2);
  assert.equal((await cli(['enable'])).code, 2);
  assert.equal((await cli(['list', 'extra'])).code, 2);
  assert.equal((await cli(['list', '--yes'])).code, 2, 'only remove takes --yes');
  assert.equal((await cli(['list', '--direct', '--remote', 'http://127.0.0.1:1'])).code, 2);
  assert.equal((await cli([])).code, 2);
  const missing = await cli(['import', path.join(dataDir, 'no-such-file.json')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*no-such-file\.json/);
  const garbage = await cli(['import', '-'], { input: '{"refreshToken": ' });
  assert.equal(garbage.code, 1);
  assert.match(garbage.stderr, /standard input: /);
  const nothing = await cli(['import', '-'], { input: '{"accounts": []}' });
  assert.equal(nothing.code, 1);
});

test('while kiro-proxyd runs on the directory, the commands go through it', async () => {
  const daemon = spawn(proxyd, ['--port', '0'], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => daemon.once('exit', (code) => resolve(code)));
  let log = '';
  daemon.stdout.on('data', (c) => { log += c; });
  daemon.stderr.on('data', (c) => { log += c; });
  const base = await waitForListening(daemon, 'kiro-proxyd');
  const port = new URL(base).port;
  const api = async (route) => (await fetch(`${base}${route}`, { headers: { 'x-api-key': API_KEY } })).json();
  try {
    // Found at the address it announced in kiro-proxyd.lock, although the configured port is another (the daemon
    // got a free one): an import lands in the running instance's memory at once — a second writer on the files
    // would not be seen until a restart.
    const imported = await cli(['import', '-'],
      { input: JSON.stringify({ refreshToken: TOKENS.remote, authMethod: 'social', email: 'remote@example.com' }) });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^added +remote@example\.com/m);
    assert.ok(byEmail(await api('/api/accounts'), 'remote@example.com'), 'the running instance has the account');

    const remote = byEmail(await api('/api/accounts'), 'remote@example.com');
    assert.equal((await cli(['disable', remote.id, '--port', port])).code, 0);
    assert.equal(byEmail(await api('/api/accounts'), 'remote@example.com').status, 'disabled');
    assert.equal((await cli(['strategy', 'random', '--port', port])).code, 0);
    assert.equal((await api('/api/strategy')).strategy, 'random', 'the instance follows at once');
    const listed = await cli(['list', '--json', '--port', port]);
    assert.deepEqual(json(listed), await api('/api/accounts'), 'list --json is GET /api/accounts');
    const usage = await cli(['usage', 'mid@example.com', '--json', '--port', port]);
    assert.equal(usage.code, 0, usage.stderr);
    assert.equal(json(usage)[0].usage.current_usage, 800);
    assert.equal((await cli(['remove', 'remote@example.com', '--port', port])).code, 0);
    assert.ok(!byEmail(await api('/api/accounts'), 'remote@example.com'), 'removed in the running instance');
    assert.equal((await cli(['enable', 'nobody', '--port', port])).code, 3);
    assert.equal((await cli(['list', '--remote', base])).code, 0, '--remote URL');

    // The instance refuses a wrong admin key → 4.
    const refused = await cli(['list', '--port', port], { env: { ADMIN_API_KEY: 'not-the-key-0123456789' } });
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /refused the key/);
    // Never both: --direct, or an address where the instance does not answer, stops instead of writing next to it.
    const direct = await cli(['list', '--direct']);
    assert.equal(direct.code, 4);
    assert.match(direct.stderr, new RegExp(`in use by kiro-proxyd \\(pid ${daemon.pid}\\)`));
    assert.equal((await cli(['list', '--remote', `http://127.0.0.1:${quietPort}`])).code, 4);
    // An instance that holds the directory but does not answer (stopped) is not written around either.
    daemon.kill('SIGSTOP');
    let stopped;
    try {
      stopped = await cli(['list']);
    } finally {
      daemon.kill('SIGCONT');
    }
    assert.equal(stopped.code, 4, stopped.stderr);
    assert.match(stopped.stderr, new RegExp(`in use by kiro-proxyd \\(pid ${daemon.pid}\\), which does not answer at ${base}/?; give --remote URL`));
  } finally {
    daemon.kill('SIGTERM');
  }
  assert.equal(await exited, 0, log);
  for (const token of Object.values(TOKENS)) assert.ok(!log.includes(token), 'no token in the daemon output');

  // What went through the instance is on disk, and the directory is free again.
  const after = await cli(['list', '--json']);
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual(json(after).map((a) => a.email).sort(), ['alpha@example.com', 'mid@example.com']);
  assert.deepEqual(json(await cli(['strategy', '--json'])), { strategy: 'random' });
});

test('a kiro-proxyd that starts while a command works on the directory waits for it', async () => {
  // The command holds the directory while its import waits for a sign-in that never answers (until AUTH_TIMEOUT_MS).
  // Its output goes to a file, not a pipe: the command writes its result before it lets the directory go, so
  // when the daemon says it listens, the file must hold that result. (Comparing when node happens to read two
  // pipes, or sees an exit, says nothing about the order in which the processes acted.)
  const outPath = path.join(mkdtempSync(path.join(tmpdir(), 'kiro-cli-out-')), 'command.out');
  const outFd = openSync(outPath, 'w');
  const command = spawn(proxyd, ['accounts', 'import', '-', '--direct'],
    { env: baseEnv({ AUTH_TIMEOUT_MS: '3000' }), stdio: ['pipe', outFd, outFd] });
  closeSync(outFd);
  const commandDone = new Promise((resolve) => command.once('close', (code) => resolve(code)));
  command.stdin.end(JSON.stringify({ refreshToken: TOKENS.stall, authMethod: 'social', email: 'stall@example.com' }));
  for (;;) { // its sign-in reached the fake: the lock is taken by then (before the accounts are read)
    const stats = await (await fetch(`${fakeUrl}/__control/stats`)).json();
    if (stats.refreshStalls > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const rejected = /^rejected +stall@example\.com +— Kiro's sign-in service did not answer/m;
  const daemon = spawn(proxyd, ['--port', '0'], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const daemonExit = new Promise((resolve) => daemon.once('exit', (code) => resolve(code)));
  let log = '';
  let waitedBeforeListening = false;
  let commandOutputAtListen = null;
  let waiting;
  let listening;
  const waitingSeen = new Promise((resolve) => { waiting = resolve; });
  const listeningSeen = new Promise((resolve, reject) => {
    listening = resolve;
    daemon.once('exit', (code) => reject(new Error(`kiro-proxyd exited with ${code}:\n${log}`)));
  });
  daemon.stdout.on('data', (c) => {
    log += c;
    if (/waiting for kiro-proxyd accounts \(pid \d+\)/.test(log) && commandOutputAtListen === null)
      waitedBeforeListening = true;
    if (/listening on/.test(log) && commandOutputAtListen === null) {
      commandOutputAtListen = readFileSync(outPath, 'utf8');
      waiting(); // a daemon that did not wait fails the assertions below at once
      listening();
    }
    if (waitedBeforeListening)
      waiting();
  });
  daemon.stderr.on('data', (c) => { log += c; });
  await waitingSeen;
  assert.ok(waitedBeforeListening, `the daemon listened without waiting:\n${log}`);
  assert.match(log, new RegExp(`waiting for kiro-proxyd accounts \\(pid ${command.pid}\\)`));
  // A second command meanwhile neither writes next to the first nor waits: it says so and stops.
  const second = await cli(['list']);
  assert.equal(second.code, 4, second.stderr);
  assert.match(second.stderr, new RegExp(`in use by kiro-proxyd accounts \\(pid ${command.pid}\\); run this again when it has finished`));
  const code = await commandDone;
  const commandOut = readFileSync(outPath, 'utf8');
  assert.equal(code, 1, commandOut);
  assert.match(commandOut, rejected);
  await listeningSeen;
  daemon.kill('SIGTERM');
  assert.equal(await daemonExit, 0, log);
  assert.match(commandOutputAtListen, rejected, 'the daemon listened before the command had finished');
  rmSync(path.dirname(outPath), { recursive: true, force: true });
});

test('--help of every command', async () => {
  const overview = await cli(['--help']);
  assert.equal(overview.code, 0);
  for (const command of ['list', 'import', 'enable', 'disable', 'remove', 'usage', 'strategy']) {
    assert.match(overview.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    for (const args of [[command, '--help'], ['help', command], [command, '-h']]) {
      const r = await cli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, new RegExp(`^Usage: kiro-proxyd accounts ${command}\\b`), args.join(' '));
      assert.match(r.stdout, /^Exit status:\n  0 +success\n  1 +the operation failed/m);
      assert.match(r.stdout, /^  4 +the running instance did not answer/m);
    }
  }
  assert.match((await cli(['remove', '--help'])).stdout, /-y, --yes/);
  const daemonHelp = spawnSync(proxyd, ['--help'], { encoding: 'utf8' });
  assert.match(daemonHelp.stdout, /kiro-proxyd accounts --help/);
});

test('the man page the build generated renders cleanly', (t) => {
  const page = path.join(buildDir, 'app', 'kiro-proxyd.1');
  assert.ok(existsSync(page), `${page} is built with kiro-proxyd`);
  const text = readFileSync(page, 'utf8');
  assert.equal(zlib.gunzipSync(readFileSync(`${page}.gz`)).toString('utf8'), text, 'the .gz holds the same page');
  assert.equal(spawnSync(proxyd, ['--man'], { encoding: 'utf8' }).stdout.replace(/^\.TH .*$/m, ''),
    text.replace(/^\.TH .*$/m, ''), 'the page is what this build prints');
  assert.match(text, /^\.SH NAME\nkiro\\-proxyd \\- /m);
  for (const command of ['list', 'import', 'enable', 'disable', 'remove', 'usage', 'strategy']) {
    assert.match(text, new RegExp(`^\\.TP\\n\\\\fB${command}\\\\fR`, 'm'), `the page describes ${command}`);
  }
  const groff = spawnSync('groff', ['-man', '-Tutf8', '-ww', page], { encoding: 'utf8' });
  if (groff.error) {
    t.skip('groff is not installed');
    return;
  }
  assert.equal(groff.status, 0);
  assert.equal(groff.stderr, '', 'groff -ww has no warning');
  assert.match(groff.stdout.replace(/.\x08/g, ''), /EXIT STATUS/); // without nroff's overstrike
  const lexgrog = spawnSync('lexgrog', [page], { encoding: 'utf8' });
  if (!lexgrog.error) assert.match(lexgrog.stdout, /kiro-proxyd - Anthropic Messages API proxy/);
});
