// SPDX-License-Identifier: MIT
// KiroEvent: typed events from decoded frames; payloads bare or wrapped, tool input as string or object.
#include "kiro/kiroevent.h"

#include "common/json.h"

#include "common/jsonnumber.h"
#include "kiro/eventstreamdecoder.h"

namespace {

JsonObject unwrap(const JsonObject &payload, const QString &eventType)
{
    const JsonValue inner = payload.value(eventType);
    if (inner.isObject())
        return inner.toObject();
    return payload;
}

QString messageOf(const JsonObject &o)
{
    for (const char *key : {"message", "Message", "errorMessage"}) {
        const QString v = o.value(QLatin1String(key)).toString();
        if (!v.isEmpty())
            return v;
    }
    return {};
}

} // namespace

KiroEvent KiroEvent::fromMessage(const EventStreamMessage &message)
{
    KiroEvent e;
    QString messageType = message.stringHeader(QStringLiteral(":message-type"));
    if (messageType.isEmpty())
        messageType = QStringLiteral("event");
    QJsonParseError parseError;
    const JsonValue doc = Json::parse(message.payload, &parseError);
    const JsonObject payload = doc.toObject();

    if (messageType == QLatin1String("exception")) {
        e.kind = Kind::Exception;
        e.exceptionType = message.stringHeader(QStringLiteral(":exception-type"));
        if (e.exceptionType.isEmpty())
            e.exceptionType = payload.value(QStringLiteral("__type")).toString().section(QLatin1Char('#'), -1);
        e.eventType = e.exceptionType;
        e.message = messageOf(payload);
        if (e.message.isEmpty())
            e.message = QString::fromUtf8(message.payload.left(500));
        e.reason = payload.value(QStringLiteral("reason")).toString();
        return e;
    }
    if (messageType == QLatin1String("error")) {
        e.kind = Kind::Error;
        e.errorCode = message.stringHeader(QStringLiteral(":error-code"));
        e.eventType = e.errorCode;
        e.message = message.stringHeader(QStringLiteral(":error-message"));
        if (e.message.isEmpty())
            e.message = messageOf(payload);
        return e;
    }

    e.eventType = message.stringHeader(QStringLiteral(":event-type"));
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return e; // Ignored: unusable payload
    const JsonObject o = unwrap(payload, e.eventType);

    if (e.eventType == QLatin1String("assistantResponseEvent")) {
        const JsonValue content = o.value(QStringLiteral("content"));
        if (!content.isString())
            return e;
        e.kind = Kind::AssistantResponse;
        e.text = content.toString();
    } else if (e.eventType == QLatin1String("toolUseEvent")) {
        e.kind = Kind::ToolUse;
        e.toolUseId = o.value(QStringLiteral("toolUseId")).toString();
        e.toolName = o.value(QStringLiteral("name")).toString();
        const JsonValue input = o.value(QStringLiteral("input"));
        if (input.isString())
            e.toolInput = input.toString();
        else if (input.isObject())
            e.toolInput = QString::fromUtf8(Json::write(input));
        e.toolStop = o.value(QStringLiteral("stop")).toBool(false);
        if (e.toolUseId.isEmpty())
            e.kind = Kind::Ignored;
    } else if (e.eventType == QLatin1String("contextUsageEvent")) {
        const JsonValue pct = o.value(QStringLiteral("contextUsagePercentage"));
        if (!pct.isDouble())
            return e;
        e.kind = Kind::ContextUsage;
        e.contextUsagePercentage = pct.toDouble();
    } else if (e.eventType == QLatin1String("meteringEvent")) {
        e.kind = Kind::Metering;
        e.meteringUsage = o.value(QStringLiteral("usage")).toDouble();
    } else if (e.eventType == QLatin1String("metadataEvent") || e.eventType == QLatin1String("messageMetadataEvent")) {
        const JsonObject usage = o.value(QStringLiteral("tokenUsage")).toObject();
        e.stopReason = o.value(QStringLiteral("stopReason")).toString();
        if (usage.isEmpty() && e.stopReason.isEmpty())
            return e;
        e.kind = Kind::Metadata;
        if (!usage.isEmpty()) {
            e.hasTokenUsage = true;
            e.cacheReadTokens = JsonNumber::toCount(usage.value(QStringLiteral("cacheReadInputTokens")).toDouble());
            e.cacheWriteTokens = JsonNumber::toCount(usage.value(QStringLiteral("cacheWriteInputTokens")).toDouble());
            e.inputTokens =
                JsonNumber::toCount(usage.value(QStringLiteral("uncachedInputTokens")).toDouble()) + e.cacheReadTokens;
            e.outputTokens = JsonNumber::toCount(usage.value(QStringLiteral("outputTokens")).toDouble());
        }
    } else if (e.eventType == QLatin1String("reasoningContentEvent")) {
        e.kind = Kind::Reasoning;
        e.text = o.value(QStringLiteral("text")).toString();
        e.signature = o.value(QStringLiteral("signature")).toString();
        e.redactedContent = o.value(QStringLiteral("redactedContent")).toString();
    } else if (e.eventType == QLatin1String("invalidStateEvent")) {
        e.kind = Kind::InvalidState;
        e.reason = o.value(QStringLiteral("reason")).toString();
        e.message = messageOf(o);
    }
    return e;
}
