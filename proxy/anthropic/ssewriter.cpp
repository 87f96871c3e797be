// SPDX-License-Identifier: MIT
// SseWriter: SSE framing.
#include "anthropic/ssewriter.h"

QByteArray SseWriter::encode(const SseEvent &event)
{
    QByteArray out;
    appendTo(out, event);
    return out;
}

void SseWriter::appendTo(QByteArray &out, const SseEvent &event)
{
    out.append("event: ");
    out.append(event.name);
    out.append("\ndata: ");
    Json::append(out, event.data);
    out.append("\n\n");
}

QByteArray SseWriter::ping()
{
    return QByteArrayLiteral("event: ping\ndata: {\"type\":\"ping\"}\n\n");
}

SseEvent SseWriter::errorEvent(const ApiError &error)
{
    return SseEvent{QByteArrayLiteral("error"), JsonObject::fromQJsonObject(error.toJson())};
}
