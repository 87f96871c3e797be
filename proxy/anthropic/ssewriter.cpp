// SPDX-License-Identifier: MIT
// SseWriter: SSE framing.
#include "anthropic/ssewriter.h"

#include <QJsonDocument>

QByteArray SseWriter::encode(const SseEvent &event)
{
    return "event: " + event.name + "\ndata: " + QJsonDocument(event.data).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray SseWriter::ping()
{
    return QByteArrayLiteral("event: ping\ndata: {\"type\":\"ping\"}\n\n");
}

SseEvent SseWriter::errorEvent(const ApiError &error)
{
    return SseEvent{QByteArrayLiteral("error"), error.toJson()};
}
