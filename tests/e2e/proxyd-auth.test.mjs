// SPDX-License-Identifier: MIT
// kiro-proxyd is never an open proxy: without a configured key the first start generates one (printed once, stored in
// config.json with mode 0600), later starts only say where it is; --no-auth serves without a key on loopback only, with
// a warning. And bounded sign-in waits: a refresh that never answers ends after authTimeoutMs — an import says "Kiro's
// sign-in service did not answer", a message fails over to the next account, or answers an Anthropic error at once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, API_KEY } from './harness.mjs';

const buildDir = process.env.KIRO_BUILD_DIR;
const here = path.dirname(new URL(import.meta.url).pathname);
const MODEL = 'claude-sonnet-4-6';
const REFRESH_TOKEN = 'e2e-auth-refresh-' + 'r'.repeat(120);
// Far below the 60 s the sign-in calls used to wait, far above what a loaded machine needs for an 800 ms timeout.
const FAST_MS = 20000;

// Children still running when the file ends (a failed assertion skipped their stop) are killed, so node can exit.
const children = new Set();
after(() => { for (const child of children) child.kill('SIGKILL'); });

/** Runs a child until `pattern` shows on stdout or it exits; resolves with what it printed and its exit code. */
function run(command, args, env, pattern) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const out = { stdout: '', stderr: '', code: null, child };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(command)} did not start in time:\n${out.stdout}${out.stderr}`)), 15000);
    child.stdout.on('data', (c) => {
      out.stdout += c.toString();
      const m = pattern && out.stdout.match(pattern);
      if (m) {
        clearTimeout(timer);
        out.match = m;
        resolve(out);
      }
    });
    child.stderr.on('data', (c) => { out.stderr += c.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      out.code = code;
      resolve(out);
    });
  });
}

async function startFake() {
  const fake = await run(process.execPath, [path.join(here, 'fake-kiro-upstream.mjs'), '--port', '0'], process.env,
    /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { url: fake.match[1], stop: () => fake.child.kill('SIGTERM') };
}

/** kiro-proxyd in single mode on an ephemeral port, WITHOUT API_KEY unless `env` sets one. */
async function startProxyd(fakeUrl, dataDir, args = [], env = {}) {
  const childEnv = { ...process.env, DATA_DIR: dataDir, KIRO_API_ENDPOINT: fakeUrl, KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl,
    KIRO_IDC_AUTH_ENDPOINT: fakeUrl, REFRESH_TOKEN, AUTH_METHOD: 'social', QT_LOGGING_RULES: '*.debug=false', ...env };
  for (const name of ['API_KEY', 'ADMIN_API_KEY', 'KIRO_NO_AUTH', 'HOST', 'CONFIG_FILE']) {
    if (!(name in env)) delete childEnv[name];
  }
  const p = await run(path.join(buildDir, 'app/kiro-proxyd'), ['--port', '0', ...args], childEnv,
    /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  // Getters, not a copy: output that arrives after the "listening" line (stderr is its own pipe) must be seen.
  return {
    child: p.child,
    get stdout() { return p.stdout; },
    get stderr() { return p.stderr; },
    get code() { return p.code; },
    baseURL: p.match?.[1],
    output: () => p.stdout + p.stderr,
    async stop() {
      if (p.code !== null) return p.code;
      const exited = new Promise((resolve) => p.child.on('exit', resolve));
      p.child.kill('SIGTERM');
      return exited;
    },
  };
}

async function models(baseURL, key) {
  const headers = key ? { 'x-api-key': key } : {};
  return (await fetch(`${baseURL}/v1/models`, { headers })).status;
}

function assertNoTokenInOutput(text) {
  assert.ok(!text.includes(REFRESH_TOKEN), 'kiro-proxyd output carries the refresh token');
}

test('without API_KEY the first start generates a key, prints it once and stores it 0600; later starts do not print it', async () => {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-auth-'));
  try {
    const first = await startProxyd(fake.url, dataDir);
    assert.ok(first.baseURL, `kiro-proxyd started:\n${first.output()}`);
    const announced = first.stdout.match(/API key \(generated, stored in (.+?); shown only this once\): (\S+)/);
    assert.ok(announced, `the generated key is printed:\n${first.stdout}`);
    const [, storedIn, key] = announced;
    assert.equal(storedIn, path.join(dataDir, 'config.json'));
    assert.match(key, /^kt-[A-Za-z0-9_-]{32}$/);
    assert.equal(first.output().split(key).length - 1, 1, 'the key is printed exactly once');

    const configPath = path.join(dataDir, 'config.json');
    assert.equal(statSync(configPath).mode & 0o777, 0o600, 'config.json is private');
    assert.equal(JSON.parse(readFileSync(configPath, 'utf8')).apiKey, key);

    assert.equal(await models(first.baseURL), 401, 'no key: 401');
    assert.equal(await models(first.baseURL, 'wrong-key'), 401, 'a wrong key: 401');
    assert.equal(await models(first.baseURL, key), 200, 'the printed key works');
    const r = await fetch(`${first.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(r.status, 200, 'Authorization: Bearer works too');
    assert.equal(await first.stop(), 0);
    assertNoTokenInOutput(first.output());

    const second = await startProxyd(fake.url, dataDir);
    assert.ok(second.baseURL, `kiro-proxyd started again:\n${second.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let any later output arrive
    assert.ok(!second.output().includes(key), `a later start never prints the key:\n${second.output()}`);
    assert.match(second.stdout, new RegExp(`API key: the apiKey in ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(await models(second.baseURL), 401);
    assert.equal(await models(second.baseURL, key), 200, 'the stored key still works');
    assert.equal(JSON.parse(readFileSync(configPath, 'utf8')).apiKey, key, 'the key is not replaced');
    assert.equal(await second.stop(), 0);
  } finally {
    fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('API_KEY from the environment wins and is never written to a file', async () => {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-auth-'));
  try {
    const envKey = 'env-key-0123456789abcdef';
    const p = await startProxyd(fake.url, dataDir, [], { API_KEY: envKey });
    assert.ok(p.baseURL, p.output());
    assert.match(p.stdout, /API key: from API_KEY/);
    assert.ok(!p.output().includes(envKey), 'the environment key is not echoed');
    assert.ok(!p.stdout.includes('generated'));
    assert.equal(await models(p.baseURL, envKey), 200);
    assert.equal(await models(p.baseURL), 401);
    const configPath = path.join(dataDir, 'config.json');
    assert.ok(!existsSync(configPath) || !readFileSync(configPath, 'utf8').includes(envKey), 'API_KEY stays out of config.json');
    assert.equal(await p.stop(), 0);
  } finally {
    fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('--no-auth serves without a key on loopback, with a warning, and stores no key', async () => {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-auth-'));
  try {
    const p = await startProxyd(fake.url, dataDir, ['--no-auth', '--host', '127.0.0.1']);
    assert.ok(p.baseURL, p.output());
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.match(p.stderr, /warning.*WITHOUT an API key.*any local process can use your Kiro quota/);
    assert.ok(!p.stdout.includes('API key'), `no key is generated or announced:\n${p.stdout}`);
    assert.equal(await models(p.baseURL), 200, 'no key needed');
    assert.ok(!existsSync(path.join(dataDir, 'config.json')), 'nothing is stored');
    assert.equal(await p.stop(), 0);

    const env = await startProxyd(fake.url, dataDir, [], { KIRO_NO_AUTH: '1' });
    assert.ok(env.baseURL, env.output());
    assert.equal(await models(env.baseURL), 200, 'KIRO_NO_AUTH=1 is --no-auth');
    assert.equal(await env.stop(), 0);
  } finally {
    fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('--no-auth refuses a host that is not loopback', async () => {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-auth-'));
  try {
    // It must refuse before it listens: no socket on 0.0.0.0 is ever opened.
    for (const [args, env] of [[['--no-auth', '--host', '0.0.0.0'], {}], [[], { KIRO_NO_AUTH: '1', HOST: '0.0.0.0' }]]) {
      const p = await startProxyd(fake.url, dataDir, args, env);
      assert.equal(p.baseURL, undefined, `it must not listen:\n${p.output()}`);
      assert.notEqual(p.code, 0);
      assert.match(p.stderr, /--no-auth is allowed on a loopback host only/);
    }
    assert.ok(!existsSync(path.join(dataDir, 'config.json')), 'nothing is stored');
  } finally {
    fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// ---- bounded sign-in waits (authTimeoutMs = 800 ms; the fake never answers refresh tokens containing "stall") ----

const STALL = 'e2e-stall-' + 's'.repeat(120);
const GOOD = 'e2e-good-' + 'g'.repeat(120);

async function message(stack, content) {
  const started = Date.now();
  const r = await fetch(`${stack.baseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content }] }),
  });
  return { status: r.status, body: await r.json(), ms: Date.now() - started };
}

test('an import whose sign-in stalls answers "Kiro\'s sign-in service did not answer" after the auth timeout', async () => {
  const stack = await startStack({ accounts: 2, tokens: [GOOD, GOOD.replace('good', 'good2')], env: { AUTH_TIMEOUT_MS: '800' } });
  try {
    let started = Date.now();
    const one = await stack.api('POST', '/api/accounts', { refresh_token: STALL, auth_method: 'social' });
    assert.ok(Date.now() - started < FAST_MS, `answered after ${Date.now() - started} ms`);
    assert.notEqual(one.status, 201);
    assert.match(one.body.error, /^Kiro's sign-in service did not answer \(no answer from 127\.0\.0\.1 within 800 ms\)/);

    started = Date.now();
    const many = await stack.api('POST', '/api/accounts/import', { raw_json: JSON.stringify([{ refreshToken: STALL.replace('s'.repeat(5), 't'.repeat(5)), authMethod: 'social' }]) });
    assert.ok(Date.now() - started < FAST_MS, `answered after ${Date.now() - started} ms`);
    const results = many.body.results ?? many.body.accounts ?? [];
    assert.equal(results.length, 1, JSON.stringify(many.body));
    assert.equal(results[0].success, false);
    assert.match(results[0].error, /^Kiro's sign-in service did not answer/);

    const accounts = await stack.api('GET', '/api/accounts');
    assert.equal(JSON.stringify(accounts.body).includes('stall'), false, 'nothing was added');
  } finally {
    assert.equal(await stack.stop(), 0);
  }
});

test('a message on [stalling, good] succeeds through the good account; the stalling one only cools down briefly', async () => {
  const stack = await startStack({ accounts: 2, tokens: [STALL, GOOD], env: { AUTH_TIMEOUT_MS: '800' } });
  try {
    for (const content of ['first', 'second']) {
      const r = await message(stack, content);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.match(r.body.content[0].text, new RegExp(content));
      assert.ok(r.ms < FAST_MS, `answered after ${r.ms} ms`);
    }
    const list = (await stack.api('GET', '/api/accounts')).body;
    const accounts = Array.isArray(list) ? list : list.accounts;
    const stalled = accounts.find((a) => a.email === 'user0@example.com');
    assert.ok(stalled, JSON.stringify(list));
    assert.equal(stalled.status, 'cooldown', `the stalling account was tried and cools down: ${JSON.stringify(stalled)}`);
    const good = accounts.find((a) => a.email === 'user1@example.com');
    assert.equal(good.status, 'active');
  } finally {
    assert.equal(await stack.stop(), 0);
  }
});

test('a message whose only account stalls at sign-in fails fast with an Anthropic error', async () => {
  const stack = await startStack({ credentials: { refreshToken: STALL, authMethod: 'social' }, config: { authTimeoutMs: 800 } });
  try {
    const r = await message(stack, 'hello');
    assert.ok(r.ms < FAST_MS, `answered after ${r.ms} ms`);
    assert.equal(r.status, 504, JSON.stringify(r.body));
    assert.equal(r.body.type, 'error');
    assert.equal(r.body.error.type, 'api_error');
    assert.match(r.body.error.message, /^Kiro's sign-in service did not answer \(no answer from 127\.0\.0\.1 within 800 ms\)/);

    // The account now cools down briefly: the next request does not wait for the sign-in again.
    const again = await message(stack, 'again');
    assert.equal(again.status, 503, JSON.stringify(again.body));
    assert.equal(again.body.error.type, 'overloaded_error');
    assert.match(again.body.error.message, /cooling down/);
  } finally {
    assert.equal(await stack.stop(), 0);
  }
});
