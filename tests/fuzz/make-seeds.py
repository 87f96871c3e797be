#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the seed corpora of tests/fuzz/corpus/<target>/ from the shapes the Qt tests and docs/protocol.md use.
# Run it again after changing it; scripts/fuzz copies the corpora and never writes here.
# Crash inputs that found bugs are kept next to these as corpus/<target>/crash-<what> (not written by this script).
import json
import os
import struct
import zlib

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)


# --- event_stream: AWS event-stream frames (docs/protocol.md §8, §16.2) -------------------------------------------

def string_header(name, value):
    name, value = name.encode(), value.encode()
    return bytes([len(name)]) + name + b"\x07" + struct.pack(">H", len(value)) + value


def frame(headers, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event(kind, payload):
    return frame(string_header(":message-type", "event") + string_header(":event-type", kind) +
                 string_header(":content-type", "application/json"), payload)


def exception(kind, payload):
    return frame(string_header(":message-type", "exception") + string_header(":exception-type", kind) +
                 string_header(":content-type", "application/json"), payload)


def error(code, message):
    return frame(string_header(":message-type", "error") + string_header(":error-code", code) +
                 string_header(":error-message", message), b"")


# The two golden frames of tst_eventstreamdecoder (docs/protocol.md §16.3).
write("event_stream", "golden-hi", bytes.fromhex(
    "0000007c0000005c3bddcf780d3a6d6573736167652d747970650700056576656e740b3a6576656e742d74797065070016617373697374616e74"
    "526573706f6e73654576656e740d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b22636f6e74656e74223a"
    "224869227d09f66f51"))
write("event_stream", "golden-throttle", bytes.fromhex(
    "0000008800000061de0175f40d3a6d6573736167652d74797065070009657863657074696f6e0f3a657863657074696f6e2d74797065070013"
    "5468726f74746c696e67457863657074696f6e0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b226d6573"
    "73616765223a22736c6f7720646f776e227d1f18242b"))
write("event_stream", "text-tool-metering", b"".join([
    event("assistantResponseEvent", '{"content":"Hello"}'),
    event("toolUseEvent", '{"name":"get_weather","toolUseId":"tooluse_1","input":"{\\"city\\":"}'),
    event("toolUseEvent", '{"name":"get_weather","toolUseId":"tooluse_1","input":"\\"Oslo\\"}","stop":true}'),
    event("meteringEvent", '{"unit":"credit","unitPlural":"credits","usage":0.0097}'),
    event("contextUsageEvent", '{"contextUsagePercentage":1.5}')]))
write("event_stream", "thinking-tags", b"".join([
    event("assistantResponseEvent", '{"content":"<thinking>Let me th"}'),
    event("assistantResponseEvent", '{"content":"ink.</thinking>\\n\\nThe answer is 4."}'),
    event("metadataEvent", '{"tokenUsage":{"uncachedInputTokens":12,"cacheReadInputTokens":3,'
                           '"cacheWriteInputTokens":0,"outputTokens":9}}')]))
write("event_stream", "reasoning-native", b"".join([
    event("reasoningContentEvent", '{"text":"step one"}'),
    event("reasoningContentEvent", '{"signature":"sig-abc"}'),
    event("reasoningContentEvent", '{"redactedContent":"cmVkYWN0ZWQ="}'),
    event("assistantResponseEvent", '{"content":"done"}')]))
write("event_stream", "wrapped-payloads", b"".join([
    event("assistantResponseEvent", '{"assistantResponseEvent":{"content":"wrapped"}}'),
    event("toolUseEvent", '{"toolUseEvent":{"name":"short_tool","toolUseId":"t2","input":{"a":1},"stop":true}}'),
    event("messageMetadataEvent", '{"stopReason":"MAX_TOKENS"}')]))
write("event_stream", "stop-sequence", b"".join([
    event("assistantResponseEvent", '{"content":"one two ST"}'),
    event("assistantResponseEvent", '{"content":"OP three"}')]))
write("event_stream", "structured-output", b"".join([
    event("toolUseEvent", '{"name":"StructuredOutput","toolUseId":"so_1","input":"{\\"name\\":"}'),
    event("toolUseEvent", '{"name":"StructuredOutput","toolUseId":"so_1","input":"\\"x\\"}","stop":true}')]))
write("event_stream", "content-length-exceeded", event("assistantResponseEvent", '{"content":"partial"}') +
      exception("ContentLengthExceededException", '{"message":"too long"}'))
write("event_stream", "invalid-state", event("invalidStateEvent", '{"reason":"INVALID_TOOL_USE","message":"bad"}'))
write("event_stream", "error-frame", error("InternalServerError", "boom"))
write("event_stream", "exception-type-in-payload",
      frame(string_header(":message-type", "exception"), '{"__type":"com.amazon#ServiceUnavailableException"}'))
write("event_stream", "context-full", event("contextUsageEvent", '{"contextUsagePercentage":100}'))
write("event_stream", "open-tool-cut", event("toolUseEvent", '{"name":"Bash","toolUseId":"t9","input":"{\\"comm"}'))
write("event_stream", "unknown-events", event("followupPromptEvent", '{"followupPrompt":{"content":"more?"}}') +
      event("codeReferenceEvent", '{"references":[]}') + event("assistantResponseEvent", "not json"))
all_types = b"".join([
    b"\x01t\x00", b"\x01f\x01", b"\x01b\x02\xfb", b"\x01s\x03\xff\xfe", b"\x01i\x04\x00\x01\x00\x00",
    b"\x01l\x05" + bytes.fromhex("0000000100000000"), b"\x01y\x06\x00\x02\xab\xcd", b"\x03str\x07\x00\x02ok",
    b"\x02ts\x08" + bytes.fromhex("0000018bcfe56800"), b"\x01u\x09" + bytes(range(16))])
write("event_stream", "all-header-types", frame(all_types, '{"content":"x"}'))
good = event("assistantResponseEvent", '{"content":"after"}')
bad = bytearray(event("assistantResponseEvent", '{"content":"corrupt"}'))
bad[-1] ^= 0xFF
write("event_stream", "bad-crc-then-good", bytes(bad) + good)
write("event_stream", "garbage-then-good", b"\x00\x00\x00\x05junkjunk" + good)

# --- messages: POST /v1/messages bodies (docs/protocol.md §5) -------------------------------------------------------

def req(name, **fields):
    body = {"model": "claude-sonnet-4-5-20250929", "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Hello"}]}
    body.update(fields)
    write("messages", name, json.dumps(body, separators=(",", ":")))


req("minimal")
req("stream-system-string", stream=True, system="You are terse.", temperature=0.2, top_p=0.9, top_k=40,
    stop_sequences=["\n\nHuman:", "END"], metadata={"user_id": "user_abc_account__session_0d3c9a3e-1b2f-4c5d-8e9f-0a1b2c3d4e5f"})
req("system-blocks-cache", system=[{"type": "text", "text": "Rules", "cache_control": {"type": "ephemeral"}}],
    model="claude-opus-4-1")
req("tools-roundtrip", tools=[
        {"name": "get_weather", "description": "Weather for a city",
         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
        {"name": "x" * 80, "description": "a long name", "input_schema": {"type": "object", "properties": {}}}],
    tool_choice={"type": "auto", "disable_parallel_tool_use": True},
    messages=[{"role": "user", "content": "Weather in Oslo?"},
              {"role": "assistant", "content": [{"type": "text", "text": "Checking."},
                                                {"type": "tool_use", "id": "toolu_1", "name": "get_weather",
                                                 "input": {"city": "Oslo"}}]},
              {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                            "content": [{"type": "text", "text": "12 C"}]}]}])
req("tool-result-string-error", messages=[
    {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "Bash", "input": {"command": "ls"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "is_error": True, "content": "denied"}]}])
req("orphan-tool-result", messages=[
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "missing", "content": "x"}]}])
req("thinking-enabled", thinking={"type": "enabled", "budget_tokens": 30000}, messages=[
    {"role": "user", "content": "2+2?"},
    {"role": "assistant", "content": [{"type": "thinking", "thinking": "add", "signature": "sig"},
                                      {"type": "redacted_thinking", "data": "abc"},
                                      {"type": "text", "text": "4"}]},
    {"role": "user", "content": "and 3+3?"}])
req("thinking-adaptive-effort", model="claude-opus-4-5-thinking", thinking={"type": "adaptive"},
    output_config={"effort": "high"})
req("structured-output", output_config={"format": {"type": "json_schema", "schema": {
    "type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}},
    "required": ["name"], "additionalProperties": False}}})
req("image-document", messages=[{"role": "user", "content": [
    {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                 "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}},
    {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
    {"type": "document", "title": "notes", "source": {"type": "text", "media_type": "text/plain", "data": "plain text"}},
    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK"}},
    {"type": "text", "text": "Describe these."}]}])
req("web-search", tools=[{"type": "web_search_20250305", "name": "web_search", "max_uses": 3}],
    messages=[{"role": "user", "content": "Perform a web search for the query: Qt 6.4 release"}])
req("server-tools-history", tools=[{"type": "bash_20250124", "name": "bash"},
                                   {"type": "text_editor_20250124", "name": "str_replace_editor"}],
    messages=[{"role": "user", "content": "hi"},
              {"role": "assistant", "content": [
                  {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "q"}},
                  {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": []},
                  {"type": "text", "text": "found"}]},
              {"role": "user", "content": [{"type": "container_upload", "file_id": "f"}, {"type": "text", "text": "x"}]}])
req("system-role-in-messages", messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"},
                                         {"role": "assistant", "content": "hello"}, {"role": "assistant", "content": "again"}])
req("tool-choice-tool", tool_choice={"type": "tool", "name": "get_weather"},
    tools=[{"name": "get_weather", "input_schema": {"type": "object", "anyOf": [{"type": "null"}, {"type": "object"}]}}])
req("model-alias-dated", model="claude-3-7-sonnet-20250219")
req("model-unknown", model="gpt-4o")
write("messages", "count-tokens", '{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"count me"}]}')
write("messages", "not-json", "{\"model\":")
with open(os.path.join(os.path.dirname(root), "..", "e2e", "fixtures", "claude-code-2.1-request.json"), "rb") as f:
    write("messages", "claude-code-2.1", f.read())

# --- credentials: pasted credential JSON in every spelling (tst_credentialimporter, docs/protocol.md §3.1) ---------

tok = "aorAAAAAG" + "x" * 120
write("credentials", "kiro-ide-export", json.dumps({"email": "a@x.com", "provider": "Github", "refreshToken": tok}))
write("credentials", "builder-id", json.dumps({"provider": "BuilderId", "refreshToken": tok, "clientId": "c",
                                               "clientSecret": "s", "region": "us-east-1"}))
write("credentials", "enterprise-no-secret", json.dumps({"provider": "Enterprise", "refreshToken": tok, "clientId": "c"}))
write("credentials", "label-expiry", json.dumps({"label": "Work", "refreshToken": tok, "authMethod": "social",
                                                 "expiresAt": "2026-01-01T00:00:00Z", "accessToken": "acc",
                                                 "profileArn": "arn:aws:codewhisperer:us-east-1:1:profile/P"}))
write("credentials", "snake-case-pool", json.dumps([{"id": "x", "name": "pool", "refresh_token": tok,
                                                     "auth_method": "social", "expires_at": 1767225600000,
                                                     "client_id": "c", "client_secret": "s", "auth_region": "eu-west-1",
                                                     "api_region": "us-east-1", "machine_id": "ab" * 32}]))
write("credentials", "accounts-wrapper", json.dumps({"accounts": [{"refreshToken": tok}, {"refreshToken": tok + "2"}]}))
write("credentials", "data-wrapper-duplicate", json.dumps({"data": [{"refreshToken": tok}, {"refreshToken": tok}]}))
write("credentials", "json-in-string", json.dumps([json.dumps({"refreshToken": tok, "authMethod": "IdC"})]))
write("credentials", "kiro-auth-token", json.dumps({"accessToken": "a", "refreshToken": tok, "authMethod": "IdC",
                                                    "provider": "Enterprise", "clientIdHash": "abc123",
                                                    "region": "eu-central-1", "expiresAt": "2025-07-01T10:00:00.000Z"}))
write("credentials", "truncated-token", '{"refreshToken":"aorAAAA...xyz"}')
write("credentials", "external-idp", json.dumps({"provider": "ExternalIdp", "refreshToken": tok}))
write("credentials", "missing-token", '{"email":"a@x.com"}')
write("credentials", "not-json", '{"refreshToken": ')

# --- config: config.json variants (tst_config, the SettingDescriptor table) -----------------------------------------

write("config", "empty", "{}")
write("config", "server", '{"port": 1111, "region": "eu-central-1", "host": "127.0.0.1", "apiKey": "k", "maxBodyMiB": 64}')
write("config", "everything", json.dumps({
    "host": "0.0.0.0", "port": 8990, "apiKey": "sk-1", "adminApiKey": "adm", "maxBodyMiB": 32, "region": "us-east-1",
    "kiroVersion": "0.11.107", "machineId": "ab" * 32, "systemVersion": "darwin#24.6.0", "nodeVersion": "22.22.0",
    "agentMode": "vibe", "apiEndpoint": "https://q.{region}.amazonaws.com",
    "socialAuthEndpoint": "https://prod.{region}.auth.desktop.kiro.dev", "idcAuthEndpoint": "https://oidc.{region}.amazonaws.com/",
    "proxyUrl": "socks5://user:pw@127.0.0.1:1080", "proxyUsername": "u", "proxyPassword": "p", "connectTimeoutMs": 30000,
    "firstByteTimeoutMs": 90000, "idleTimeoutMs": 300000, "pingIntervalMs": 15000, "maxUpstreamRetries": 2,
    "modelAliases": {"fast": "claude-haiku-4.5", "smart": "claude-opus-4.5"}, "poolMode": True, "strategy": "least-used",
    "sessionStickiness": False, "cooldownMinutes": 5, "cooldownScanMinutes": 15, "exhaustedScanMinutes": 60,
    "quotaRefreshMinutes": 30, "modelListRefreshMinutes": 60, "secretStore": "file", "logSize": 1000,
    "language": "zh_CN", "startAtLogin": True}))
write("config", "environment-names", '{"PORT": "8080", "POOL_MODE": "yes", "KIRO_API_ENDPOINT": "http://127.0.0.1:9/{region}",'
                                     ' "STRATEGY": "random", "PROXY_URL": "direct", "HOST": "localhost"}')
write("config", "unknown-key", '{"futureKey": {"x": 1}, "port": 1234}')
write("config", "bad-port-string", '{"port":"eighty"}')
write("config", "bad-port-range", '{"port":70000}')
write("config", "bad-bool", '{"poolMode":"yes"}')
write("config", "bad-endpoint", '{"apiEndpoint":"q.example"}')
write("config", "bad-proxy", '{"proxyUrl":"ftp://p:1"}')
write("config", "bad-host", '{"host":"my machine"}')
write("config", "alias-not-string", '{"modelAliases":{"a":1}}')
write("config", "ipv6-host", '{"host":"::1","port":0}')
