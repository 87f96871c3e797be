// SPDX-License-Identifier: MIT
// The OpenAI-compatible route (POST /v1/chat/completions, GET /v1/models) end to end (node --test): the official
// `openai` SDK and LangChain's ChatOpenAI against a real kiro-proxyd and the fake Kiro upstream.
import { test } from 'node:test';
import net from 'node:net';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { startStack, sharedStack, API_KEY } from './harness.mjs';

let stack;
let client;
const MODEL = 'claude-sonnet-4-6';
// Aliases make the catalogue longer than Anthropic's default page of 20, which OpenAI clients (no cursor) must not see.
const aliases = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`team-model-${i}`, 'claude-sonnet-4.6']));
sharedStack({ config: { modelAliases: aliases, pingIntervalMs: 100 } }, (s) => {
  stack = s;
  client = new OpenAI({ apiKey: API_KEY, baseURL: `${stack.baseURL}/v1`, maxRetries: 0, timeout: 20000 });
});

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** The Kiro body of the last chat request the fake received whose current message contains `marker`. */
async function upstreamBodyFor(marker) {
  const reqs = await stack.fakeRequests();
  const chats = reqs.filter((r) => r.path === '/generateAssistantResponse'
    && JSON.stringify(r.body.conversationState.currentMessage).includes(marker));
  assert.ok(chats.length > 0, `the fake received a chat containing ${marker}`);
  return chats.at(-1).body;
}

test('non-streaming chat.completion', async () => {
  const r = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi' }],
  });
  assert.equal(r.object, 'chat.completion');
  assert.match(r.id, /^chatcmpl-/);
  assert.equal(r.model, MODEL);
  assert.equal(r.choices.length, 1);
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.match(r.choices[0].message.content, /Hello from fake Kiro. You said: Say hi/);
  assert.equal(r.choices[0].finish_reason, 'stop');
  assert.ok(r.usage.prompt_tokens > 0);
  assert.ok(r.usage.completion_tokens > 0);
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
  // The system message went to Kiro as the system prompt, not as a user turn of its own.
  const body = await upstreamBodyFor('Say hi');
  assert.match(JSON.stringify(body.conversationState), /Be brief\./);
});

test('streaming: role once, content deltas, finish_reason, [DONE]; the log row names the route', async () => {
  const stream = await client.chat.completions.create({
    model: MODEL,
    stream: true,
    messages: [{ role: 'user', content: 'Stream please' }],
  });
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  assert.ok(chunks.length > 3, `${chunks.length} chunks`);
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0].id));
  assert.equal(chunks.filter((c) => c.choices[0]?.delta?.role).length, 1, 'role comes once');
  const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
  assert.equal(text, 'Hello from fake Kiro. You said: Stream please');
  assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  assert.ok(chunks.every((c) => c.usage === undefined), 'no usage unless asked');
  const log = await stack.api('GET', '/api/logs?limit=5');
  assert.equal(log.status, 200);
  const rows = log.body.rows ?? log.body.logs ?? log.body;
  assert.ok(rows.some((row) => row.route === '/v1/chat/completions'), JSON.stringify(rows).slice(0, 400));
});

test('a quiet upstream: keep-alives are SSE comments, and the SDK reads a stream with them', async () => {
  // [[silent]]: one text frame, then nothing; with pingIntervalMs 100 only keep-alives follow. Read until one came.
  const controller = new AbortController();
  const r = await fetch(`${stack.baseURL}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'Then quiet [[silent]]' }] }),
    signal: controller.signal,
  });
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let wire = '';
  while (!wire.includes('\n\n: keep-alive\n\n')) {
    const { value, done } = await reader.read();
    assert.ok(!done, `the stream ended before a keep-alive: ${wire}`);
    wire += decoder.decode(value, { stream: true });
  }
  controller.abort();
  assert.match(wire, /^data: \{"choices":\[\{"delta":\{"content":"","role":"assistant"\}/);
  assert.ok(wire.includes('"content":"silent "'));
  assert.ok(!wire.includes('event:'), 'no Anthropic event lines');

  // [[slow]]: 50 frames 100 ms apart, keep-alives between them; the SDK's text is exactly the frames'.
  let text = '';
  const body = { model: MODEL, stream: true, messages: [{ role: 'user', content: 'Take your time [[slow]]' }] };
  for await (const c of await client.chat.completions.create(body)) text += c.choices[0]?.delta?.content ?? '';
  assert.equal(text, Array.from({ length: 50 }, (_, i) => `chunk ${i} `).join(''));
});

test('stream_options.include_usage: a last chunk with usage and no choices', async () => {
  const stream = await client.chat.completions.create({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Count me' }],
  });
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const last = chunks.at(-1);
  assert.deepEqual(last.choices, []);
  assert.ok(last.usage.prompt_tokens > 0 && last.usage.completion_tokens > 0);
  assert.equal(last.usage.total_tokens, last.usage.prompt_tokens + last.usage.completion_tokens);
  assert.ok(chunks.slice(0, -1).every((c) => c.usage === null), 'usage is null on the other chunks');
});

test('tool round trip with two parallel calls (stream helper), tool results paired by tool_call_id', async () => {
  const messages = [{ role: 'user', content: 'Weather in Oslo and Bergen? [[tools:2]]' }];
  const runner = client.chat.completions.stream({ model: MODEL, tools: [weather], messages });
  const first = await runner.finalChatCompletion();
  assert.equal(first.choices[0].finish_reason, 'tool_calls');
  const calls = first.choices[0].message.tool_calls;
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((c) => c.function.name), ['get_weather', 'get_weather']);
  assert.deepEqual(calls.map((c) => JSON.parse(c.function.arguments)), [{ city: 'Oslo' }, { city: 'Bergen' }]);
  assert.notEqual(calls[0].id, calls[1].id);

  messages.push(first.choices[0].message);
  messages.push({ role: 'tool', tool_call_id: calls[1].id, content: 'Bergen: rain' });
  messages.push({ role: 'tool', tool_call_id: calls[0].id, content: 'Oslo: sun' });
  const second = await client.chat.completions.create({ model: MODEL, tools: [weather], messages });
  assert.equal(second.choices[0].finish_reason, 'stop');
  assert.equal(second.choices[0].message.content, 'The tools said: Bergen: rain | Oslo: sun');
  // Kiro got both results in one turn, each paired with its call.
  const body = await upstreamBodyFor('Bergen: rain');
  const results = body.conversationState.currentMessage.userInputMessage.userInputMessageContext.toolResults;
  assert.deepEqual(results.map((r) => r.toolUseId), [calls[1].id, calls[0].id]);
});

test('non-streaming tool call: tool_calls with JSON arguments and content null', async () => {
  const r = await client.chat.completions.create({
    model: MODEL,
    tools: [weather],
    tool_choice: 'required',
    parallel_tool_calls: false,
    messages: [{ role: 'user', content: 'Weather twice? [[tools:2]]' }],
  });
  assert.equal(r.choices[0].finish_reason, 'tool_calls');
  assert.equal(r.choices[0].message.content, null);
  assert.equal(r.choices[0].message.tool_calls.length, 2);
  assert.equal(r.choices[0].message.tool_calls[0].type, 'function');
});

test('an image as a data URL reaches Kiro as image bytes; an http URL is a 400', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
  const r = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
    ] }],
  });
  assert.match(r.choices[0].message.content, /I received 1 image/);
  const body = await upstreamBodyFor('What is in this picture?');
  const images = body.conversationState.currentMessage.userInputMessage.images;
  assert.equal(images[0].format, 'png');
  assert.equal(images[0].source.bytes, png);

  await assert.rejects(
    client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }],
    }),
    (e) => e instanceof OpenAI.BadRequestError && /messages\[0\]\.content\[0\]\.image_url\.url: only data URLs/.test(e.message),
  );
});

test('reasoning_effort: reasoning_content arrives (stream and not), the answer stays in content', async () => {
  const body = { model: MODEL, reasoning_effort: 'low', messages: [{ role: 'user', content: 'Think first' }] };
  const r = await client.chat.completions.create(body);
  assert.equal(r.choices[0].message.reasoning_content.trim(), 'Reasoning about it step by step.');
  assert.match(r.choices[0].message.content, /You said: Think first/);
  const sent = await upstreamBodyFor('Think first');
  assert.match(JSON.stringify(sent), /<max_thinking_length>4096<\/max_thinking_length>/);

  const stream = await client.chat.completions.create({ ...body, stream: true });
  let reasoning = '';
  let content = '';
  for await (const c of stream) {
    reasoning += c.choices[0]?.delta?.reasoning_content ?? '';
    content += c.choices[0]?.delta?.content ?? '';
  }
  assert.equal(reasoning.trim(), 'Reasoning about it step by step.');
  assert.match(content, /You said: Think first/);
  assert.ok(!content.includes('<thinking>'));
});

test('finish_reason length when Kiro stops short (thinking never closed)', async () => {
  const r = await client.chat.completions.create({
    model: MODEL,
    max_completion_tokens: 64,
    reasoning_effort: 'minimal',
    messages: [{ role: 'user', content: 'Answer me [[think-end:no-close]]' }],
  });
  assert.equal(r.choices[0].finish_reason, 'length');
  assert.equal(r.choices[0].message.reasoning_content.trim(), 'I never close my thinking');
});

test('response_format json_schema: parsed JSON back through the SDK helper', async () => {
  const schema = {
    type: 'object',
    properties: { name: { type: 'string' }, age: { type: 'integer' } },
    required: ['name', 'age'],
    additionalProperties: false,
  };
  const r = await client.chat.completions.parse({
    model: MODEL,
    messages: [{ role: 'user', content: 'Make up a person' }],
    response_format: { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } },
  });
  assert.deepEqual(r.choices[0].message.parsed, { name: 'example', age: 42 });
  const sent = await upstreamBodyFor('Make up a person');
  const tools = sent.conversationState.currentMessage.userInputMessage.userInputMessageContext.tools;
  assert.ok(tools.some((t) => t.toolSpecification.name.startsWith('structured_output')));
});

test('models.list() and models.retrieve() read the same catalogue as the Anthropic SDK', async () => {
  const ids = [];
  for await (const m of client.models.list()) {
    assert.equal(m.object, 'model');
    assert.equal(typeof m.created, 'number');
    assert.equal(typeof m.owned_by, 'string');
    ids.push(m.id);
  }
  assert.ok(ids.length > 20, `every model in one page for OpenAI clients (${ids.length})`);
  assert.ok(ids.includes('team-model-7'));
  // The Anthropic SDK's view (anthropic-version, 20 a page, a cursor) is unchanged.
  const page = await fetch(`${stack.baseURL}/v1/models`, { headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' } });
  const anthropic = await page.json();
  assert.equal(anthropic.data.length, 20);
  assert.equal(anthropic.has_more, true);
  assert.deepEqual(anthropic.data.map((m) => m.id), ids.slice(0, 20));
  assert.ok(anthropic.data.every((m) => m.type === 'model' && typeof m.display_name === 'string' && m.created_at));
  const one = await client.models.retrieve(ids[0]);
  assert.equal(one.id, ids[0]);
  await assert.rejects(client.models.retrieve('no-such-model'), (e) => e instanceof OpenAI.NotFoundError);
});

test('errors are the SDK typed errors, in OpenAI shape', async () => {
  const bad = new OpenAI({ apiKey: 'wrong-key', baseURL: `${stack.baseURL}/v1`, maxRetries: 0 });
  await assert.rejects(
    bad.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => e instanceof OpenAI.AuthenticationError && e.status === 401 && e.type === 'authentication_error'
      && e.code === 'invalid_api_key',
  );
  await assert.rejects(
    client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '[1' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'x' },
      ],
    }),
    (e) => e instanceof OpenAI.BadRequestError && e.type === 'invalid_request_error'
      && e.message.includes('messages[1].tool_calls[0].function.arguments'),
  );
  await assert.rejects(
    client.chat.completions.create({ model: MODEL, n: 2, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => e instanceof OpenAI.BadRequestError && /^n: only 1/.test(e.error.message),
  );
  // A refusal before any handler (the body limit is checked from the head) speaks OpenAI on this route too.
  const raw = await fetch(`${stack.baseURL}/v1/chat/completions`, {
    method: 'PUT', headers: { authorization: `Bearer ${API_KEY}` },
  });
  const json = await raw.json();
  assert.equal(raw.status, 405);
  assert.deepEqual(Object.keys(json.error).sort(), ['code', 'message', 'param', 'type']);
  assert.equal(json.type, undefined, 'not the Anthropic envelope');

  // 413 is decided from the head, before any handler: the body is never read.
  const { port } = new URL(stack.baseURL);
  const head = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${API_KEY}\r\n`
      + 'Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n'));
    let got = '';
    socket.on('data', (d) => { got += d; });
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
  assert.match(head, /^HTTP\/1\.1 413/);
  const tooLarge = JSON.parse(head.slice(head.indexOf('\r\n\r\n') + 4));
  assert.equal(tooLarge.error.type, 'invalid_request_error');
  assert.equal(tooLarge.error.code, 'request_too_large');
});

test('a mid-stream upstream failure ends the stream with an error the SDK raises', async () => {
  const stream = await client.chat.completions.create({
    model: MODEL, stream: true, messages: [{ role: 'user', content: 'Go on [[exception]]' }],
  });
  let text = '';
  await assert.rejects(async () => {
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
  }, (e) => e instanceof OpenAI.APIError && /Internal|error/i.test(e.message));
  assert.match(text, /Hello from fake Kiro/);
});

test('LangChain ChatOpenAI: streaming, then a tool call and its result', async () => {
  const model = new ChatOpenAI({
    model: MODEL, apiKey: API_KEY, configuration: { baseURL: `${stack.baseURL}/v1` }, maxRetries: 0,
  });
  const pieces = [];
  for await (const chunk of await model.stream('Stream from LangChain please')) {
    if (typeof chunk.content === 'string' && chunk.content) pieces.push(chunk.content);
  }
  assert.ok(pieces.length > 1);
  assert.equal(pieces.join(''), 'Hello from fake Kiro. You said: Stream from LangChain please');

  const withTools = model.bindTools([weather]);
  const question = new HumanMessage('What is the weather in Oslo? [[tool]]');
  const ai = await withTools.invoke([question]);
  assert.equal(ai.tool_calls?.length, 1);
  assert.equal(ai.tool_calls[0].name, 'get_weather');
  assert.deepEqual(ai.tool_calls[0].args, { city: 'Oslo' });
  const answer = await withTools.invoke([question, ai,
    new ToolMessage({ tool_call_id: ai.tool_calls[0].id, content: 'Oslo is 22°C and sunny' })]);
  assert.match(String(answer.content), /The tool said: Oslo is 22°C and sunny/);
});

// Upstream failures cool the only account down, so each gets a stack of its own.
for (const [directive, ErrorClass, status] of [['[[status:429]]', OpenAI.RateLimitError, 429],
  ['[[status:500]]', OpenAI.InternalServerError, null]]) {
  test(`upstream ${directive} surfaces as ${ErrorClass.name}`, async () => {
    const own = await startStack({});
    try {
      const c = new OpenAI({ apiKey: API_KEY, baseURL: `${own.baseURL}/v1`, maxRetries: 0, timeout: 20000 });
      await assert.rejects(
        c.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: `fail ${directive}` }] }),
        (e) => e instanceof ErrorClass && (status === null || e.status === status) && typeof e.error?.type === 'string'
          && e.error.param === null,
      );
    } finally {
      assert.equal(await own.stop(), 0);
    }
  });
}
