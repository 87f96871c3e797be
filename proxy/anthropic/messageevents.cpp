// SPDX-License-Identifier: MIT
// MessageEvents: JSON shapes of docs.claude.com "Streaming Messages" (docs/protocol.md §9.2).
#include "anthropic/messageevents.h"

#include <QUuid>

namespace MessageEvents {

JsonObject usage(qint64 inputTokens, qint64 outputTokens)
{
    return JsonObject{{QStringLiteral("input_tokens"), inputTokens},
                      {QStringLiteral("output_tokens"), outputTokens},
                      {QStringLiteral("cache_creation_input_tokens"), 0},
                      {QStringLiteral("cache_read_input_tokens"), 0}};
}

SseEvent messageStart(const QString &messageId, const QString &model, qint64 inputTokens)
{
    const JsonObject message{{QStringLiteral("id"), messageId},
                             {QStringLiteral("type"), QStringLiteral("message")},
                             {QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), JsonArray()},
                             {QStringLiteral("model"), model},
                             {QStringLiteral("stop_reason"), JsonValue()},
                             {QStringLiteral("stop_sequence"), JsonValue()},
                             {QStringLiteral("usage"), usage(std::max<qint64>(1, inputTokens), 1)}};
    return {QByteArrayLiteral("message_start"), JsonObject{{QStringLiteral("type"), QStringLiteral("message_start")},
                                                           {QStringLiteral("message"), message}}};
}

SseEvent blockStart(int index, const JsonObject &block)
{
    return {QByteArrayLiteral("content_block_start"),
            JsonObject{{QStringLiteral("type"), QStringLiteral("content_block_start")},
                       {QStringLiteral("index"), index},
                       {QStringLiteral("content_block"), block}}};
}

SseEvent blockDelta(int index, const JsonObject &delta)
{
    return {QByteArrayLiteral("content_block_delta"),
            JsonObject{{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                       {QStringLiteral("index"), index},
                       {QStringLiteral("delta"), delta}}};
}

SseEvent textDelta(int index, const QString &text)
{
    return blockDelta(
        index, JsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")}, {QStringLiteral("text"), text}});
}

SseEvent thinkingDelta(int index, const QString &thinking)
{
    return blockDelta(index, JsonObject{{QStringLiteral("type"), QStringLiteral("thinking_delta")},
                                        {QStringLiteral("thinking"), thinking}});
}

SseEvent blockStop(int index)
{
    return {
        QByteArrayLiteral("content_block_stop"),
        JsonObject{{QStringLiteral("type"), QStringLiteral("content_block_stop")}, {QStringLiteral("index"), index}}};
}

SseEvent messageDelta(const QString &stopReason, const JsonValue &stopSequence, const JsonObject &usageObject)
{
    return {QByteArrayLiteral("message_delta"),
            JsonObject{{QStringLiteral("type"), QStringLiteral("message_delta")},
                       {QStringLiteral("delta"), JsonObject{{QStringLiteral("stop_reason"), stopReason},
                                                            {QStringLiteral("stop_sequence"), stopSequence}}},
                       {QStringLiteral("usage"), usageObject}}};
}

SseEvent messageStop()
{
    return {QByteArrayLiteral("message_stop"), JsonObject{{QStringLiteral("type"), QStringLiteral("message_stop")}}};
}

QString newMessageId()
{
    return QStringLiteral("msg_") + QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace MessageEvents
