// SPDX-License-Identifier: MIT
// MessageEvents: the Anthropic streaming events, built in one place (message_start … message_stop).
#pragma once

#include "common/json.h"
#include <QString>

#include "anthropic/sseevent.h"

namespace MessageEvents {

/// {"input_tokens","output_tokens","cache_creation_input_tokens":0,"cache_read_input_tokens":0} — the cache fields
/// are always present and always 0: Kiro reports no cache use and nothing is invented.
JsonObject usage(qint64 inputTokens, qint64 outputTokens);
SseEvent messageStart(const QString &messageId, const QString &model, qint64 inputTokens);
SseEvent blockStart(int index, const JsonObject &block);
SseEvent blockDelta(int index, const JsonObject &delta);
SseEvent textDelta(int index, const QString &text);
SseEvent thinkingDelta(int index, const QString &thinking);
SseEvent blockStop(int index);
SseEvent messageDelta(const QString &stopReason, const JsonValue &stopSequence, const JsonObject &usage);
SseEvent messageStop();
/// "msg_" + 32 hex digits.
QString newMessageId();

} // namespace MessageEvents
