// SPDX-License-Identifier: MIT
// Starts the fake Kiro upstream and a real kiro-proxyd wired to it, for the SDK end-to-end tests.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const buildDir = process.env.KIRO_BUILD_DIR;
if (!buildDir) throw new Error('KIRO_BUILD_DIR is not set (ctest sets it)');

export const API_KEY = 'e2e-test-key-0123456789';

/** The client tool and the structured-output schema several suites send. */
export const weatherTool = {
  name: 'get_weather',
  description: 'Get the weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
export const personSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
};

function waitForLine(child, pattern, what, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time; output:\n${seen}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { seen += c.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}; output:\n${seen}`));
    });
  });
}

/** Starts fake upstream + kiro-proxyd. `accounts` > 1 starts pool mode with that many accounts. */
export async function startStack({ accounts = 1, env = {}, dataDir: reuse = null, tokens = null, credentials = null, config = null } = {}) {
  const dataDir = reuse ?? mkdtempSync(path.join(tmpdir(), 'kiro-e2e-'));
  const fake = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'fake-kiro-upstream.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [, fakeUrl] = await waitForLine(fake, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'fake-kiro-upstream');

  const childEnv = {
    ...process.env,
    API_KEY,
    DATA_DIR: dataDir,
    KIRO_API_ENDPOINT: fakeUrl,
    KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl,
    KIRO_IDC_AUTH_ENDPOINT: fakeUrl,
    QT_LOGGING_RULES: '*.debug=false',
    ...env,
  };
  if (config) writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config));
  if (credentials) {
    // Single-account mode from the seed's credentials.json.
    writeFileSync(path.join(dataDir, 'credentials.json'), JSON.stringify(credentials, null, 2));
  } else if (accounts <= 1) {
    childEnv.REFRESH_TOKEN = 'e2e-refresh-' + 'r'.repeat(120);
    childEnv.AUTH_METHOD = 'social';
  } else {
    const creds = [];
    for (let i = 0; i < accounts; ++i) {
      const refreshToken = tokens?.[i] ?? `e2e-pool-${i}-` + 'p'.repeat(120);
      creds.push({ refreshToken, authMethod: 'social', email: `user${i}@example.com` });
    }
    if (!reuse) writeFileSync(path.join(dataDir, 'import.json'), JSON.stringify(creds));
    childEnv.POOL_MODE = 'true';
    if (!reuse) childEnv.KIRO_IMPORT_FILE = path.join(dataDir, 'import.json');
    childEnv.SECRET_STORE = 'file';
  }
  const proxy = spawn(path.join(buildDir, 'app/kiro-proxyd'), ['--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv,
  });
  const exit = new Promise((resolve) => proxy.once('exit', (code, signal) => resolve({ code, signal })));
  const logLines = [];
  proxy.stdout.on('data', (c) => logLines.push(...c.toString().split('\n').filter(Boolean)));
  proxy.stderr.on('data', (c) => logLines.push(...c.toString().split('\n').filter(Boolean)));
  const [, baseURL] = await waitForLine(proxy, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'kiro-proxyd');

  return {
    baseURL,
    fakeUrl,
    dataDir,
    logLines,
    /** kiro-proxyd's process id (for /proc/<pid>/status and /proc/<pid>/fd), its exit ({code, signal}), the fake's id. */
    pid: proxy.pid,
    fakePid: fake.pid,
    exited: exit,
    async fakeRequests() {
      const r = await fetch(`${fakeUrl}/__control/requests`);
      return r.json();
    },
    /** The fake's GET /__control/connections, e.g. fakeConnections('?id=abort-&open=1'). */
    async fakeConnections(query = '') {
      const r = await fetch(`${fakeUrl}/__control/connections${query}`);
      return r.json();
    },
    /** SIGTERM, then SIGKILL when kiro-proxyd has not exited after `killAfterMs`; resolves with its exit code. */
    async stop({ keep = false, killAfterMs = 30000 } = {}) {
      if (proxy.exitCode === null && proxy.signalCode === null) proxy.kill('SIGTERM');
      const timer = setTimeout(() => proxy.kill('SIGKILL'), killAfterMs);
      const { code } = await exit;
      clearTimeout(timer);
      fake.kill('SIGTERM');
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    async api(method, route, body) {
      const r = await fetch(`${baseURL}${route}`, {
        method,
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/**
 * One stack for a whole test file: started before the first test, stopped after the last (kiro-proxyd must exit
 * cleanly on SIGTERM, and no log line may carry the test refresh token). `onReady(stack)` runs once it is up.
 * Returns a getter for the running stack.
 */
export function sharedStack(options = {}, onReady = () => {}) {
  let stack = null;
  before(async () => {
    stack = await startStack(options);
    await onReady(stack);
  });
  after(async () => {
    const code = await stack.stop();
    assert.equal(code, 0, 'kiro-proxyd exits cleanly on SIGTERM');
    for (const line of stack.logLines) {
      assert.ok(!line.includes('e2e-refresh-'), `a log line leaks the refresh token: ${line}`);
    }
  });
  return () => stack;
}
