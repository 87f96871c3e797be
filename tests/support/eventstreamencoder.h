// SPDX-License-Identifier: MIT
// EventStreamEncoder: builds AWS event-stream frames for tests (docs/protocol.md §16.2).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

class EventStreamEncoder
{
public:
    /// A frame with string headers in the given order.
    static QByteArray frame(const QList<QPair<QByteArray, QByteArray>> &stringHeaders, const QByteArray &payload);
    /// A frame with raw, already encoded header bytes.
    static QByteArray rawFrame(const QByteArray &headerBytes, const QByteArray &payload);
    static QByteArray event(const QByteArray &eventType, const QByteArray &jsonPayload);
    static QByteArray exception(const QByteArray &exceptionType, const QByteArray &jsonPayload);
    static QByteArray stringHeader(const QByteArray &name, const QByteArray &value);
};
