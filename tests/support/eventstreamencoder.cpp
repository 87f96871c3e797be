// SPDX-License-Identifier: MIT
// EventStreamEncoder: big-endian prelude, both CRC32s.
#include "eventstreamencoder.h"

#include <QtEndian>

#include "kiro/crc32.h"

namespace {
QByteArray u32(quint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, b.data());
    return b;
}
} // namespace

QByteArray EventStreamEncoder::stringHeader(const QByteArray &name, const QByteArray &value)
{
    QByteArray out;
    out.append(char(name.size()));
    out.append(name);
    out.append(char(7));
    out.append(char((value.size() >> 8) & 0xFF));
    out.append(char(value.size() & 0xFF));
    out.append(value);
    return out;
}

QByteArray EventStreamEncoder::rawFrame(const QByteArray &headers, const QByteArray &payload)
{
    const quint32 total = quint32(12 + headers.size() + payload.size() + 4);
    QByteArray prelude = u32(total) + u32(quint32(headers.size()));
    QByteArray message = prelude + u32(Crc32::compute(prelude)) + headers + payload;
    return message + u32(Crc32::compute(message));
}

QByteArray EventStreamEncoder::frame(const QList<QPair<QByteArray, QByteArray>> &stringHeaders,
                                     const QByteArray &payload)
{
    QByteArray headers;
    for (const auto &h : stringHeaders)
        headers += stringHeader(h.first, h.second);
    return rawFrame(headers, payload);
}

QByteArray EventStreamEncoder::event(const QByteArray &eventType, const QByteArray &jsonPayload)
{
    return frame({{":message-type", "event"}, {":event-type", eventType}, {":content-type", "application/json"}},
                 jsonPayload);
}

QByteArray EventStreamEncoder::exception(const QByteArray &exceptionType, const QByteArray &jsonPayload)
{
    return frame(
        {{":message-type", "exception"}, {":exception-type", exceptionType}, {":content-type", "application/json"}},
        jsonPayload);
}
