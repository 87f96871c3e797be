// SPDX-License-Identifier: MIT
// GET /metrics end to end: a pool of three accounts (one whose sign-in is revoked, one whose quota is used up) against
// the fake upstream, a scripted load (answers, failovers, an upstream 400, a stream, a client that leaves), then the
// exposition parsed strictly and every counter compared with what the load did, the request log and the fake's own
// counts; `promtool check metrics` too when it is installed. Then who may scrape: the API key under metricsAuth
// "apiKey", anyone under "none" on loopback, and "none" on a network address refused at start.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, API_KEY } from './harness.mjs';
import { fdCount, pollUntil, rssKiB, streamMessage, underSanitizer } from '../soak/lib.mjs';

const GOOD = 'e2e-pool-good-' + 'g'.repeat(120);
const REVOKED = 'e2e-pool-invalid-' + 'x'.repeat(120); // the fake answers invalid_grant
const SPENT = 'e2e-pool-quota-' + 'q'.repeat(120); // chats answer 402, usage 100 %
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Parses the text exposition format 0.0.4 strictly: every sample belongs to the family its TYPE line opened (samples of
 * a family together), names and label names are valid, label values use only the three escapes, no series twice,
 * counters end in _total and never go negative, and each histogram series has ascending `le` buckets that never
 * decrease, end with +Inf equal to _count, and has a _sum. Returns Map name → {type, help, samples: [{name, labels,
 * value}]}.
 */
export function parseExposition(text) {
  const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
  const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
  const number = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const families = new Map();
  const seen = new Set();
  let current = null;
  const lines = text.slice(0, -1).split('\n');
  for (const line of lines) {
    assert.notEqual(line, '', 'no empty lines');
    if (line.startsWith('#')) {
      const m = line.match(/^# (HELP|TYPE) (\S+) (.*)$/);
      if (!m) continue; // a plain comment
      const [, kind, name, rest] = m;
      assert.match(name, metricName, line);
      const family = families.get(name) ?? { type: null, help: null, samples: [] };
      families.set(name, family);
      if (kind === 'HELP') {
        assert.equal(family.help, null, `one HELP for ${name}`);
        assert.doesNotMatch(rest, /\\[^\\n]/, `HELP escapes only \\\\ and \\n: ${line}`);
        family.help = rest;
      } else {
        assert.equal(family.type, null, `one TYPE for ${name}`);
        assert.ok(['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest), line);
        assert.equal(family.samples.length, 0, `TYPE before the samples of ${name}`);
        family.type = rest;
        current = name;
      }
      continue;
    }
    const nameMatch = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/);
    assert.ok(nameMatch, `a sample starts with a metric name: ${line}`);
    const name = nameMatch[0];
    let i = name.length;
    const labels = {};
    if (line[i] === '{') {
      ++i;
      while (line[i] !== '}') {
        const eq = line.indexOf('=', i);
        const label = line.slice(i, eq);
        assert.match(label, labelName, `label name in ${line}`);
        assert.ok(!(label in labels), `label ${label} once in ${line}`);
        assert.equal(line[eq + 1], '"', `quoted label value in ${line}`);
        let value = '';
        let j = eq + 2;
        for (;;) {
          const c = line[j];
          assert.ok(c !== undefined, `closed label value in ${line}`);
          if (c === '"') break;
          if (c === '\\') {
            const next = line[j + 1];
            assert.ok(['\\', '"', 'n'].includes(next), `escape \\${next} in ${line}`);
            value += next === 'n' ? '\n' : next;
            j += 2;
          } else {
            value += c;
            ++j;
          }
        }
        labels[label] = value;
        i = j + 1;
        if (line[i] === ',') ++i;
        else assert.equal(line[i], '}', `labels separated by commas in ${line}`);
      }
      ++i;
    }
    assert.equal(line[i], ' ', `one space before the value in ${line}`);
    const rest = line.slice(i + 1).split(' ');
    assert.ok(rest.length <= 2, `value and at most a timestamp in ${line}`);
    assert.match(rest[0], number, `a number in ${line}`);
    const value = rest[0] === '+Inf' ? Infinity : rest[0] === '-Inf' ? -Infinity : Number(rest[0]);
    const family = families.get(current);
    assert.ok(family?.type, `a TYPE line before ${line}`);
    const own = family.type === 'histogram'
      ? [current + '_bucket', current + '_sum', current + '_count'].includes(name)
      : name === current;
    assert.ok(own, `${name} belongs to the family ${current} opened just before it`);
    const key = name + JSON.stringify(Object.entries(labels).sort());
    assert.ok(!seen.has(key), `no series twice: ${line}`);
    seen.add(key);
    if (family.type === 'counter') {
      assert.match(name, /_total$/, `a counter ends in _total: ${name}`);
      assert.ok(value >= 0, `a counter is never negative: ${line}`);
    }
    family.samples.push({ name, labels, value });
  }
  for (const [name, family] of families) {
    assert.ok(family.type, `${name} has a TYPE`);
    assert.ok(family.help, `${name} has a HELP`);
    if (family.type === 'histogram') checkHistogram(name, family);
  }
  return families;
}

function seriesKey(labels, without = 'le') {
  return JSON.stringify(Object.entries(labels).filter(([k]) => k !== without).sort());
}

function checkHistogram(name, family) {
  const series = new Map();
  for (const s of family.samples) {
    const key = seriesKey(s.labels);
    const entry = series.get(key) ?? { buckets: [], sum: null, count: null };
    series.set(key, entry);
    if (s.name.endsWith('_bucket')) {
      assert.ok('le' in s.labels, `${name} bucket with le`);
      entry.buckets.push([s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), s.value]);
    } else if (s.name.endsWith('_sum')) entry.sum = s.value;
    else entry.count = s.value;
  }
  for (const [key, entry] of series) {
    assert.ok(entry.buckets.length >= 2, `${name}${key} has buckets`);
    for (let i = 1; i < entry.buckets.length; ++i) {
      assert.ok(entry.buckets[i][0] > entry.buckets[i - 1][0], `${name}${key}: le ascending`);
      assert.ok(entry.buckets[i][1] >= entry.buckets[i - 1][1], `${name}${key}: cumulative buckets never decrease`);
    }
    assert.equal(entry.buckets.at(-1)[0], Infinity, `${name}${key} ends with le="+Inf"`);
    assert.equal(entry.buckets.at(-1)[1], entry.count, `${name}${key}: +Inf bucket = _count`);
    assert.notEqual(entry.sum, null, `${name}${key} has _sum`);
  }
}

/** The samples of `name` whose labels include `match`. */
function samples(families, name, match = {}) {
  const familyName = name.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(name) ?? families.get(familyName);
  if (!family) return [];
  return family.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

const total = (list) => list.reduce((n, s) => n + s.value, 0);

async function scrape(baseURL, headers = { authorization: `Bearer ${API_KEY}` }) {
  const r = await fetch(`${baseURL}/metrics`, { headers });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}

async function chat(baseURL, content, extra = {}) {
  const r = await fetch(`${baseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4.5', max_tokens: 64, messages: [{ role: 'user', content }], ...extra }),
  });
  await r.text();
  return r.status;
}

function promtool() {
  const which = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

describe('a pool under a scripted load', () => {
  let stack;
  let families;
  let text;
  let rows;

  before(async () => {
    stack = await startStack({ accounts: 3, tokens: [GOOD, REVOKED, SPENT] });
    const { baseURL } = stack;
    // Round-robin over three accounts: the revoked one fails its sign-in and is disabled, the spent one answers 402
    // and is exhausted; both fail over to the good one. Every answer succeeds.
    const statuses = [];
    for (let i = 0; i < 6; ++i) statuses.push(await chat(baseURL, `hello ${i}`));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200]);
    assert.equal(await chat(baseURL, 'break it [[status:400-malformed]]'), 400); // Kiro refuses the request: 4xx
    const streamed = await streamMessage(baseURL, API_KEY, 'a stream please');
    assert.equal(streamed.error, null);
    assert.equal(streamed.events.at(-1), 'message_stop');
    const left = await streamMessage(baseURL, API_KEY, 'leave me [[slow]]', { abortOnEvent: 'content_block_delta' });
    assert.ok(left.aborted, 'the client left mid-stream');
    // The abandoned stream is logged (499) once the proxy has seen the socket close.
    const logged = await pollUntil(async () => {
      const r = await stack.api('GET', '/api/logs?limit=1000');
      return r.body.length === 9 ? r.body : null;
    }, { timeoutMs: 20000 });
    assert.ok(logged, 'all nine requests are in the log');
    rows = logged;
    // Quota of every account (the revoked one fails its refresh again).
    const usage = await stack.api('POST', '/api/usage/refresh');
    assert.equal(usage.status, 200);

    const scraped = await scrape(baseURL);
    assert.equal(scraped.status, 200);
    assert.equal(scraped.type, CONTENT_TYPE);
    text = scraped.text;
    families = parseExposition(text);
  });

  after(async () => {
    const code = await stack.stop();
    assert.equal(code, 0, 'kiro-proxyd exits cleanly on SIGTERM');
    for (const line of stack.logLines) assert.ok(!line.includes('e2e-pool-'), `a log line leaks a refresh token: ${line}`);
  });

  test('the exposition is strict Prometheus text', () => {
    assert.ok(families.size >= 15, 'every family is present');
    for (const [name] of families) assert.match(name, /^(kiro_tray_|process_)/);
    for (const secret of [GOOD, REVOKED, SPENT, API_KEY]) assert.ok(!text.includes(secret), 'no secret in the exposition');
    const tool = promtool();
    if (!tool) {
      console.log('promtool not installed: skipped `promtool check metrics`');
      return;
    }
    const checked = spawnSync(tool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(checked.status, 0, `promtool check metrics:\n${checked.stdout}${checked.stderr}`);
  });

  test('requests by outcome equal what the load did and what the log holds', () => {
    const requests = (outcome) => total(samples(families, 'kiro_tray_requests_total', { outcome }));
    assert.equal(requests('success'), 7); // six answers and the stream
    assert.equal(requests('client_error'), 1); // Kiro's 400
    assert.equal(requests('client_closed'), 1); // the client that left
    assert.equal(total(samples(families, 'kiro_tray_requests_total')), 9);
    // Per series: route, model, account and outcome as the request log has them.
    const expected = new Map();
    for (const row of rows) {
      const outcome = row.success ? 'success' : row.status === 499 ? 'client_closed'
        : row.status < 300 ? 'stream_error' : row.status === 429 ? 'rate_limited' : row.status < 500 ? 'client_error' : 'server_error';
      const key = JSON.stringify([row.route, row.model, row.account_id, row.account_name, outcome]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map();
    for (const s of samples(families, 'kiro_tray_requests_total')) {
      const l = s.labels;
      actual.set(JSON.stringify([l.route, l.model, l.account_id, l.account_name, l.outcome]), s.value);
    }
    assert.deepEqual(actual, expected);
  });

  test('failover hops, by the account that failed, equal the log', () => {
    const hops = rows.flatMap((row) => row.hops);
    assert.ok(hops.length >= 3, 'the revoked and the spent account each failed over once, and the 400 is a hop');
    const expected = new Map();
    for (const hop of hops) expected.set(hop.account_id, (expected.get(hop.account_id) ?? 0) + 1);
    const actual = new Map(samples(families, 'kiro_tray_failover_hops_total').map((s) => [s.labels.account_id, s.value]));
    assert.deepEqual(actual, expected);
    const accounts = new Map(samples(families, 'kiro_tray_account_state', { state: 'active' })
      .map((s) => [s.labels.account_name, s.labels.account_id]));
    assert.ok(expected.get(accounts.get('user1@example.com')) >= 1, 'the revoked account failed over');
    assert.ok(expected.get(accounts.get('user2@example.com')) >= 1, 'the spent account failed over');
  });

  test('tokens, measured and estimated, add up to the log', () => {
    for (const [metric, field] of [['kiro_tray_input_tokens_total', 'input_tokens'], ['kiro_tray_output_tokens_total', 'output_tokens']]) {
      for (const source of ['measured', 'estimated']) {
        const fromLog = rows.filter((r) => r[`${field}_measured`] === (source === 'measured'))
          .reduce((n, r) => n + Math.max(0, r[field]), 0);
        assert.equal(total(samples(families, metric, { source })), fromLog, `${metric}{source="${source}"}`);
      }
    }
    assert.ok(total(samples(families, 'kiro_tray_input_tokens_total')) > 0);
  });

  test('latency and time-to-first-byte histograms hold each request in its bucket', () => {
    const check = (metric, ms, included) => {
      const chosen = rows.filter(included);
      assert.equal(total(samples(families, `${metric}_count`)), chosen.length, `${metric}_count`);
      const sum = total(samples(families, `${metric}_sum`));
      assert.ok(Math.abs(sum - chosen.reduce((n, r) => n + r[ms] / 1000, 0)) < 1e-6, `${metric}_sum`);
      for (const bucket of samples(families, `${metric}_bucket`)) {
        const le = bucket.labels.le === '+Inf' ? Infinity : Number(bucket.labels.le);
        const want = chosen.filter((r) => r.model === bucket.labels.model && r[ms] / 1000 <= le).length;
        assert.equal(bucket.value, want, `${metric}{model="${bucket.labels.model}",le="${bucket.labels.le}"}`);
      }
    };
    check('kiro_tray_request_duration_seconds', 'duration_ms', (r) => r.success);
    check('kiro_tray_time_to_first_byte_seconds', 'ttfb_ms', (r) => r.ttfb_ms >= 0);
    assert.equal(total(samples(families, 'kiro_tray_request_duration_seconds_count')), 7);
  });

  test('token refreshes and their failures equal the refreshes the upstream saw', async () => {
    const seenByFake = (await stack.fakeRequests()).filter((r) => r.path === '/refreshToken');
    assert.ok(seenByFake.length >= 3, 'one sign-in per account, at least');
    assert.equal(total(samples(families, 'kiro_tray_token_refreshes_total')), seenByFake.length);
    const revoked = seenByFake.filter((r) => r.body?.refreshToken === REVOKED).length;
    assert.ok(revoked >= 1, 'the revoked login was tried');
    const failures = samples(families, 'kiro_tray_token_refresh_failures_total');
    assert.equal(total(failures), revoked);
    assert.deepEqual([...new Set(failures.map((s) => s.labels.kind))], ['invalid_token']);
    assert.deepEqual([...new Set(failures.map((s) => s.labels.account_name))], ['user1@example.com']);
  });

  test('account states and remaining quota per account', () => {
    const state = (name) => samples(families, 'kiro_tray_account_state', { account_name: name })
      .filter((s) => s.value === 1).map((s) => s.labels.state);
    assert.deepEqual(state('user0@example.com'), ['active']);
    assert.deepEqual(state('user1@example.com'), ['disabled']);
    assert.deepEqual(state('user2@example.com'), ['exhausted']);
    assert.equal(samples(families, 'kiro_tray_account_state').length, 12, 'one-hot over four states');
    assert.deepEqual(samples(families, 'kiro_tray_account_status_reason', { account_name: 'user1@example.com' })
      .map((s) => s.labels.reason), ['invalid_refresh_token']);
    const quota = (metric, name) => samples(families, metric, { account_name: name }).map((s) => s.value);
    assert.deepEqual(quota('kiro_tray_account_quota_limit_credits', 'user0@example.com'), [1000]);
    assert.deepEqual(quota('kiro_tray_account_quota_used_credits', 'user0@example.com'), [380.5]);
    assert.deepEqual(quota('kiro_tray_account_quota_remaining_credits', 'user0@example.com'), [619.5]);
    assert.deepEqual(quota('kiro_tray_account_quota_remaining_ratio', 'user0@example.com'), [0.6195]);
    assert.deepEqual(quota('kiro_tray_account_quota_remaining_ratio', 'user2@example.com'), [0]);
    assert.deepEqual(quota('kiro_tray_account_quota_remaining_credits', 'user1@example.com'), [], 'never checked');
    assert.deepEqual(quota('kiro_tray_account_quota_reset_timestamp_seconds', 'user0@example.com'),
      [Date.UTC(2026, 11, 1) / 1000]);
  });

  test('gauges of this moment: nothing in flight, build info, uptime', () => {
    assert.deepEqual(samples(families, 'kiro_tray_requests_in_flight').map((s) => [s.labels.stream, s.value]).sort(),
      [['false', 0], ['true', 0]]);
    const [info] = samples(families, 'kiro_tray_build_info');
    assert.equal(info.value, 1);
    assert.match(info.labels.version, /^\d+\.\d+\.\d+/);
    assert.ok(samples(families, 'kiro_tray_uptime_seconds')[0].value > 0);
    assert.equal(samples(families, 'kiro_tray_paused')[0].value, 0);
  });

  test('the process families say what the operating system says about kiro-proxyd', async () => {
    // A fresh scrape, read right beside /proc/<pid> of the daemon.
    const f = parseExposition((await scrape(stack.baseURL)).text);
    const rss = rssKiB(stack.pid) * 1024;
    const fds = fdCount(stack.pid);
    const value = (name) => {
      const [s] = samples(f, name);
      assert.ok(s, `${name} is exported`);
      return s.value;
    };
    const reportedRss = value('process_resident_memory_bytes');
    assert.ok(Math.abs(reportedRss - rss) < 4 * 1024 * 1024, `resident ${reportedRss} ≈ /proc ${rss}`);
    assert.ok(value('process_virtual_memory_bytes') >= reportedRss);
    assert.ok(Math.abs(value('process_open_fds') - fds) <= 2, `open fds ${value('process_open_fds')} ≈ /proc ${fds}`);
    assert.ok(value('process_max_fds') >= 64);
    assert.ok(value('process_cpu_seconds_total') > 0);
    const started = value('process_start_time_seconds');
    const uptime = value('kiro_tray_uptime_seconds');
    assert.ok(Math.abs(Date.now() / 1000 - uptime - started) < 30, `started ${started}, up ${uptime} s`);
    if (!underSanitizer(stack.pid)) {
      const heap = value('kiro_tray_heap_allocated_bytes');
      assert.ok(heap > 256 * 1024 && heap < reportedRss, `heap in use ${heap} is part of the resident ${reportedRss}`);
    }
  });

  test('an open stream is in flight while it lasts', async () => {
    let release;
    const leave = new Promise((resolve) => { release = resolve; });
    const slow = streamMessage(stack.baseURL, API_KEY, 'hold on [[slow]]', { leaveOn: leave });
    const open = await pollUntil(async () => {
      const f = parseExposition((await scrape(stack.baseURL)).text);
      return samples(f, 'kiro_tray_requests_in_flight', { stream: 'true' })[0].value === 1;
    }, { timeoutMs: 10000 });
    release();
    await slow;
    assert.ok(open, 'requests_in_flight{stream="true"} is 1 during the stream');
  });

  test('without the API key the scrape is refused; web pages never get it', async () => {
    assert.equal((await scrape(stack.baseURL, {})).status, 401);
    assert.equal((await scrape(stack.baseURL, { authorization: 'Bearer wrong-key' })).status, 401);
    assert.equal((await scrape(stack.baseURL, { 'x-api-key': API_KEY })).status, 200);
    const page = await scrape(stack.baseURL, { authorization: `Bearer ${API_KEY}`, origin: 'https://evil.example' });
    assert.equal(page.status, 403);
  });
});

test('metricsAuth "apiKey" takes the admin key as well as the client key', async () => {
  const ADMIN = 'e2e-admin-key-9876543210';
  const stack = await startStack({ env: { ADMIN_API_KEY: ADMIN } });
  try {
    assert.equal((await scrape(stack.baseURL, { authorization: `Bearer ${ADMIN}` })).status, 200);
    assert.equal((await scrape(stack.baseURL, { authorization: `Bearer ${API_KEY}` })).status, 200);
    assert.equal((await scrape(stack.baseURL, { authorization: 'Bearer e2e-admin-key-0000000000' })).status, 401);
    assert.equal((await scrape(stack.baseURL, {})).status, 401);
  } finally {
    assert.equal(await stack.stop(), 0);
  }
});

describe('metricsAuth "none"', () => {
  test('open on loopback', async () => {
    const stack = await startStack({ env: { METRICS_AUTH: 'none' } });
    try {
      const open = await scrape(stack.baseURL, {});
      assert.equal(open.status, 200);
      assert.equal(open.type, CONTENT_TYPE);
      parseExposition(open.text);
      // Only /metrics is open: the API still wants its key.
      const r = await fetch(`${stack.baseURL}/v1/models`);
      assert.equal(r.status, 401);
    } finally {
      assert.equal(await stack.stop(), 0);
    }
  });

  test('refused at start on a network address', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-'));
    try {
      const proxy = spawn(path.join(process.env.KIRO_BUILD_DIR, 'app/kiro-proxyd'), ['--port', '0', '--host', '0.0.0.0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, API_KEY, DATA_DIR: dataDir, METRICS_AUTH: 'none', REFRESH_TOKEN: 'e2e-refresh-' + 'r'.repeat(120),
          KIRO_API_ENDPOINT: 'http://127.0.0.1:9', KIRO_SOCIAL_AUTH_ENDPOINT: 'http://127.0.0.1:9' },
      });
      let output = '';
      proxy.stdout.on('data', (c) => {
        output += c;
        if (/listening on/.test(output)) proxy.kill('SIGKILL'); // it must never serve on 0.0.0.0
      });
      proxy.stderr.on('data', (c) => { output += c; });
      const code = await new Promise((resolve) => proxy.once('exit', (c) => resolve(c)));
      assert.doesNotMatch(output, /listening on/);
      assert.notEqual(code, 0);
      assert.match(output, /metricsAuth "none" is allowed only while host is a loopback address/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
