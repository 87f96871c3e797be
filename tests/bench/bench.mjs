#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The proxy benchmark (prints numbers, asserts nothing). It measures kiro-proxyd the way the SDKs and Claude Code use
// it — keep-alive connections, 64 concurrent streams, Claude Code-sized requests — against the fake Kiro upstream
// called directly (the floor) and through a raw TCP relay (socat: the physical limit of one hop), in one run, and
// prints one table. Loopback only; stops by itself. scripts/bench builds a Release build and runs this.
//   node tests/bench/bench.mjs --proxyd build/app/kiro-proxyd [--tray build/app/kiro-tray] [--quick] [--json FILE]
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { hrNow, quantile, rssKiB, sleep } from '../soak/lib.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const quick = process.argv.includes('--quick');
const proxyd = path.resolve(arg('--proxyd', path.join(root, 'build/app/kiro-proxyd')));
const trayArg = arg('--tray', null);
const tray = trayArg ? path.resolve(trayArg) : null;
const jsonOut = arg('--json', null);
const KEY = 'bench-key-0123456789abcdef';
const MODEL = 'claude-sonnet-4-6';
const KIRO_MODEL = 'claude-sonnet-4.6';

const work = mkdtempSync(path.join(tmpdir(), 'kiro-bench-'));
const children = [];

function cleanup() {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch {}
  }
  rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => { console.error('bench: gave up after 15 minutes'); process.exit(2); }, 15 * 60 * 1000).unref();

function start(cmd, args, env = {}, pattern = /listening on (http:\/\/[\d.:]+)/) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${path.basename(cmd)} did not start: ${seen}`)), 20000);
    const on = (d) => {
      seen += d;
      const m = pattern ? seen.match(pattern) : null;
      if (m || !pattern) {
        clearTimeout(timer);
        child.stdout.off('data', on);
        child.stderr.off('data', on);
        child.stdout.resume(); // keep draining (request lines) so the child never blocks on a full pipe
        child.stderr.resume();
        resolve({ child, url: m?.[1] });
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => reject(new Error(`${path.basename(cmd)} exited (${code}): ${seen}`)));
  });
}

/** CPU seconds (user + system) the process has used so far, in nanoseconds' resolution: the sum of its threads'
 *  schedstat run times (a thread that already ended counts through /proc/PID/stat's clock ticks instead). */
const clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
function cpuSeconds(pid) {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e9;
  } catch {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clkTck;
  }
}

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

const pct = (values, p) => quantile([...values].sort((x, y) => x - y), p / 100);
const median = (values) => pct(values, 50);

/** One request; resolves with its timings (ms), status and body. `onFirst` fires at the first body byte. */
function send(target, { agent, body, onHead = null }) {
  return new Promise((resolve, reject) => {
    const url = new URL(target.path, target.base);
    const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const started = performance.now();
    let first = null;
    const chunks = [];
    const req = http.request(url, { method: 'POST', agent, headers: { ...target.headers, 'content-length': payload.length } },
      (res) => {
        onHead?.(res);
        res.on('data', (c) => {
          if (first === null) first = performance.now();
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode, ttfb: first - started, total: performance.now() - started,
          body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    req.on('error', reject);
    req.end(payload);
  });
}

// The three ways to the fake: through kiro-proxyd (Anthropic in, SSE out), directly (Kiro in, event stream out) and
// through socat (the same bytes as directly, one more hop).
const anthropicBody = (text, stream = true, max = 1024) =>
  JSON.stringify({ model: MODEL, max_tokens: max, stream, messages: [{ role: 'user', content: text }] });
const kiroBody = (text) => JSON.stringify({
  conversationState: {
    chatTriggerType: 'MANUAL', conversationId: '6f2c7d1e-2b7a-4c1e-9a53-1f0e2d3c4b5a',
    currentMessage: { userInputMessage: { content: text, modelId: KIRO_MODEL, origin: 'AI_EDITOR' } },
  },
});

/** Counts the events in a body: SSE content_block_delta events, or event-stream frames with assistantResponseEvent. */
function countEvents(mode, buf) {
  if (mode === 'proxy') {
    let n = 0;
    for (let i = buf.indexOf('event: content_block_delta'); i >= 0; i = buf.indexOf('event: content_block_delta', i + 1)) n++;
    return n;
  }
  let n = 0;
  for (let off = 0; off + 12 <= buf.length;) {
    const total = buf.readUInt32BE(off);
    if (buf.indexOf('assistantResponseEvent', off) < off + total && buf.indexOf('assistantResponseEvent', off) >= off) n++;
    off += total;
  }
  return n;
}

async function main() {
  const startedAt = Date.now();
  // The fake upstream and the relay.
  const fake = await start('node', [path.join(root, 'tests/e2e/fake-kiro-upstream.mjs'), '--port', '0']);
  const relayPort = await freePort();
  const fakePort = new URL(fake.url).port;
  const socat = spawn('socat', [`TCP-LISTEN:${relayPort},bind=127.0.0.1,reuseaddr,fork,backlog=1024`,
    `TCP:127.0.0.1:${fakePort},nodelay`], { stdio: 'ignore' });
  children.push(socat);
  for (let i = 0; i < 50; ++i) {
    const ok = await new Promise((r) => {
      const s = net.connect(relayPort, '127.0.0.1', () => { s.destroy(); r(true); });
      s.on('error', () => r(false));
    });
    if (ok) break;
    await sleep(100);
  }

  // kiro-proxyd, as a user starts it (default logging: one request line per request on stdout).
  const data = path.join(work, 'proxyd');
  const env = { DATA_DIR: data, API_KEY: KEY, SECRET_STORE: 'file', REFRESH_TOKEN: `bench-${'b'.repeat(120)}`,
    KIRO_API_ENDPOINT: fake.url, KIRO_SOCIAL_AUTH_ENDPOINT: fake.url, KIRO_IDC_AUTH_ENDPOINT: fake.url };
  const proxy = await start(proxyd, ['--port', '0'], env);
  const pid = proxy.child.pid;
  await sleep(1000);
  const rssIdle = rssKiB(pid);

  const targets = {
    proxy: { base: proxy.url, path: '/v1/messages',
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: (t, stream) => anthropicBody(t, stream) },
    floor: { base: fake.url, path: '/generateAssistantResponse',
      headers: { authorization: 'Bearer access-bench', 'content-type': 'application/json' }, body: kiroBody },
    relay: { base: `http://127.0.0.1:${relayPort}`, path: '/generateAssistantResponse',
      headers: { authorization: 'Bearer access-bench', 'content-type': 'application/json' }, body: kiroBody },
  };
  const modes = Object.keys(targets);
  const keepAlive = (max = 1) => new http.Agent({ keepAlive: true, maxSockets: max, maxFreeSockets: max });
  const control = async (what, method = 'GET') => {
    const r = await fetch(`${fake.url}/__control/${what}`, { method });
    return r.json();
  };

  // Warm-up: the proxy's first request signs in; every path gets a few rounds.
  const warm = Object.fromEntries(modes.map((m) => [m, keepAlive()]));
  for (let i = 0; i < 20; ++i) {
    for (const m of modes) {
      const r = await send(targets[m], { agent: warm[m], body: targets[m].body('warm up') });
      if (r.status !== 200) throw new Error(`${m} answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
    }
  }
  const results = {};

  // 1. Time to first SSE byte, sequential, on one kept-alive connection per path, rounds interleaved.
  const rounds = quick ? 60 : 300;
  const ttfb = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < rounds; ++i) {
    for (const m of modes) {
      const r = await send(targets[m], { agent: warm[m], body: targets[m].body(`ttfb ${i}`) });
      ttfb[m].push(r.ttfb);
    }
  }
  results.ttfb = Object.fromEntries(modes.map((m) => [m, { p50: median(ttfb[m]), p99: pct(ttfb[m], 99) }]));

  // 2. 64 concurrent streams, first round on new connections (as 64 clients starting at once), then kept-alive rounds.
  const concurrent = async (m, reps) => {
    const first = [];
    const later = [];
    for (let rep = 0; rep < reps; ++rep) {
      const agent = keepAlive(64);
      const round = () => Promise.all(Array.from({ length: 64 }, (_, k) =>
        send(targets[m], { agent, body: targets[m].body(`concurrent ${rep} ${k}`) }).then((r) => r.total)));
      first.push(...await round());
      for (let j = 0; j < 3; ++j) later.push(...await round());
      agent.destroy();
      await sleep(200);
    }
    return { first: { p50: median(first), p99: pct(first, 99) }, keepAlive: { p50: median(later), p99: pct(later, 99) } };
  };
  results.concurrent = {};
  for (const m of modes) results.concurrent[m] = await concurrent(m, quick ? 2 : 6);

  // 3. Throughput: a long stream (2,000 events of 400 bytes) and 5,000 tiny text events, on a kept-alive connection.
  // Rounds interleave the three paths, so that a slow moment of the machine hits all of them alike.
  const throughput = async (directive, events, reps) => {
    const rates = Object.fromEntries(modes.map((m) => [m, []]));
    const cpu = [];
    for (let i = 0; i < reps; ++i) {
      for (const m of modes) {
        const cpu0 = m === 'proxy' ? cpuSeconds(pid) : 0;
        const r = await send(targets[m], { agent: warm[m], body: targets[m].body(`${directive} ${i}`) });
        const got = countEvents(m, r.body);
        if (got < events) throw new Error(`${m}: ${directive} gave ${got} events, not ${events}`);
        rates[m].push(events / (r.total / 1000));
        if (m === 'proxy') cpu.push(((cpuSeconds(pid) - cpu0) / events) * 1e6);
      }
    }
    return Object.fromEntries(modes.map((m) => [m, { eventsPerSecond: median(rates[m]),
      ...(m === 'proxy' ? { cpuMicrosPerEvent: median(cpu) } : {}) }]));
  };
  results.long = await throughput('[[long:2000]]', 2000, quick ? 3 : 15);
  results.tiny = await throughput('[[tiny:5000]]', 5000, quick ? 3 : 15);

  // 4. A 1 MB Claude Code request (its system prompt, tools and a long history): from the first byte the client sends
  //    until the fake upstream has read the last byte of the converted body.
  const fixture = JSON.parse(readFileSync(path.join(root, 'tests/e2e/fixtures/claude-code-2.1-request.json'), 'utf8'));
  const big = structuredClone(fixture);
  big.stream = true;
  big.model = MODEL;
  // Claude Code's turn (its user message, then its system-role reminder) after a long history of tool calls.
  const turnMessages = big.messages;
  big.messages = [];
  const filler = readFileSync(path.join(root, 'proxy/kiro/kirorequestbuilder.cpp'), 'utf8');
  for (let turn = 0; JSON.stringify(big).length + JSON.stringify(turnMessages).length < 1024 * 1024; ++turn) {
    const id = `toolu_bench${String(turn).padStart(6, '0')}`;
    big.messages.push({ role: 'user', content: [{ type: 'text', text: `Turn ${turn}: read the request builder, please.` }] });
    big.messages.push({ role: 'assistant', content: [{ type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id, name: 'Read', input: { file_path: '/work/proxy/kiro/kirorequestbuilder.cpp' } }] });
    big.messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id,
      content: filler.slice((turn * 7919) % 4000, (turn * 7919) % 4000 + 12000) }] });
    big.messages.push({ role: 'assistant', content: [{ type: 'text', text: `Turn ${turn} done: the builder is read.` }] });
  }
  big.messages.push(...turnMessages);
  const bigFor = (id) => {
    const copy = structuredClone(big);
    const msg = copy.messages.findLast((m) => m.role === 'user');
    if (typeof msg.content === 'string') msg.content += ` [[id:${id}]]`;
    else msg.content.push({ type: 'text', text: `[[id:${id}]]` });
    return JSON.stringify(copy);
  };
  const bigBytes = Buffer.byteLength(bigFor('mb-x'));
  const reqReps = quick ? 5 : 20;
  const reqTimes = Object.fromEntries(modes.map((m) => [m, []]));
  let kiroBig = null;
  let kiroBigBytes = 0;
  const bodyAt = async (id) => {
    const c = await control(`connections?id=${id}`);
    return c.connections[0]?.bodyAt;
  };
  for (let i = 0; i < reqReps + 2; ++i) {
    const id = `mb-proxy-${i}`;
    const body = bigFor(id);
    const t0 = hrNow();
    const r = await send(targets.proxy, { agent: warm.proxy, body });
    if (r.status !== 200) throw new Error(`1 MB request: ${r.status} ${r.body.toString().slice(0, 300)}`);
    const at = await bodyAt(id);
    if (i >= 2) reqTimes.proxy.push(at - t0); // the first two warm the allocator
    if (!kiroBig) {
      const reqs = await control('requests');
      const seen = reqs.reverse().find((q) => q.path === '/generateAssistantResponse'
        && JSON.stringify(q.body ?? {}).includes(`[[id:${id}]]`));
      if (!seen) throw new Error('the fake did not record the converted 1 MB request');
      kiroBig = JSON.stringify(seen.body);
      kiroBigBytes = Buffer.byteLength(kiroBig);
    }
    await control('reset', 'POST');
  }
  for (const m of ['floor', 'relay']) {
    for (let i = 0; i < reqReps + 2; ++i) {
      const id = `mb-${m}-${i}`;
      const body = kiroBig.replace(/\[\[id:mb-proxy-0\]\]/g, `[[id:${id}]]`);
      const t0 = hrNow();
      await send(targets[m], { agent: warm[m], body });
      const at = await bodyAt(id);
      if (i >= 2) reqTimes[m].push(at - t0);
      await control('reset', 'POST');
    }
  }
  results.bigRequest = { anthropicBytes: bigBytes, kiroBytes: kiroBigBytes,
    ...Object.fromEntries(modes.map((m) => [m, { p50: median(reqTimes[m]), p99: pct(reqTimes[m], 99) }])) };

  // 5. Memory: RSS with many streams open at once ([[silent]]: one text event, then the upstream says nothing more).
  //    A fresh kiro-proxyd, so that the heap left by the tests above does not hide what the streams take.
  const openStreams = quick ? 64 : 256;
  const fresh = await start(proxyd, ['--port', '0'], { ...env, DATA_DIR: path.join(work, 'proxyd-memory') });
  const freshTarget = { ...targets.proxy, base: fresh.url };
  for (let i = 0; i < 5; ++i) await send(freshTarget, { agent: warm.proxy, body: anthropicBody('warm up') });
  warm.proxy.destroy();
  await sleep(1500); // the proxy gives freed memory back after a second idle
  const rssBefore = rssKiB(fresh.child.pid);
  const holdAgent = keepAlive(openStreams);
  const held = [];
  await Promise.all(Array.from({ length: openStreams }, (_, k) => new Promise((resolve, reject) => {
    const url = new URL('/v1/messages', fresh.url);
    const payload = Buffer.from(anthropicBody(`hold ${k} [[silent]]`));
    const req = http.request(url, { method: 'POST', agent: holdAgent,
      headers: { ...targets.proxy.headers, 'content-length': payload.length } }, (res) => {
      res.once('data', () => resolve());
      res.on('error', () => {});
    });
    req.on('error', (e) => (held.length < openStreams ? reject(e) : null));
    held.push(req);
    req.end(payload);
  })));
  await sleep(300);
  const rssOpen = rssKiB(fresh.child.pid);
  for (const req of held) req.destroy();
  holdAgent.destroy();
  await sleep(2000);
  const rssAfter = rssKiB(fresh.child.pid);
  fresh.child.kill('SIGTERM');
  results.memory = { idleAfterStartKb: rssIdle, beforeKb: rssBefore, openStreams, withOpenStreamsKb: rssOpen,
    perStreamKb: (rssOpen - rssBefore) / openStreams, afterClosingKb: rssAfter };

  // 6. CPU of kiro-proxyd while 64 streams run at once (long answers), for comparison with the tray below.
  const load = async (target, seconds) => {
    const agent = keepAlive(64);
    const until = performance.now() + seconds * 1000;
    let streams = 0;
    await Promise.all(Array.from({ length: 64 }, async (_, k) => {
      while (performance.now() < until) {
        const r = await send(target, { agent, body: anthropicBody(`load ${k} [[long:200]]`) });
        if (r.status !== 200) throw new Error(`load: ${r.status} ${r.body.toString().slice(0, 300)}`);
        streams++;
      }
    }));
    agent.destroy();
    return streams;
  };
  const loadSeconds = quick ? 3 : 8;
  {
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const streams = await load(targets.proxy, loadSeconds);
    const secs = (performance.now() - t0) / 1000;
    results.proxydLoad = { streams, streamsPerSecond: streams / secs, cpuPercent: ((cpuSeconds(pid) - cpu0) / secs) * 100,
      rssKb: rssKiB(pid) };
  }
  proxy.child.kill('SIGTERM');

  // 7. The tray app: idle RSS, and its CPU while the same 64-stream load runs through it (the UI must not repaint per
  //    request).
  if (tray) {
    // The tray reads its settings and accounts from its data directory: seed it the way a user's is (kiro-proxyd
    // --import writes the same layout).
    const trayData = path.join(work, 'tray');
    mkdirSync(trayData, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(trayData, 'config.json'), JSON.stringify({ apiKey: KEY, secretStore: 'file',
      apiEndpoint: fake.url, socialAuthEndpoint: fake.url, idcAuthEndpoint: fake.url }));
    const importFile = path.join(work, 'import.json');
    writeFileSync(importFile, JSON.stringify([{ email: 'bench@example.com', provider: 'Github',
      refreshToken: `bench-${'b'.repeat(120)}` }]));
    const seed = await start(proxyd, ['--port', '0', '--import', importFile], { DATA_DIR: trayData, SECRET_STORE: 'file', POOL_MODE: 'true' });
    seed.child.kill('SIGTERM');
    await new Promise((r) => seed.child.once('exit', r));
    const port = await freePort();
    const child = spawn(tray, ['--data-dir', trayData, '--port', String(port), '--hidden'], {
      env: { ...process.env, QT_QPA_PLATFORM: process.env.QT_QPA_PLATFORM ?? 'offscreen' },
      stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    child.stderr.resume();
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 100 && !up; ++i) {
      await sleep(100);
      up = await new Promise((r) => {
        const s = net.connect(port, '127.0.0.1', () => { s.destroy(); r(true); });
        s.on('error', () => r(false));
      });
    }
    if (!up) throw new Error('kiro-tray did not listen');
    const target = { ...targets.proxy, base };
    const agent = keepAlive();
    for (let i = 0; i < 10; ++i) {
      const r = await send(target, { agent, body: anthropicBody('warm up') });
      if (r.status !== 200) throw new Error(`kiro-tray answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
    }
    agent.destroy();
    await sleep(2000);
    const idleCpu0 = cpuSeconds(child.pid);
    await sleep(3000);
    const idleCpu = ((cpuSeconds(child.pid) - idleCpu0) / 3) * 100;
    const trayIdle = rssKiB(child.pid);
    const cpu0 = cpuSeconds(child.pid);
    const t0 = performance.now();
    const streams = await load(target, loadSeconds);
    const secs = (performance.now() - t0) / 1000;
    results.tray = { idleRssKb: trayIdle, idleCpuPercent: idleCpu, loadStreams: streams, streamsPerSecond: streams / secs,
      loadCpuPercent: ((cpuSeconds(child.pid) - cpu0) / secs) * 100, loadRssKb: rssKiB(child.pid) };
    child.kill('SIGTERM');
  }

  results.machine = { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, quick,
    seconds: (Date.now() - startedAt) / 1000 };
  report(results);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
}

const ms = (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '—');
const k = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

function report(r) {
  const t = r.ttfb;
  const c = r.concurrent;
  const rows = [
    ['added time to first SSE byte, sequential, keep-alive (p50 / p99)',
      `${ms(t.proxy.p50 - t.floor.p50)} / ${ms(t.proxy.p99 - t.floor.p99)} ms`,
      `relay ${ms(t.relay.p50 - t.floor.p50)} / ${ms(t.relay.p99 - t.floor.p99)} ms`, '≤ 1 ms (p99 ≤ 5 ms)'],
    ['  time to first byte itself (p50 / p99)', `${ms(t.proxy.p50)} / ${ms(t.proxy.p99)} ms`,
      `floor ${ms(t.floor.p50)} / ${ms(t.floor.p99)}, relay ${ms(t.relay.p50)} / ${ms(t.relay.p99)} ms`, ''],
    ['64 concurrent streams, first round (new connections) (p50 / p99)',
      `${ms(c.proxy.first.p50)} / ${ms(c.proxy.first.p99)} ms`,
      `floor ${ms(c.floor.first.p50)} / ${ms(c.floor.first.p99)}, relay ${ms(c.relay.first.p50)} / ${ms(c.relay.first.p99)} ms`,
      'p99 ≤ 100 ms'],
    ['64 concurrent streams, kept-alive rounds (p50 / p99)',
      `${ms(c.proxy.keepAlive.p50)} / ${ms(c.proxy.keepAlive.p99)} ms`,
      `floor ${ms(c.floor.keepAlive.p50)} / ${ms(c.floor.keepAlive.p99)}, relay ${ms(c.relay.keepAlive.p50)} / ${ms(c.relay.keepAlive.p99)} ms`,
      ''],
    ['long stream, 2,000 events × 400 B: events/s', `${k(r.long.proxy.eventsPerSecond)} (${ms(r.long.proxy.cpuMicrosPerEvent)} µs CPU/event)`,
      `floor ${k(r.long.floor.eventsPerSecond)}, relay ${k(r.long.relay.eventsPerSecond)}`,
      `≥ 0.5× relay (${k(r.long.relay.eventsPerSecond / 2)})`],
    ['5,000 tiny text events: events/s', `${k(r.tiny.proxy.eventsPerSecond)} (${ms(r.tiny.proxy.cpuMicrosPerEvent)} µs CPU/event)`,
      `floor ${k(r.tiny.floor.eventsPerSecond)}, relay ${k(r.tiny.relay.eventsPerSecond)}`,
      `≥ 0.5× relay (${k(r.tiny.relay.eventsPerSecond / 2)})`],
    [`${(r.bigRequest.anthropicBytes / 1048576).toFixed(2)} MB Claude Code request: until the upstream has the converted body (p50 / p99)`,
      `${ms(r.bigRequest.proxy.p50)} / ${ms(r.bigRequest.proxy.p99)} ms`,
      `floor ${ms(r.bigRequest.floor.p50)}, relay ${ms(r.bigRequest.relay.p50)} ms (${(r.bigRequest.kiroBytes / 1048576).toFixed(2)} MB as sent to Kiro)`,
      '≤ 3 ms'],
    [`RSS per open stream (${r.memory.openStreams} open)`, `${k(r.memory.perStreamKb)} KB`,
      `${mb(r.memory.beforeKb)} → ${mb(r.memory.withOpenStreamsKb)} → ${mb(r.memory.afterClosingKb)} after closing`, '≤ 64 KB'],
    ['RSS idle after start', mb(r.memory.idleAfterStartKb), '', '≤ 16 MB'],
    ['kiro-proxyd under 64 streams × 200 events: CPU, streams/s, RSS',
      `${r.proxydLoad.cpuPercent.toFixed(0)} % of a core`, `${k(r.proxydLoad.streamsPerSecond)} streams/s, ${mb(r.proxydLoad.rssKb)}`, ''],
  ];
  if (r.tray) {
    rows.push(['kiro-tray idle: RSS, CPU', mb(r.tray.idleRssKb), `${r.tray.idleCpuPercent.toFixed(1)} % of a core`, '']);
    rows.push(['kiro-tray under the same load: CPU, streams/s, RSS', `${r.tray.loadCpuPercent.toFixed(0)} % of a core`,
      `${k(r.tray.streamsPerSecond)} streams/s, ${mb(r.tray.loadRssKb)}`, '']);
  }
  console.log(`\nkiro-proxyd benchmark — ${r.machine.cpus} × ${r.machine.model}, node ${r.machine.node}${r.machine.quick ? ', --quick' : ''}, ${r.machine.seconds.toFixed(0)} s\n`);
  console.log('| measured | kiro-proxyd | floor (direct to the fake) / relay (socat) | goal |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().then(() => process.exit(0), (e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
