// SPDX-License-Identifier: MIT
// Pool mode end to end: three accounts, strategies, failover on a 402, management API, restart, no leaked secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startStack, API_KEY } from './harness.mjs';

const MODEL = 'claude-sonnet-4-6';
const tokens = [
  'e2e-pool-rotate-alpha-' + 'a'.repeat(120), // its refresh answers rotate the refresh token
  'e2e-pool-quota-' + 'q'.repeat(120), // this account's chat calls answer 402 (monthly limit)
  'e2e-pool-gamma-' + 'g'.repeat(120),
];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('three accounts: spread, failover, management API, restart', async () => {
  let stack = await startStack({ accounts: 3, tokens });
  const client = () => new Anthropic({ apiKey: API_KEY, baseURL: stack.baseURL, maxRetries: 0 });
  try {
    const listed = await stack.api('GET', '/api/accounts');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.length, 3);
    assert.ok(!JSON.stringify(listed.body).includes('e2e-pool-'), 'no secret in /api/accounts');

    // Round-robin: six requests, the quota account fails over transparently and ends up exhausted.
    for (let i = 0; i < 6; ++i) {
      const m = await client().messages.create({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: `r${i}` }] });
      assert.match(m.content[0].text, new RegExp(`r${i}`));
    }
    const after = await stack.api('GET', '/api/accounts');
    const quota = after.body.find((a) => a.email === 'user1@example.com');
    assert.equal(quota.status, 'exhausted');
    const served = after.body.filter((a) => a.status === 'active').map((a) => a.success_count);
    assert.deepEqual(served.sort(), [3, 3], 'the two healthy accounts shared the load');

    const logs = await stack.api('GET', '/api/logs');
    assert.ok(logs.body.some((row) => row.hops.length === 1 && /402/.test(row.hops[0].error)), 'a log row shows the failover hop');
    assert.ok(logs.body.every((row) => row.success));
    const stats = await stack.api('GET', '/api/logs/stats');
    assert.equal(stats.body.total_requests, 6);

    // Strategy switch takes effect and is persisted.
    assert.equal((await stack.api('POST', '/api/strategy', { strategy: 'sequential-exhaust' })).status, 200);
    assert.equal((await stack.api('POST', '/api/strategy', { strategy: 'bogus' })).status, 400);
    const status = await stack.api('GET', '/api/status');
    assert.equal(status.body.pool.total, 3);
    assert.equal(status.body.pool.exhausted, 1);
    assert.equal(status.body.strategy, 'sequential-exhaust');

    // Disable and enable.
    const gamma = after.body.find((a) => a.email === 'user2@example.com');
    assert.deepEqual((await stack.api('POST', `/api/accounts/${gamma.id}/disable`)).body, { success: true });
    assert.equal((await stack.api('GET', '/api/accounts')).body.find((a) => a.id === gamma.id).status, 'disabled');

    // Quota refresh through the usage endpoint.
    const usage = await stack.api('POST', `/api/accounts/${gamma.id}/usage/refresh`);
    assert.equal(usage.status, 200);
    assert.equal(usage.body.usage_limit, 1000);
    assert.equal((await stack.api('GET', `/api/accounts/${gamma.id}/usage`)).body.current_usage, 380.5);

    const all = await stack.api('POST', '/api/usage/refresh');
    assert.equal(all.status, 200);
    assert.equal(all.body.length, 2, 'disabled accounts are not polled');
    const cached = await stack.api('GET', '/api/usage');
    assert.ok(Object.keys(cached.body).length >= 2);
    assert.equal((await stack.api('GET', '/api/accounts/nope/usage')).status, 404);

    // Management API needs the key.
    const anonymous = await fetch(`${stack.baseURL}/api/accounts`);
    assert.equal(anonymous.status, 401);

    // Import through the API validates with a real refresh; a duplicate is refused.
    const imported = await stack.api('POST', '/api/accounts/import', { raw_json: JSON.stringify({ refreshToken: 'e2e-new-' + 'n'.repeat(120), email: 'new@example.com' }) });
    assert.equal(imported.status, 201);
    const dup = await stack.api('POST', '/api/accounts/import', { raw_json: JSON.stringify({ refreshToken: tokens[0] }) });
    assert.equal(dup.status, 400);
    const newId = imported.body.id;
    assert.equal((await stack.api('DELETE', `/api/accounts/${newId}`)).status, 204);
    assert.equal((await stack.api('DELETE', `/api/accounts/${newId}`)).status, 404);
    const reimported = await stack.api('POST', '/api/accounts', { refresh_token: 'e2e-new-' + 'n'.repeat(120), auth_method: 'social', name: 'again' });
    assert.equal(reimported.status, 201);
    const invalid = await stack.api('POST', '/api/accounts', { refresh_token: 'invalid-' + 'x'.repeat(120), auth_method: 'social', name: 'bad' });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.error, /validation failed/);

    // Restart with the same data directory: accounts, states and strategy survive.
    const dataDir = stack.dataDir;
    assert.equal(await stack.stop({ keep: true }), 0);
    stack = await startStack({ accounts: 3, tokens, dataDir });
    const restarted = await stack.api('GET', '/api/accounts');
    assert.equal(restarted.body.length, 4);
    assert.equal(restarted.body.find((a) => a.email === 'user1@example.com').status, 'exhausted');
    assert.equal(restarted.body.find((a) => a.email === 'user2@example.com').status, 'disabled');
    assert.equal((await stack.api('GET', '/api/strategy')).body.strategy, 'sequential-exhaust');
    const m = await client().messages.create({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'after restart' }] });
    assert.match(m.content[0].text, /after restart/);

    // Secrets live only in the secret store (secrets.json, chosen with SECRET_STORE=file) and the user's import file.
    for (const file of filesUnder(stack.dataDir)) {
      const name = path.basename(file);
      if (name === 'secrets.json' || name === 'import.json') continue;
      const text = readFileSync(file, 'utf8');
      for (const t of tokens) assert.ok(!text.includes(t), `${name} contains a refresh token`);
    }
    // The rotated refresh token replaced the original in the secret store (the original is now invalid upstream).
    const secrets = readFileSync(path.join(stack.dataDir, 'secrets.json'), 'utf8');
    assert.ok(secrets.includes('e2e-pool-rotate1-alpha-'), 'rotated token stored');
    assert.ok(!secrets.includes(tokens[0]), 'original token gone');
    const mode = statSync(path.join(stack.dataDir, 'secrets.json')).mode & 0o777;
    assert.equal(mode, 0o600);
  } finally {
    await stack.stop();
  }
});
