// SPDX-License-Identifier: MIT
// Acknowledged writes survive kill -9. A stream of concurrent management writes (imports, deletes, enable/disable,
// strategy) and chats that rotate refresh tokens runs against a real kiro-proxyd (pool mode, secrets.json) that is
// killed with SIGKILL 5–200 ms into each burst and restarted on the same data directory. After every restart:
// - every import answered 201 is there, every delete answered 204 is gone;
// - the enable state and the strategy are the last acknowledged ones (unless a later write was still in flight);
// - no stored refresh token was rotated away while the access token of its rotation was already in use;
// - every file parses, no account lacks its secret, files are 0600 and the directory 0700.
// KIRO_KILLS=N sets the number of kills (default 50; KIRO_LONG=1 makes it 200).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const buildDir = process.env.KIRO_BUILD_DIR;
if (!buildDir) throw new Error('KIRO_BUILD_DIR is not set (ctest sets it)');
const API_KEY = 'e2e-durability-key-0123456789';
const KILLS = Number(process.env.KIRO_KILLS ?? (process.env.KIRO_LONG ? 200 : 50));
const STRATEGIES = ['round-robin', 'random', 'least-used', 'sequential-exhaust'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (n) => Math.floor(Math.random() * n);
const pick = (list) => list[rand(list.length)];

function waitForListening(child, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time:\n${seen}`)), 15000);
    const onData = (c) => {
      seen += c.toString();
      const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { seen += c.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited with ${code}:\n${seen}`)); });
  });
}

// "dur-7-rotate3-xxx" and "dur-7-rotate-xxx" belong to one account.
const lineage = (token) => token.replace(/rotate\d*/, 'rotate');

test(`acknowledged writes survive ${KILLS} kill -9`, { timeout: 280000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-durability-'));
  const fake = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'fake-kiro-upstream.mjs'),
    '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const fakeUrl = await waitForListening(fake, 'fake-kiro-upstream');
  const env = {
    ...process.env, API_KEY, DATA_DIR: dataDir, POOL_MODE: 'true', SECRET_STORE: 'file',
    KIRO_API_ENDPOINT: fakeUrl, KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl, KIRO_IDC_AUTH_ENDPOINT: fakeUrl,
    QT_LOGGING_RULES: '*.debug=false;*.info=false',
  };

  // What the client was told, i.e. what must hold after any crash.
  const present = new Set();      // ids of acknowledged imports not deleted since
  const gone = new Set();         // ids of acknowledged deletes
  const enabled = new Map();      // id → { value, ack: true|false } of the last write sent (one in flight at a time)
  let strategy = null;            // { value, ack, possible }: possible = what may be on disk if this write was not acknowledged
  const usedAccess = new Set();   // access tokens the fake saw in use
  const counts = { kills: 0, imports: 0, deletes: 0, changes: 0, rotations: 0, violations: 0 };
  const acked = { imports: 0, deletes: 0, changes: 0 }; // answers received (each is checked at every later start)
  const violations = [];
  const seen = new Set(); // a lost write stays lost: each one is counted once, at the first start that shows it
  const kinds = {};
  const violation = (round, kind, what) => {
    if (seen.has(what)) return;
    seen.add(what);
    counts.violations++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    if (violations.length < 25) violations.push(`round ${round}: ${what}`);
  };
  let seq = 0;

  async function api(base, method, route, body) {
    const r = await fetch(`${base}${route}`, {
      method,
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* an error page */ }
    return { status: r.status, body: json };
  }

  async function collectFakeRequests() {
    const requests = await (await fetch(`${fakeUrl}/__control/requests`)).json();
    await fetch(`${fakeUrl}/__control/reset`, { method: 'POST' });
    for (const req of requests) {
      const auth = req.headers?.authorization ?? '';
      if (auth.startsWith('Bearer ')) usedAccess.add(auth.slice(7));
    }
  }

  function readJson(name) {
    const p = path.join(dataDir, name);
    if (!existsSync(p)) return null;
    return JSON.parse(readFileSync(p, 'utf8')); // throws (a violation) when the file does not parse
  }

  async function verify(round, base) {
    // Files parse; modes.
    let accountsFile = null;
    let secretsFile = null;
    try {
      accountsFile = readJson('accounts.json');
      secretsFile = readJson('secrets.json');
      readJson('config.json');
      readJson('statistics.json');
      if (existsSync(path.join(dataDir, 'requests.jsonl'))) {
        const lines = readFileSync(path.join(dataDir, 'requests.jsonl'), 'utf8').split('\n');
        lines.pop(); // the part after the last newline may be cut by the kill; the proxy skips it
        for (const line of lines) if (line.trim()) JSON.parse(line);
      }
    } catch (e) {
      violation(round, 'unparsable file', `a file does not parse: ${e.message}`);
    }
    const dirMode = statSync(dataDir).mode & 0o777;
    if (dirMode !== 0o700) violation(round, 'mode', `data directory mode ${dirMode.toString(8)}`);
    for (const name of readdirSync(dataDir)) {
      const mode = statSync(path.join(dataDir, name)).mode & 0o777;
      if (mode !== 0o600) violation(round, 'mode', `${name} mode ${mode.toString(8)}`);
    }
    // No account without its secret (accounts.json is read first: a secret is stored before its account is final).
    const secrets = secretsFile?.accounts ?? {};
    for (const a of accountsFile?.accounts ?? []) {
      if (!a.pending && !secrets[a.id]) violation(round, 'account without secret', `account ${a.id} has no secret`);
    }
    // Acknowledged imports and deletes, through the API.
    const list = await api(base, 'GET', '/api/accounts');
    const live = new Map(list.body.map((a) => [a.id, a]));
    for (const id of present) {
      counts.imports++;
      if (!live.has(id)) violation(round, 'lost import', `acknowledged import ${id} is gone`);
    }
    for (const id of gone) {
      counts.deletes++;
      if (live.has(id)) violation(round, 'delete undone', `acknowledged delete ${id} came back`);
    }
    for (const [id, w] of enabled) {
      if (!live.has(id) || !w.ack) continue; // a write still in flight may or may not have landed
      counts.changes++;
      const a = live.get(id);
      const isManualOff = a.status === 'disabled' && a.status_reason === 'manual';
      if (w.value !== !isManualOff) violation(round, 'lost enable/disable', `account ${id} should be ${w.value ? 'enabled' : 'disabled'}`);
    }
    if (strategy) {
      const now = (await api(base, 'GET', '/api/strategy')).body.strategy;
      counts.changes++;
      // An unacknowledged write may or may not have landed, so every value since the last acknowledged one is possible.
      const ok = strategy.ack ? now === strategy.value : strategy.possible.has(now);
      if (!ok) violation(round, 'lost strategy', `strategy is ${now}, expected ${strategy.ack ? strategy.value : [...strategy.possible].join(' or ')}`);
    }
    // Rotation: the stored refresh token must not have been rotated away by a refresh whose access token was used.
    const issued = await (await fetch(`${fakeUrl}/__control/issued`)).json();
    const byFrom = new Map(issued.map((i) => [i.from, i]));
    for (const [id, s] of Object.entries(secrets)) {
      if (!/rotate/.test(s.refreshToken ?? '')) continue;
      counts.rotations++;
      const next = byFrom.get(s.refreshToken);
      if (next && next.refreshToken && usedAccess.has(next.accessToken))
        violation(round, 'lost rotation', `account ${id} kept a rotated-away refresh token although its successor's access token was used`);
    }
  }

  // One burst of concurrent writes and chats; resolves when the proxy is dead.
  async function burst(base, isDead) {
    const list = [];
    const ops = { push: (p) => list.push(p.catch(() => null)) }; // a request cut by the kill has no answer
    const ids = [...present];
    const inFlight = new Set(); // one enable/disable per account at a time, so the order of writes is known
    let strategyBusy = false;
    const start = Date.now();
    for (let i = 0; i < 40 && Date.now() - start < 250 && !isDead(); ++i) {
      const kind = rand(10);
      if (kind < 3 || ids.length < 3) {
        const token = `dur-${++seq}-rotate-` + 'x'.repeat(110);
        ops.push(api(base, 'POST', '/api/accounts', { refreshToken: token, authMethod: 'social', email: `d${seq}@example.com` })
          .then((r) => { if (r.status === 201 && r.body?.id) { acked.imports++; present.add(r.body.id); ids.push(r.body.id); } }));
      } else if (kind < 4) {
        const id = ids.splice(rand(ids.length), 1)[0];
        present.delete(id); // from now on it may or may not be there, until the answer says
        enabled.delete(id);
        ops.push(api(base, 'DELETE', `/api/accounts/${id}`).then((r) => { if (r.status === 204) { acked.deletes++; gone.add(id); } }));
      } else if (kind < 6) {
        const id = pick(ids);
        if (inFlight.has(id) || !present.has(id)) continue;
        inFlight.add(id);
        const value = Math.random() < 0.5;
        const w = { value, ack: false };
        enabled.set(id, w);
        ops.push(api(base, 'POST', `/api/accounts/${id}/${value ? 'enable' : 'disable'}`).then((r) => {
          if (r.status === 200 && r.body?.success) { acked.changes++; w.ack = true; }
          inFlight.delete(id);
        }));
      } else if (kind < 7) {
        if (strategyBusy) continue;
        strategyBusy = true;
        const before = strategy ? (strategy.ack ? new Set([strategy.value]) : strategy.possible) : new Set(['round-robin']);
        const value = pick(STRATEGIES);
        const s = { value, ack: false, possible: new Set([...before, value]) };
        strategy = s;
        ops.push(api(base, 'POST', '/api/strategy', { strategy: s.value }).then((r) => {
          if (r.status === 200) { acked.changes++; s.ack = true; }
          strategyBusy = false;
        }));
      } else {
        // A bearer error makes the proxy force a refresh, which rotates "rotate" tokens mid-chat.
        const text = kind < 9 ? 'hello [[status:403-bearer]]' : 'hello';
        ops.push(fetch(`${base}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 32, messages: [{ role: 'user', content: text }] }),
        }).then((r) => r.text()));
      }
      await sleep(rand(8));
    }
    return Promise.all(list);
  }

  try {
    for (let round = 1; round <= KILLS; ++round) {
      const proxy = spawn(path.join(buildDir, 'app/kiro-proxyd'), ['--port', '0', '--host', '127.0.0.1'],
        { stdio: ['ignore', 'pipe', 'pipe'], env });
      const exited = new Promise((r) => proxy.on('exit', r));
      const base = await waitForListening(proxy, 'kiro-proxyd');
      await verify(round, base);
      const killAfter = 5 + rand(196);
      let dead = false;
      const running = burst(base, () => dead);
      await sleep(killAfter);
      proxy.kill('SIGKILL');
      await exited;
      dead = true;
      counts.kills++;
      await running; // every answer the client got is recorded before the next start checks it
      await collectFakeRequests();
    }
    // A last start checks the last round.
    const proxy = spawn(path.join(buildDir, 'app/kiro-proxyd'), ['--port', '0', '--host', '127.0.0.1'],
      { stdio: ['ignore', 'pipe', 'pipe'], env });
    const exited = new Promise((r) => proxy.on('exit', r));
    const base = await waitForListening(proxy, 'kiro-proxyd');
    await verify(KILLS + 1, base);
    proxy.kill('SIGTERM');
    assert.equal(await exited, 0, 'kiro-proxyd exits cleanly on SIGTERM');
  } finally {
    const rotations = (await (await fetch(`${fakeUrl}/__control/issued`)).json()).filter((i) => i.refreshToken).length;
    fake.kill('SIGTERM');
    console.log(`durability: ${counts.kills} kills; acknowledged ${acked.imports} imports, ${acked.deletes} deletes, ` +
      `${acked.changes} enable/disable/strategy changes; ${rotations} rotations by the fake`);
    console.log(`durability: checks after restarts: ${counts.imports} imports present, ${counts.deletes} deletes gone, ` +
      `${counts.changes} enable/strategy states, ${counts.rotations} stored rotated tokens; ${counts.violations} violations ` +
      JSON.stringify(kinds));
    for (const v of violations) console.log(`  ${v}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.equal(counts.violations, 0, violations.join('\n'));
});

// kiro-proxyd --import says "import: added account …" before its commit reaches the disk; a SIGTERM right after
// "listening" must still leave every imported account (with its secret) for the next start.
test('kiro-proxyd --import keeps the accounts when SIGTERM follows at once', { timeout: 120000 }, async () => {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const fake = spawn(process.execPath, [path.join(here, 'fake-kiro-upstream.mjs'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const fakeUrl = await waitForListening(fake, 'fake-kiro-upstream');
  const pad = 'x'.repeat(120);
  const importFile = path.join(mkdtempSync(path.join(tmpdir(), 'kiro-import-')), 'import.json');
  writeFileSync(importFile, JSON.stringify([0, 1, 2].map((i) => ({ email: `term${i}@example.com`, provider: 'Github',
    refreshToken: `term-${i}-${pad}` }))));
  const exited = (child) => new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    for (let round = 0; round < 5; ++round) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-import-term-'));
      const env = { ...process.env, API_KEY, DATA_DIR: dataDir, POOL_MODE: 'true', SECRET_STORE: 'file',
        KIRO_API_ENDPOINT: fakeUrl, KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl, KIRO_IDC_AUTH_ENDPOINT: fakeUrl };
      const first = spawn(path.join(buildDir, 'app', 'kiro-proxyd'), ['--port', '0', '--import', importFile],
        { env, stdio: ['ignore', 'pipe', 'pipe'] });
      await waitForListening(first, 'kiro-proxyd --import');
      const firstExit = exited(first);
      first.kill('SIGTERM');
      assert.equal((await firstExit).code, 0, 'kiro-proxyd exits cleanly on SIGTERM');

      const second = spawn(path.join(buildDir, 'app', 'kiro-proxyd'), ['--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const base = await waitForListening(second, 'kiro-proxyd');
      const r = await fetch(`${base}/api/accounts`, { headers: { 'x-api-key': API_KEY } });
      const body = await r.json();
      const list = Array.isArray(body) ? body : body.accounts ?? [];
      const emails = list.map((a) => a.email).sort();
      // Each imported account can serve: its secret was stored too (a pending account without one is dropped at load).
      const chat = await fetch(`${base}/v1/messages`, { method: 'POST',
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }) });
      const secondExit = exited(second);
      second.kill('SIGTERM');
      await secondExit;
      rmSync(dataDir, { recursive: true, force: true });
      assert.deepEqual(emails, ['term0@example.com', 'term1@example.com', 'term2@example.com'], `round ${round}`);
      assert.equal(chat.status, 200, `round ${round}: an imported account answers`);
    }
  } finally {
    fake.kill();
    rmSync(path.dirname(importFile), { recursive: true, force: true });
  }
});
