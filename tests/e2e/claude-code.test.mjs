// SPDX-License-Identifier: MIT
// The real Claude Code CLI (@anthropic-ai/claude-code, `claude -p`) against a real kiro-proxyd and the fake Kiro upstream
// (node --test). Hermetic and offline: a temporary HOME and CLAUDE_CONFIG_DIR per run, only the proxy's address, the
// non-essential traffic (telemetry, error reporting, auto-update) switched off, no TTY, a timeout per run.
// The plain run uses Claude Code's own default model (an Opus id newer than any the fake serves: the proxy falls back to
// the newest served Opus); the others pin --model claude-sonnet-4-6. Thinking needs no switch: Claude Code sends
// adaptive thinking by default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack, API_KEY } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.join(here, 'node_modules/@anthropic-ai/claude-code');
const MODEL = 'claude-sonnet-4-6';
const RUN_TIMEOUT_MS = 120_000;

// The postinstall step copies the native binary over bin/claude.exe; without it (npm --ignore-scripts) the package's
// own fallback launcher finds the platform binary.
const nativeBin = path.join(pkgDir, 'bin/claude.exe');
const claudeCommand = existsSync(nativeBin) && statSync(nativeBin).size > 1_000_000
  ? [nativeBin]
  : [process.execPath, path.join(pkgDir, 'cli-wrapper.cjs')];

let stack;
const tempDirs = [];

before(async () => {
  stack = await startStack();
});

after(async () => {
  const code = await stack.stop();
  assert.equal(code, 0, 'kiro-proxyd exits cleanly on SIGTERM');
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `claude -p PROMPT ...args` in a fresh temporary HOME and working directory (with `files` in it).
 * Resolves { code, stdout, stderr, workDir }; rejects on a timeout.
 */
function runClaude(prompt, args = [], { files = {}, model = MODEL } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'kiro-e2e-claude-'));
  tempDirs.push(root);
  const home = path.join(root, 'home');
  const configDir = path.join(home, '.claude');
  const workDir = path.join(root, 'work');
  for (const d of [home, configDir, workDir]) mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(workDir, name), text);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    SHELL: existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh',
    LANG: 'C.UTF-8',
    HOME: home,
    TMPDIR: root,
    CLAUDE_CONFIG_DIR: configDir,
    ANTHROPIC_BASE_URL: stack.baseURL,
    ANTHROPIC_API_KEY: API_KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
  };
  const [cmd, ...pre] = claudeCommand;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, '-p', prompt, ...(model ? ['--model', model] : []), ...args], {
      cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`claude timed out after ${RUN_TIMEOUT_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, workDir }); });
  });
}

/** The single JSON result of `--output-format json`. */
function jsonResult(run) {
  assert.equal(run.code, 0, `claude exited with ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The events of `--output-format stream-json --verbose`, one JSON object a line. */
function streamEvents(run) {
  assert.equal(run.code, 0, `claude exited with ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function assertSuccess(result) {
  assert.equal(result.type, 'result');
  assert.equal(result.is_error, false, `is_error is false; result: ${JSON.stringify(result.result)}`);
  assert.equal(result.subtype, 'success');
}

/** The Kiro chat requests whose conversation mentions `marker` (the fake's request log, bodies parsed). */
async function kiroChats(marker) {
  const reqs = await stack.fakeRequests();
  return reqs.filter((r) => r.path === '/generateAssistantResponse' && JSON.stringify(r.body).includes(marker));
}

test('Claude Code: a plain prompt with its default model answers with the fake Kiro text', async () => {
  const run = await runClaude('Say hello to the proxy, plain run', ['--output-format', 'json'], { model: null });
  const result = jsonResult(run);
  assertSuccess(result);
  assert.match(result.result, /Hello from fake Kiro/);
  assert.equal(result.stop_reason, 'end_turn');
  assert.equal(result.num_turns, 1);
  const sent = await kiroChats('Say hello to the proxy, plain run');
  assert.equal(sent.length, 1, 'one chat reached the upstream');
  // Claude Code's default Opus id is newer than anything Kiro serves: the newest served Opus answers.
  assert.equal(sent[0].body.conversationState.currentMessage.userInputMessage.modelId, 'claude-opus-4.7');
});

test('Claude Code: default (adaptive) thinking whose thinking ends with a period ([[think-end:period]])', async () => {
  const run = await runClaude('Think, then say hello [[think-end:period]]', ['--output-format', 'stream-json', '--verbose']);
  const events = streamEvents(run);
  const result = events.find((e) => e.type === 'result');
  assert.ok(result, 'a result event');
  assertSuccess(result);
  assert.doesNotMatch(result.result, /output token maximum|max_tokens/i, 'not an output-token-maximum error');
  assert.match(result.result, /Hello from fake Kiro/);
  assert.equal(result.stop_reason, 'end_turn');
  const blocks = events.filter((e) => e.type === 'assistant').flatMap((e) => e.message.content);
  const thinking = blocks.filter((b) => b.type === 'thinking').map((b) => b.thinking).join('');
  assert.match(thinking, /Let me think step by step\./, 'the thinking block carries the thinking');
  assert.doesNotMatch(thinking, /Hello from fake Kiro/, 'the answer did not end up in the thinking');
  const text = blocks.filter((b) => b.type === 'text').map((b) => b.text).join('');
  assert.doesNotMatch(text, /<\/?thinking>/, 'no thinking tags leak into the answer');
  // What Claude Code sent: the proxy saw its thinking setting and asked Kiro for thinking.
  const sent = await kiroChats('[[think-end:period]]');
  assert.equal(sent.length, 1);
  assert.match(JSON.stringify(sent[0].body), /<thinking_mode>(enabled|adaptive)<\/thinking_mode>/,
    'the Kiro request turns thinking on');
});

test('Claude Code: a Bash tool round trip ([[tool]], --allowedTools Bash)', async () => {
  const run = await runClaude('List the files here [[tool]]', ['--allowedTools', 'Bash', '--output-format', 'json'],
    { files: { 'alpha-file.txt': 'a', 'beta-file.txt': 'b' } });
  const result = jsonResult(run);
  assertSuccess(result);
  assert.match(result.result, /The tool said:/);
  assert.match(result.result, /alpha-file\.txt/, 'the answer carries the output of ls');
  assert.match(result.result, /beta-file\.txt/);
  assert.equal(result.num_turns, 2);
  assert.deepEqual(result.permission_denials, []);
  const sent = await kiroChats('List the files here [[tool]]');
  assert.equal(sent.length, 2, 'the tool call and the answer after the tool result');
  const second = sent[1].body.conversationState;
  const toolResults = second.currentMessage.userInputMessage.userInputMessageContext.toolResults;
  assert.match(JSON.stringify(toolResults), /alpha-file\.txt/, 'the ls output went back to Kiro');
  const call = second.history.find((h) => h.assistantResponseMessage?.toolUses?.length)?.assistantResponseMessage;
  assert.ok(call, 'the assistant tool call is in the history');
  assert.equal(call.toolUses[0].name, 'Bash');
  assert.equal(call.toolUses[0].toolUseId, toolResults[0].toolUseId);
  // Thinking was on: the earlier thinking went back to Kiro as thinking tags, and thinking stays requested.
  assert.match(call.content, /<thinking>[\s\S]*<\/thinking>/, 'the history carries the earlier thinking as tags');
  assert.match(JSON.stringify(sent[1].body), /<thinking_mode>(enabled|adaptive)<\/thinking_mode>/);
});

test('Claude Code: a stream Kiro cuts off mid-answer ([[cut:socket]]) is reported as an error, not as a complete answer', async () => {
  const run = await runClaude('Answer, then get cut [[cut:socket]]', ['--output-format', 'json']);
  // Part of the answer had already streamed to Claude Code, so the proxy cannot retry underneath it: it ends the
  // stream with an error event (no message_stop) and Claude Code says the response is incomplete.
  const result = JSON.parse(run.stdout);
  assert.equal(result.type, 'result');
  assert.equal(result.is_error, true, `is_error; result: ${JSON.stringify(result.result)}`);
  assert.match(result.result, /mid-response|incomplete/i);
  assert.doesNotMatch(result.result, /Hello from fake Kiro\. You said/, 'the truncated text is not passed off as the answer');
});
