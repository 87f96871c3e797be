#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Probes a kiro-proxyd the way a hostile web page or a careless client would, and prints what happened: Host
// rebinding, browser origins, unauthenticated 100 MB bodies, endless headers, bad request lines, TLS on the plain port,
// HTTP/1.0, pipelining, and SIGTERM after a storm of aborts. Loopback only; stops by itself. Prints numbers, asserts
// nothing (tst_proxyserver and the e2e suites assert).
//   node tests/bench/http-probe.mjs [--proxyd build-test/app/kiro-proxyd]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const proxyd = path.resolve(arg('--proxyd', path.join(root, 'build-test/app/kiro-proxyd')));
const KEY = 'probe-key-0123456789abcdef';

function waitFor(child, pattern, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in ${seen}`)), timeoutMs);
    const on = (d) => {
      seen += d;
      const m = seen.match(pattern);
      if (m) { clearTimeout(timer); resolve(m); }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
  });
}

const rssKb = (pid, field = 'VmRSS') => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))[1]);
  } catch { return NaN; }
};

/** Writes `chunks` on a new connection; resolves with what came back, whether the server closed, and when. */
function raw(port, chunks, { waitMs = 2000, until = null } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: got.toString('latin1'), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (d) => { got = Buffer.concat([got, d]); if (until && until(got.toString('latin1'))) finish(); });
    socket.on('end', () => { closed = true; finish(); });
    socket.on('close', () => { closed = true; finish(); });
    socket.on('error', () => {});
    socket.on('connect', () => { for (const c of chunks) socket.write(c); });
  });
}

/** Sends `head`, then `piece` again and again up to `total` bytes (as fast as the server reads), and collects the
 *  answer until the server closes or `limitMs` pass. */
function flood(port, head, piece, total, limitMs) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let sent = 0;
    let text = '';
    const started = Date.now();
    s.on('error', () => {});
    s.on('data', (d) => { text += d; });
    s.on('close', () => resolve({ text, closed: true, sent, ms: Date.now() - started }));
    s.on('connect', () => {
      s.write(head);
      const pump = () => {
        while (sent < total && !s.destroyed) {
          sent += piece.length;
          if (!s.write(piece)) { s.once('drain', pump); return; }
        }
        if (sent >= total) setTimeout(() => s.destroy(), 2000);
      };
      pump();
    });
    setTimeout(() => s.destroy(), limitMs);
  });
}

const statusOf = (r) => (r.text.match(/^HTTP\/1\.[01] (\d{3})/) || [null, r.closed ? 'closed, no answer' : 'held open'])[1];
const header = (r, name) => (r.text.match(new RegExp(`^${name}: (.*)\\r$`, 'mi')) || [null, '(none)'])[1];

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiro-probe-'));
  const fake = spawn(process.execPath, [path.join(root, 'tests/e2e/fake-kiro-upstream.mjs'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const [, fakeUrl] = await waitFor(fake, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const child = spawn(proxyd, ['--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, API_KEY: KEY, DATA_DIR: dataDir, KIRO_API_ENDPOINT: fakeUrl, KIRO_SOCIAL_AUTH_ENDPOINT: fakeUrl,
      KIRO_IDC_AUTH_ENDPOINT: fakeUrl, REFRESH_TOKEN: 'probe-refresh-' + 'r'.repeat(100), AUTH_METHOD: 'social',
      QT_LOGGING_RULES: '*.debug=false;*.info=false',
    },
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const [, port] = await waitFor(child, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const rows = [];
  const row = (probe, result) => { rows.push([probe, result]); console.log(`${probe.padEnd(58)} ${result}`); };
  const chat = (extra = '') => `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-api-key: ${KEY}\r\n` +
    `Content-Type: application/json\r\n${extra}`;
  const msg = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
  const until = (t) => /\r\n\r\n/.test(t) && (/Content-Length: (\d+)/i.test(t)
    ? t.length - t.indexOf('\r\n\r\n') - 4 >= Number(t.match(/Content-Length: (\d+)/i)[1]) : /0\r\n\r\n$/.test(t));

  console.log(`kiro-proxyd: ${proxyd}\n`);
  // 3. Web pages.
  let r = await raw(port, [`GET /api/status HTTP/1.1\r\nHost: attacker.example:${port}\r\nx-api-key: ${KEY}\r\n\r\n`], { until });
  row('DNS rebinding: GET /api/status, Host: attacker.example', statusOf(r));
  r = await raw(port, [`GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${KEY}\r\n\r\n`], { until });
  row('GET /v1/models: Access-Control-Allow-Origin', header(r, 'Access-Control-Allow-Origin'));
  r = await raw(port, [`OPTIONS /api/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n\r\n`], { until });
  row('preflight of /api/accounts from http://evil.example', `${statusOf(r)}, ACAO ${header(r, 'Access-Control-Allow-Origin')}`);
  r = await raw(port, [chat(`Origin: http://evil.example\r\nContent-Length: ${msg.length}\r\n\r\n`) + msg], { until, waitMs: 5000 });
  row('simple POST /v1/messages from http://evil.example', statusOf(r));

  // 4. Abuse and old clients.
  const before = rssKb(child.pid);
  const big = 100 * 1024 * 1024;
  const piece = Buffer.alloc(1024 * 1024, 'x');
  const bodies = await Promise.all([0, 1, 2, 3].map(() => flood(port,
    `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${big}\r\n\r\n`, piece, big, 30000)));
  const peak = rssKb(child.pid, 'VmHWM');
  row('4 × 100 MB bodies without a key: answers', bodies.map((b) => statusOf(b)).join(' '));
  row('  MB each client got to send before the close', bodies.map((b) => (b.sent / 1048576).toFixed(0)).join(' '));
  row('  RSS before → peak (MB)', `${(before / 1024).toFixed(0)} → ${(peak / 1024).toFixed(0)}`);

  r = await flood(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n',
    Buffer.from('X-Filler: ' + 'a'.repeat(1000) + '\r\n'), 64 * 1024 * 1024, 15000);
  row('64 MB of endless header lines', `${statusOf(r)} after ${(r.sent / 1048576).toFixed(1)} MB sent, RSS ${(rssKb(child.pid) / 1024).toFixed(0)} MB`);

  for (const [name, bytes] of [
    ['GET /health HTTP/9.9', `GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n`],
    ['malformed request line', 'GARBAGE\r\n\r\n'],
    ['TLS ClientHello on the plain port', Buffer.concat([Buffer.from('16030100f5010000f10303', 'hex'), Buffer.alloc(240)])],
  ]) {
    r = await raw(port, [bytes], { waitMs: 3000 });
    row(name, `${statusOf(r)} (${r.closed ? `closed after ${r.ms} ms` : 'still open after 3 s'})`);
  }
  r = await raw(port, [`GET /health HTTP/1.0\r\n\r\n`], { waitMs: 3000 });
  row('HTTP/1.0 GET /health', `${statusOf(r)}, ${r.closed ? 'closed' : 'kept open'}`);
  r = await raw(port, [`POST /v1/messages HTTP/1.0\r\nx-api-key: ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${msg.length + 14}\r\n\r\n` +
    msg.replace('{"model"', '{"stream":true,"model"')], { waitMs: 5000 });
  row('HTTP/1.0 streamed message: chunked framing?', `${statusOf(r)}, ${/Transfer-Encoding: chunked/i.test(r.text) ? 'chunked (wrong for 1.0)' : 'close-delimited'}, ${r.closed ? 'closed' : 'open'}`);
  r = await raw(port, [`GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${KEY}\r\n\r\n` +
    `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`], { waitMs: 3000 });
  const answers = (r.text.match(/HTTP\/1\.1 \d{3} /g) || []).length;
  row('two pipelined requests in one write', `${answers} answer(s), ${r.text.indexOf('claude-sonnet') >= 0 && r.text.indexOf('claude-sonnet') < r.text.lastIndexOf('"status"') ? 'in order' : 'order: n/a'}`);

  // Aborts before the first byte, then SIGTERM.
  const aborts = Number(arg('--aborts', '2000'));
  const stall = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: '[[stall]]' }] });
  for (let wave = 0; wave < aborts / 50; ++wave) {
    await Promise.all(Array.from({ length: 50 }, () => new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      s.on('close', resolve);
      s.on('connect', () => { s.write(chat(`Content-Length: ${stall.length}\r\n\r\n`) + stall, () => s.destroy()); });
    })));
  }
  await new Promise((res) => setTimeout(res, 500));
  const rssAfter = rssKb(child.pid);
  const stopStarted = Date.now();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((res) => setTimeout(res, 15000))]);
  row(`${aborts} aborts before the first byte, then SIGTERM: exit after`, `${Date.now() - stopStarted} ms (RSS ${(rssAfter / 1024).toFixed(0)} MB)`);
  const shutdown = out.match(/shutting down[^\n]*/);
  if (shutdown) row('  kiro-proxyd said', shutdown[0]);
  fake.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
