// SPDX-License-Identifier: MIT
// EventStreamDecoder: framing, both CRC32s, all ten header types.
#include "kiro/eventstreamdecoder.h"

#include <QLoggingCategory>

#include "kiro/crc32.h"

Q_LOGGING_CATEGORY(lcDecoder, "kiro.kiro.decoder")

namespace {
quint32 readU32(const char *p)
{
    return (quint32(quint8(p[0])) << 24) | (quint32(quint8(p[1])) << 16) | (quint32(quint8(p[2])) << 8) |
           quint32(quint8(p[3]));
}
quint16 readU16(const char *p)
{
    return quint16((quint8(p[0]) << 8) | quint8(p[1]));
}
qint64 readI64(const char *p)
{
    return qint64((quint64(readU32(p)) << 32) | quint64(readU32(p + 4)));
}

/// The names and string values every Kiro frame repeats, shared instead of decoded again for each frame.
QString interned(const char *p, qsizetype n)
{
    static const QString common[] = {
        QStringLiteral(":message-type"),
        QStringLiteral(":event-type"),
        QStringLiteral(":content-type"),
        QStringLiteral(":exception-type"),
        QStringLiteral(":error-code"),
        QStringLiteral(":error-message"),
        QStringLiteral("event"),
        QStringLiteral("exception"),
        QStringLiteral("error"),
        QStringLiteral("application/json"),
        QStringLiteral("assistantResponseEvent"),
        QStringLiteral("toolUseEvent"),
        QStringLiteral("reasoningContentEvent"),
        QStringLiteral("meteringEvent"),
        QStringLiteral("contextUsageEvent"),
        QStringLiteral("metadataEvent"),
        QStringLiteral("messageMetadataEvent"),
    };
    const QByteArrayView bytes(p, n);
    for (const QString &s : common) {
        if (s.size() == n && QLatin1StringView(bytes) == s)
            return s;
    }
    return QString::fromUtf8(p, n);
}
} // namespace

QString EventStreamMessage::stringHeader(const QString &name) const
{
    for (const EventStreamHeader &h : headers) {
        if (h.name == name && h.type == EventStreamHeader::Type::String)
            return h.value.toString();
    }
    return {};
}

void EventStreamDecoder::reset()
{
    m_buffer.clear();
    m_offset = 0;
    m_failed = false;
    m_error.clear();
    m_consecutiveErrors = 0;
    m_resyncing = false;
    m_resyncBytes = 0;
}

void EventStreamDecoder::noteError(const QString &why)
{
    ++m_consecutiveErrors;
    m_error = why;
    qCDebug(lcDecoder) << "event-stream error:" << why;
    if (m_consecutiveErrors >= kMaxConsecutiveErrors) {
        m_failed = true;
        m_error = QStringLiteral("event stream is corrupt (%1 consecutive errors; last: %2)")
                      .arg(m_consecutiveErrors)
                      .arg(why);
    }
}

void EventStreamDecoder::compact()
{
    if (m_offset > 0 && (m_offset > 65536 || m_offset * 2 > m_buffer.size())) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
}

bool EventStreamDecoder::parseHeaders(QByteArrayView section, QList<EventStreamHeader> &out)
{
    const char *p = section.data();
    const char *end = p + section.size();
    while (p < end) {
        const quint8 nameLen = quint8(*p++);
        if (nameLen == 0 || end - p < nameLen + 1)
            return false;
        EventStreamHeader h;
        h.name = interned(p, nameLen);
        p += nameLen;
        const quint8 type = quint8(*p++);
        if (type > 9)
            return false;
        h.type = EventStreamHeader::Type(type);
        auto need = [&](qsizetype n) { return end - p >= n; };
        switch (h.type) {
        case EventStreamHeader::Type::BoolTrue:
            h.value = true;
            break;
        case EventStreamHeader::Type::BoolFalse:
            h.value = false;
            break;
        case EventStreamHeader::Type::Byte:
            if (!need(1))
                return false;
            h.value = int(qint8(*p));
            p += 1;
            break;
        case EventStreamHeader::Type::Short:
            if (!need(2))
                return false;
            h.value = int(qint16(readU16(p)));
            p += 2;
            break;
        case EventStreamHeader::Type::Integer:
            if (!need(4))
                return false;
            h.value = int(qint32(readU32(p)));
            p += 4;
            break;
        case EventStreamHeader::Type::Long:
        case EventStreamHeader::Type::Timestamp:
            if (!need(8))
                return false;
            h.value = qlonglong(readI64(p));
            p += 8;
            break;
        case EventStreamHeader::Type::Bytes:
        case EventStreamHeader::Type::String: {
            if (!need(2))
                return false;
            const quint16 len = readU16(p);
            p += 2;
            if (!need(len))
                return false;
            if (h.type == EventStreamHeader::Type::String)
                h.value = interned(p, len);
            else
                h.value = QByteArray(p, len);
            p += len;
            break;
        }
        case EventStreamHeader::Type::Uuid:
            if (!need(16))
                return false;
            h.value = QByteArray(p, 16);
            p += 16;
            break;
        }
        out.append(std::move(h));
    }
    return true;
}

QList<EventStreamMessage> EventStreamDecoder::feed(QByteArrayView bytes)
{
    QList<EventStreamMessage> out;
    if (m_failed)
        return out;
    if (bufferedBytes() + bytes.size() > qsizetype(kMaxMessageSize) + 16) {
        m_failed = true;
        m_error = QStringLiteral("event stream buffer exceeded %1 bytes").arg(kMaxMessageSize);
        return out;
    }
    m_buffer.append(bytes.data(), bytes.size());
    while (!m_failed) {
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 12)
            break;
        const char *p = m_buffer.constData() + m_offset;
        const quint32 total = readU32(p);
        const quint32 headersLen = readU32(p + 4);
        const quint32 preludeCrc = readU32(p + 8);
        if (Crc32::compute(QByteArrayView(p, 8)) != preludeCrc || total < 16 || total > kMaxMessageSize ||
            headersLen > total - 16) {
            // One resynchronisation (scanning forward byte by byte) counts as one error, however many bytes it skips.
            if (!m_resyncing)
                noteError(QStringLiteral("bad prelude at stream offset %1").arg(m_dropped + m_offset));
            m_resyncing = true;
            ++m_offset;
            ++m_dropped;
            if (++m_resyncBytes > qsizetype(kMaxMessageSize)) {
                m_failed = true;
                m_error = QStringLiteral("event stream is corrupt (no valid frame in %1 bytes)").arg(m_resyncBytes);
            }
            continue;
        }
        if (available < qsizetype(total))
            break;
        const quint32 messageCrc = readU32(p + total - 4);
        if (Crc32::compute(QByteArrayView(p, total - 4)) != messageCrc) {
            noteError(QStringLiteral("message CRC mismatch"));
            m_offset += total;
            m_dropped += total;
            continue;
        }
        EventStreamMessage message;
        if (!parseHeaders(QByteArrayView(p + 12, headersLen), message.headers)) {
            noteError(QStringLiteral("malformed header section"));
            m_offset += total;
            m_dropped += total;
            continue;
        }
        message.payload = QByteArray(p + 12 + headersLen, qsizetype(total - headersLen - 16));
        m_offset += total;
        m_consecutiveErrors = 0;
        m_resyncing = false;
        m_resyncBytes = 0;
        out.append(std::move(message));
    }
    compact();
    return out;
}
