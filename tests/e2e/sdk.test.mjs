// SPDX-License-Identifier: MIT
// The official Anthropic SDK against a real kiro-proxyd and the fake Kiro upstream (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { startStack, sharedStack, API_KEY, weatherTool } from './harness.mjs';

let stack;
let client;
const MODEL = 'claude-sonnet-4-6';
sharedStack({}, (s) => {
  stack = s;
  client = new Anthropic({ apiKey: API_KEY, baseURL: stack.baseURL, maxRetries: 0, timeout: 20000 });
});

test('non-streaming message', async () => {
  const msg = await client.messages.create({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi' }] });
  assert.equal(msg.type, 'message');
  assert.equal(msg.role, 'assistant');
  assert.equal(msg.model, MODEL);
  assert.match(msg.id, /^msg_/);
  assert.equal(msg.stop_reason, 'end_turn');
  assert.equal(msg.content[0].type, 'text');
  assert.match(msg.content[0].text, /Hello from fake Kiro/);
  assert.ok(msg.usage.input_tokens > 0);
  assert.ok(msg.usage.output_tokens > 0);
  assert.equal(msg.usage.cache_read_input_tokens, 0);
  assert.equal(msg.usage.cache_creation_input_tokens, 0);
});

test('streaming via the stream helper and finalMessage()', async () => {
  const stream = client.messages.stream({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Stream please' }] });
  const events = [];
  let text = '';
  stream.on('streamEvent', (e) => events.push(e.type));
  stream.on('text', (t) => { text += t; });
  const final = await stream.finalMessage();
  assert.equal(events[0], 'message_start');
  assert.equal(events.at(-1), 'message_stop');
  assert.ok(events.includes('content_block_delta'));
  assert.equal(final.content[0].text, text);
  assert.match(text, /Stream please/);
  assert.equal(final.stop_reason, 'end_turn');
});


test('two-turn tool-use round trip', async () => {
  const messages = [{ role: 'user', content: 'What is the weather in Oslo? [[tool]]' }];
  const first = await client.messages.create({ model: MODEL, max_tokens: 512, tools: [weatherTool], messages });
  assert.equal(first.stop_reason, 'tool_use');
  const call = first.content.find((b) => b.type === 'tool_use');
  assert.ok(call, 'a tool_use block');
  assert.equal(call.name, 'get_weather');
  assert.deepEqual(call.input, { city: 'Oslo' });

  messages.push({ role: 'assistant', content: first.content });
  messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '22°C and sunny' }] });
  const second = await client.messages.create({ model: MODEL, max_tokens: 512, tools: [weatherTool], messages });
  assert.equal(second.stop_reason, 'end_turn');
  assert.match(second.content.find((b) => b.type === 'text').text, /22°C and sunny/);

  const reqs = await stack.fakeRequests();
  const last = reqs.filter((r) => r.path === '/generateAssistantResponse').at(-1);
  const ctx = last.body.conversationState.currentMessage.userInputMessage.userInputMessageContext;
  assert.equal(ctx.toolResults[0].toolUseId, call.id);
  assert.equal(ctx.tools[0].toolSpecification.name, 'get_weather');
});

test('streamed tool use with a long tool name comes back with the original name', async () => {
  const longName = 'mcp__very_long_server_name_for_testing__and_an_even_longer_tool_name_here';
  assert.ok(longName.length > 63);
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 512,
    tools: [{ ...weatherTool, name: longName }],
    messages: [{ role: 'user', content: 'Use the tool [[tool]]' }],
  });
  const final = await stream.finalMessage();
  const call = final.content.find((b) => b.type === 'tool_use');
  assert.equal(call.name, longName);
  assert.deepEqual(call.input, { city: 'Oslo' });
  const reqs = await stack.fakeRequests();
  const sent = reqs.filter((r) => r.path === '/generateAssistantResponse').at(-1);
  const sentName = sent.body.conversationState.currentMessage.userInputMessage.userInputMessageContext.tools[0].toolSpecification.name;
  assert.ok(sentName.length <= 63, `upstream got a shortened name (${sentName.length})`);
});

test('thinking (enabled) streams a thinking block with a signature before the text', async () => {
  const stream = client.messages.stream({
    model: MODEL,
    max_tokens: 2048,
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [{ role: 'user', content: 'Think first' }],
  });
  const final = await stream.finalMessage();
  assert.equal(final.content[0].type, 'thinking');
  assert.match(final.content[0].thinking, /Reasoning about it/);
  assert.ok(final.content[0].signature.length > 0, 'thinking block has a signature');
  const text = final.content.find((b) => b.type === 'text');
  assert.match(text.text, /Hello from fake Kiro/);
});

test('images reach the upstream in Kiro format', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 256,
    messages: [{ role: 'user', content: [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
      { type: 'text', text: 'What is in this image?' },
    ] }],
  });
  assert.match(msg.content[0].text, /1 image/);
  const reqs = await stack.fakeRequests();
  const sent = reqs.filter((r) => r.path === '/generateAssistantResponse').at(-1);
  const images = sent.body.conversationState.currentMessage.userInputMessage.images;
  assert.equal(images[0].format, 'png');
  assert.equal(images[0].source.bytes, png);
});

test('count_tokens counts tools and tool results', async () => {
  const base = { model: MODEL, messages: [{ role: 'user', content: 'hello' }] };
  const small = await client.messages.countTokens(base);
  assert.ok(small.input_tokens >= 1);
  const withTools = await client.messages.countTokens({ ...base, tools: [weatherTool] });
  assert.ok(withTools.input_tokens > small.input_tokens, 'tool definitions are counted');
  const withResult = await client.messages.countTokens({
    model: MODEL,
    tools: [weatherTool],
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x'.repeat(4000) }] },
    ],
  });
  assert.ok(withResult.input_tokens > withTools.input_tokens + 500, 'tool_result content is counted');
});

test('models list in Anthropic shape', async () => {
  const page = await client.models.list();
  const ids = page.data.map((m) => m.id);
  assert.ok(ids.includes('claude-sonnet-4-5-20250929'));
  assert.ok(page.data.every((m) => m.type === 'model' && m.display_name && m.created_at));
  const one = await client.models.retrieve('claude-sonnet-4-5-20250929');
  assert.equal(one.id, 'claude-sonnet-4-5-20250929');
});

test('wrong API key surfaces as AuthenticationError', async () => {
  const bad = new Anthropic({ apiKey: 'wrong', baseURL: stack.baseURL, maxRetries: 0 });
  await assert.rejects(
    bad.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    (e) => e instanceof Anthropic.AuthenticationError && e.status === 401 && e.error?.error?.type === 'authentication_error',
  );
});

test('invalid request surfaces as BadRequestError naming the field', async () => {
  await assert.rejects(
    client.messages.create({ model: MODEL, max_tokens: 10, messages: [] }),
    (e) => e instanceof Anthropic.BadRequestError && e.status === 400 && /messages/.test(e.message),
  );
});

test('upstream context overflow is a 400 with the prompt-too-long wording', async () => {
  await assert.rejects(
    client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'overflow [[status:400-context]]' }] }),
    (e) => e instanceof Anthropic.BadRequestError && /prompt is too long/i.test(e.message),
  );
});

test('20 concurrent streams all complete', async () => {
  const runs = Array.from({ length: 20 }, (_, i) =>
    client.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: `stream number ${i}` }] }).finalMessage());
  const results = await Promise.all(runs);
  results.forEach((m, i) => assert.match(m.content[0].text, new RegExp(`stream number ${i}\\b`)));
});

test('abort mid-stream (ten times), then the next request succeeds', async () => {
  const before = await (await fetch(`${stack.fakeUrl}/__control/stats`)).json();
  for (let round = 0; round < 10; ++round) {
    const controller = new AbortController();
    const stream = client.messages.stream(
      { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: `long answer ${round} [[slow]]` }] },
      { signal: controller.signal });
    let chunks = 0;
    stream.on('text', () => { if (++chunks === 2) controller.abort(); });
    await assert.rejects(stream.finalMessage());
    assert.ok(chunks >= 2);
  }
  const msg = await client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'after abort' }] });
  assert.match(msg.content[0].text, /after abort/);
  // The proxy cancelled every upstream stream instead of letting it run to the end.
  let after;
  for (let i = 0; i < 50; ++i) {
    after = await (await fetch(`${stack.fakeUrl}/__control/stats`)).json();
    if (after.clientAborts - before.clientAborts >= 10) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(after.clientAborts - before.clientAborts, 10, 'each upstream request was aborted');
  const health = await fetch(`${stack.baseURL}/health`);
  assert.equal((await health.json()).status, 'ok');
});

test("Claude Code 2.1's own request (system-role messages, context_management, adaptive thinking, its tools)", async () => {
  const body = JSON.parse(readFileSync(new URL('./fixtures/claude-code-2.1-request.json', import.meta.url), 'utf8'));
  const r = await fetch(`${stack.baseURL}/v1/messages?beta=true`, {
    method: 'POST',
    headers: {
      'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
      'user-agent': 'claude-cli/2.1.331 (external, cli)', 'x-claude-code-session-id': '0b4c2e6a-1f2d-4c3b-9a8e-7d6c5b4a3f21',
    },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 200);
  const text = await r.text();
  const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
  assert.equal(events[0], 'message_start');
  assert.equal(events.at(-1), 'message_stop');
  const reqs = await stack.fakeRequests();
  const sent = reqs.filter((x) => x.path === '/generateAssistantResponse').at(-1).body;
  assert.equal(sent.conversationState.conversationId, '0b4c2e6a-1f2d-4c3b-9a8e-7d6c5b4a3f21');
  const history = sent.conversationState.history;
  assert.match(history[0].userInputMessage.content, /# Environment/, 'the system-role message joined the system turn');
  assert.ok(!JSON.stringify(sent).includes('context_management'));
});

test('upstream throttling surfaces as RateLimitError with retry-after, then the account cools down', async () => {
  await assert.rejects(
    client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'throttle [[status:429]]' }] }),
    (e) => e instanceof Anthropic.RateLimitError && e.headers.get('retry-after') !== null,
  );
  // The only account now cools down: the next request is refused at once with a reason, not sent to Kiro.
  await assert.rejects(
    client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => e.status === 503 && /cooling down until/.test(e.message) && e.headers.get('retry-after') !== null,
  );
});
