// SPDX-License-Identifier: MIT
// What kiro-proxyd keeps loaded (node --test, Linux: reads /proc/<pid>). Facts, not timings: with a plain-http upstream
// (the fake) no TLS backend is ever loaded — OpenSSL and Qt's TLS plugin are about 4 MB of resident memory, loaded on
// the first https call only — and no thread exists beyond the main one and QNetworkAccessManager's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sharedStack, API_KEY } from './harness.mjs';
import { streamMessage, streamProblem } from '../soak/lib.mjs';

const linux = existsSync('/proc/self/maps');
const stack = sharedStack();

/** The shared objects of a TLS backend mapped into the process (OpenSSL, GnuTLS, Qt's plugins/tls). */
function tlsLibraries(pid) {
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
  const found = new Set();
  for (const line of maps.split('\n')) {
    const file = line.split(/\s+/)[5] ?? '';
    if (/\/lib(ssl|crypto|gnutls)\.so|\/tls\/libq/.test(file)) found.add(file);
  }
  return [...found];
}

function threadNames(pid) {
  return readdirSync(`/proc/${pid}/task`).map((t) => {
    try {
      return readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim();
    } catch {
      return null; // ended meanwhile
    }
  }).filter((name) => name !== null);
}

test('an http upstream never loads a TLS backend', { skip: !linux && 'needs /proc' }, async () => {
  const s = stack();
  assert.deepEqual(tlsLibraries(s.pid), [], 'nothing TLS after start');
  const streamed = await streamMessage(s.baseURL, API_KEY, 'hello');
  assert.equal(streamProblem(streamed), null);
  const r = await fetch(`${s.baseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(r.status, 200);
  await r.text();
  assert.deepEqual(tlsLibraries(s.pid), [], 'nothing TLS after a streamed and a non-streamed chat over http');
});

test('no thread beyond the main one and QNetworkAccessManager\'s', { skip: !linux && 'needs /proc' }, async () => {
  const s = stack();
  const streamed = await streamMessage(s.baseURL, API_KEY, 'hello again');
  assert.equal(streamProblem(streamed), null);
  const names = threadNames(s.pid);
  const unexpected = names.filter((n) => n !== 'kiro-proxyd' && !n.startsWith('QNetworkAccess'));
  assert.deepEqual(unexpected, [], `threads: ${names.join(', ')}`);
  assert.ok(names.length <= 2, `threads: ${names.join(', ')}`);
});
