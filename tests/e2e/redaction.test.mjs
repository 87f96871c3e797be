// SPDX-License-Identifier: MIT
// Secrets never leave kiro-proxyd: each secret (refresh token, access token, IdC client secret, API key, admin key) is
// fed through every error path the fake upstream can provoke (echoing refresh endpoints, an echoing chat error, an
// echoing streamed error, an import with an echoing token), then EVERY output is scanned: HTTP response headers and
// bodies, kiro-proxyd's stdout and stderr, and every file in the data directory except the secret stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { startStack } from './harness.mjs';

// Lowercase letters and digits only: no pattern of the Redactor knows this shape, only the registration removes it.
const rand = () => [...randomBytes(110)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
const WINDOW = 16; // any 16 characters of a secret count as a leak

// The files that hold secrets on purpose: the secret store, and the user's own seed and import files.
const SECRET_FILES = new Set(['secrets.json', 'credentials.json', 'import.json']);

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (!SECRET_FILES.has(name)) out.push(p);
  }
  return out;
}

function findLeaks(outputs, secrets) {
  const leaks = [];
  for (const [what, text] of outputs) {
    for (const [name, secret] of Object.entries(secrets)) {
      for (let i = 0; i + WINDOW <= secret.length; ++i) {
        const piece = secret.slice(i, i + WINDOW);
        const at = text.indexOf(piece);
        if (at >= 0) {
          leaks.push(`${name} in ${what}: …${text.slice(Math.max(0, at - 60), at + 80)}…`);
          break;
        }
      }
    }
  }
  return leaks;
}

/** Records every response (status line, headers, body) as one output. */
function recorder(baseURL, outputs) {
  return async (method, route, { key, body, headers = {} } = {}) => {
    const r = await fetch(`${baseURL}${route}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    outputs.push([`${method} ${route} → ${r.status}`, `${r.status} ${JSON.stringify([...r.headers])}\n${text}`]);
    return { status: r.status, text };
  };
}

async function accessTokensSeen(stack) {
  const tokens = {};
  for (const r of await stack.fakeRequests()) {
    const m = /^Bearer (.+)$/.exec(r.headers.authorization ?? '');
    if (m) tokens[`access token ${m[1].slice(0, 15)}`] = m[1];
  }
  return tokens;
}

async function finish(stack, outputs) {
  assert.equal(await stack.stop({ keep: true }), 0, 'kiro-proxyd exits cleanly on SIGTERM');
  outputs.push(['kiro-proxyd stdout+stderr', stack.logLines.join('\n')]);
  const files = listFiles(stack.dataDir);
  for (const file of files) outputs.push([path.relative(stack.dataDir, file), readFileSync(file, 'utf8')]);
  rmSync(stack.dataDir, { recursive: true, force: true });
  return files;
}

test('single mode: a refresh endpoint that echoes the request leaks nothing (at start and during a message)', async () => {
  const secrets = {
    'refresh token': `echo-single-${rand()}`,
    'API key': `e2e-client-key-${rand()}`,
    'admin key': `e2e-admin-key-${rand()}`,
  };
  const stack = await startStack({
    credentials: { refreshToken: secrets['refresh token'], authMethod: 'social' },
    env: { API_KEY: secrets['API key'], ADMIN_API_KEY: secrets['admin key'], QT_LOGGING_RULES: 'kiro.*.debug=true' },
  });
  const outputs = [];
  const call = recorder(stack.baseURL, outputs);
  try {
    const message = { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] };
    const answer = await call('POST', '/v1/messages', { key: secrets['API key'], body: message });
    assert.ok(answer.status >= 400, `the refresh fails: ${answer.text}`);
    assert.match(answer.text, /gateway error; request was/, 'the echoed request reached the client error');
    const streamed = await call('POST', '/v1/messages', { key: secrets['API key'], body: { ...message, stream: true } });
    assert.ok(streamed.status >= 400);
    await call('GET', '/api/accounts', { key: secrets['admin key'] });
    await call('POST', '/api/usage/refresh', { key: secrets['admin key'] });
    await call('GET', '/api/logs', { key: secrets['admin key'] });
  } finally {
    await finish(stack, outputs);
  }
  assert.ok(outputs.some(([, text]) => text.includes('gateway error')), 'the echo reached an output');
  assert.deepEqual(findLeaks(outputs, secrets), []);
});

test('pool mode: echoing chat errors, streamed errors, IdC refreshes and imports leak nothing', async () => {
  const secrets = {
    'refresh token (good)': `good-pool-${rand()}`,
    'refresh token (pool echo)': `echo-pool-${rand()}`,
    'refresh token (IdC)': `echo-idc-${rand()}`,
    'client secret (IdC)': `idc-client-secret-${rand()}`,
    'refresh token (import)': `echo-import-${rand()}`,
    'client secret (import)': `import-client-secret-${rand()}`,
    'API key': `e2e-client-key-${rand()}`,
    'admin key': `e2e-admin-key-${rand()}`,
  };
  const stack = await startStack({
    accounts: 2,
    tokens: [secrets['refresh token (good)'], secrets['refresh token (pool echo)']],
    env: { API_KEY: secrets['API key'], ADMIN_API_KEY: secrets['admin key'], QT_LOGGING_RULES: 'kiro.*.debug=true' },
  });
  const outputs = [];
  const call = recorder(stack.baseURL, outputs);
  try {
    // An IdC account whose validation refresh reaches an echoing /token: the body carries the client secret.
    const idc = await call('POST', '/api/accounts', {
      key: secrets['admin key'],
      body: { refreshToken: secrets['refresh token (IdC)'], authMethod: 'idc', clientId: 'idc-client-id',
        clientSecret: secrets['client secret (IdC)'] },
    });
    assert.ok(idc.status >= 400, `validating an echoing IdC account fails: ${idc.text}`);
    const imported = await call('POST', '/api/accounts/import', {
      key: secrets['admin key'],
      body: [{ refreshToken: secrets['refresh token (import)'], authMethod: 'idc', clientId: 'import-client-id',
        clientSecret: secrets['client secret (import)'] }],
    });
    assert.ok(imported.status >= 400, `importing an echoing account fails: ${imported.text}`);

    const ask = (content, extra = {}) => call('POST', '/v1/messages', {
      key: secrets['API key'],
      body: { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content }], ...extra },
    });
    // The user's prompt carries the keys; the gateway's error echoes the prompt and the Authorization header.
    const prompt = `[[echo-error]] my keys: ${secrets['API key']} ${secrets['admin key']}`;
    const echoed = await ask(prompt);
    assert.equal(echoed.status, 400, echoed.text);
    assert.match(echoed.text, /redacted/);
    const echoedStream = await ask(prompt, { stream: true });
    assert.ok(echoedStream.status === 400 || /event: error/.test(echoedStream.text), echoedStream.text);
    // A streamed error after content: the exception frame echoes the Authorization header.
    const midStream = await ask('[[echo-exception]] go', { stream: true });
    assert.match(midStream.text, /event: error/, midStream.text);
    assert.match(midStream.text, /redacted/);
    const midPlain = await ask('[[echo-exception]] go');
    assert.ok(midPlain.status >= 400, midPlain.text);

    await call('POST', '/api/usage/refresh', { key: secrets['admin key'] });
    await call('GET', '/api/accounts', { key: secrets['admin key'] });
    await call('GET', '/api/logs', { key: secrets['admin key'] });
    await call('GET', '/api/status', { key: secrets['admin key'] });
    Object.assign(secrets, await accessTokensSeen(stack));
  } finally {
    await finish(stack, outputs);
  }
  assert.ok(Object.keys(secrets).some((k) => k.startsWith('access token')), 'an access token was used');
  assert.deepEqual(findLeaks(outputs, secrets), []);
});
