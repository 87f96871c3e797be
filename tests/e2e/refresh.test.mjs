// SPDX-License-Identifier: MIT
// Single-account mode from credentials.json: a stale access token is refreshed once and the request retried, the
// rotated refresh token is written back, pings keep a silent stream alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startStack, API_KEY } from './harness.mjs';

const MODEL = 'claude-sonnet-4-6';

test('bearer token rejected → one forced refresh → retried; rotated token written back; a stalled upstream ends in 504', async () => {
  const original = 'seed-rotate-' + 's'.repeat(120);
  const stack = await startStack({
    credentials: { refreshToken: original, accessToken: 'stale-token', expiresAt: '2099-01-01T00:00:00Z', authMethod: 'social', note: 'kept' },
    config: { pingIntervalMs: 150, firstByteTimeoutMs: 300, maxUpstreamRetries: 1 },
  });
  try {
    const client = new Anthropic({ apiKey: API_KEY, baseURL: stack.baseURL, maxRetries: 0 });
    const msg = await client.messages.create({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'first' }] });
    assert.match(msg.content[0].text, /first/);

    // Only the chat path matters here (the model list is fetched alongside).
    const reqs = (await stack.fakeRequests()).filter((r) => r.path !== '/ListAvailableModels');
    const paths = reqs.map((r) => r.path);
    // stale token rejected, one refresh, then the retried chat call
    assert.deepEqual(paths.slice(0, 3), ['/generateAssistantResponse', '/refreshToken', '/generateAssistantResponse']);
    assert.equal(reqs[0].headers.authorization, 'Bearer stale-token');
    assert.match(reqs[2].headers.authorization, /^Bearer access-/);

    const saved = JSON.parse(readFileSync(path.join(stack.dataDir, 'credentials.json'), 'utf8'));
    assert.equal(saved.refreshToken, 'seed-rotate1-' + 's'.repeat(120), 'rotated refresh token written back');
    assert.match(saved.accessToken, /^access-/);
    assert.equal(saved.note, 'kept', 'unknown fields survive the write-back');

    // A stream that stays silent for a while gets ping events (interval 150 ms here; fake chunks come every 100 ms,
    // so use the raw stream and look for pings between the first events).
    const r = await fetch(`${stack.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 32, stream: true, messages: [{ role: 'user', content: 'wait [[stall]]' }] }),
    });
    assert.equal(r.status, 504, 'a stalled upstream ends in a gateway timeout before any byte was sent');
  } finally {
    await stack.stop();
  }
});

test('pings keep a slow stream alive', async () => {
  const stack = await startStack({ config: { pingIntervalMs: 120 } });
  try {
    const r = await fetch(`${stack.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 32, stream: true, messages: [{ role: 'user', content: 'slowly [[slow]]' }] }),
    });
    const text = await r.text();
    assert.ok((text.match(/^event: ping$/gm) ?? []).length >= 1, 'at least one ping');
    assert.match(text, /event: message_stop/);
  } finally {
    await stack.stop();
  }
});
