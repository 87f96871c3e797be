// SPDX-License-Identifier: MIT
// Golden answers end to end (node --test): a real kiro-proxyd against the fake Kiro upstream answers a fixed set of
// requests, streaming and not, one after the other on ONE keep-alive connection. Every response body must be byte for
// byte the one in fixtures/golden/ once what is random (message, tool, request ids; placeholder signatures) is
// replaced by fixed text of the same length. KIRO_UPDATE_GOLDEN=1 rewrites the goldens from the current build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedStack, API_KEY, weatherTool, personSchema } from './harness.mjs';

const goldenDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'golden');
const updating = process.env.KIRO_UPDATE_GOLDEN === '1';
const MODEL = 'claude-sonnet-4-6';

let stack;
sharedStack({}, (s) => { stack = s; });

const user = (content) => [{ role: 'user', content }];

// name → [request body (stream is added), status]
const cases = {
  default: [{ messages: user('Hello there') }, 200],
  tool: [{ tools: [weatherTool], messages: user('[[tool]] What is the weather in Oslo?') }, 200],
  'tool-result': [{
    tools: [weatherTool],
    messages: [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'Sunny, 21 °C ☀️' }] },
    ],
  }, 200],
  thinking: [{ thinking: { type: 'enabled', budget_tokens: 2048 }, messages: user('Think about it') }, 200],
  'thinking-tool': [{
    thinking: { type: 'enabled', budget_tokens: 2048 },
    tools: [weatherTool],
    messages: user('[[tool]] [[think-end:mention]] Weather?'),
  }, 200],
  long: [{ messages: user('[[long:300]]') }, 200],
  tiny: [{ messages: user('[[tiny:500]]') }, 200],
  exception: [{ messages: user('[[exception]] then fail') }, 500],
  unicode: [{ messages: user('你好，世界！Emoji 👋🏽🌍 👨‍👩‍👧‍👦, "quotes", back\\slash, tab\tand\u2028separator') }, 200],
  structured: [{
    output_config: { format: { type: 'json_schema', schema: personSchema } },
    messages: user('Invent a person'),
  }, 200],
  'stop-sequence': [{ stop_sequences: ['Kiro'], messages: user('Stop early') }, 200],
};

/** Fixed text of the same length in place of every random id and signature. */
function normalise(text) {
  return text
    .replace(/msg_[0-9a-f]{32}/g, `msg_${'0'.repeat(32)}`)
    .replace(/tooluse_[0-9a-f]{22}/g, `tooluse_${'0'.repeat(22)}`)
    .replace(/req_[0-9a-f]{24}/g, `req_${'0'.repeat(24)}`)
    .replace(/"kiro-tray-[A-Za-z0-9_-]{43}"/g, `"kiro-tray-${'S'.repeat(43)}"`);
}

/** Where two buffers first differ, with 80 bytes of context either side. */
function difference(expected, actual) {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) ++at;
  const around = (b) => JSON.stringify(b.subarray(Math.max(0, at - 80), at).toString('latin1')) + ' <<HERE>> ' +
    JSON.stringify(b.subarray(at, at + 80).toString('latin1'));
  return `first difference at byte ${at} (expected ${expected.length} bytes, got ${actual.length})\n` +
    `  expected: ${around(expected)}\n  actual:   ${around(actual)}`;
}

test('golden bodies on one keep-alive connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  const url = new URL(stack.baseURL);
  const post = (body) => new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request({
      host: url.hostname, port: url.port, path: '/v1/messages', method: 'POST', agent,
      headers: {
        'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01',
        'content-length': payload.length,
      },
    }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('socket', (s) => sockets.add(s));
    req.on('error', reject);
    req.end(payload);
  });

  if (updating) mkdirSync(goldenDir, { recursive: true });
  const expectedFiles = new Set();
  const failures = [];
  try {
    for (const [name, [body, status]] of Object.entries(cases)) {
      for (const stream of [true, false]) {
        const file = `${name}.${stream ? 'sse' : 'json'}`;
        expectedFiles.add(file);
        const r = await post({ model: MODEL, max_tokens: 4096, ...body, stream });
        const wantStatus = stream ? 200 : status;
        assert.equal(r.status, wantStatus, `${file}: status ${r.status}: ${r.body}`);
        assert.match(r.headers['content-type'], stream ? /^text\/event-stream/ : /^application\/json/, file);
        const actual = Buffer.from(normalise(r.body.toString('utf8')), 'utf8');
        assert.ok(Buffer.from(r.body.toString('utf8'), 'utf8').equals(r.body), `${file}: the body is valid UTF-8`);
        const goldenPath = path.join(goldenDir, file);
        if (updating) writeFileSync(goldenPath, actual);
        assert.ok(existsSync(goldenPath), `${goldenPath} is missing (run once with KIRO_UPDATE_GOLDEN=1)`);
        const golden = readFileSync(goldenPath);
        if (!golden.equals(actual)) failures.push(`${file}: ${difference(golden, actual)}`);
      }
    }
  } finally {
    agent.destroy();
  }
  assert.deepEqual(failures, [], failures.join('\n\n'));
  assert.equal(sockets.size, 1, 'every request went over the same keep-alive connection');
  const present = readdirSync(goldenDir).filter((f) => /\.(sse|json)$/.test(f));
  assert.deepEqual(present.filter((f) => !expectedFiles.has(f)), [], 'golden files without a case');
});
