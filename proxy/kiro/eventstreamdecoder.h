// SPDX-License-Identifier: MIT
// EventStreamDecoder: incremental AWS event-stream decoder with CRC checks and resynchronisation (§8).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVariant>

struct EventStreamHeader
{
    enum class Type : quint8 { BoolTrue = 0, BoolFalse, Byte, Short, Integer, Long, Bytes, String, Timestamp, Uuid };
    QString name;
    Type type = Type::String;
    QVariant value; ///< bool, int, qlonglong, QByteArray (bytes, uuid), QString (string), qlonglong ms (timestamp)

    friend bool operator==(const EventStreamHeader &a, const EventStreamHeader &b)
    {
        return a.name == b.name && a.type == b.type && a.value == b.value;
    }
    friend bool operator!=(const EventStreamHeader &a, const EventStreamHeader &b) { return !(a == b); }
};

struct EventStreamMessage
{
    QList<EventStreamHeader> headers;
    QByteArray payload;
    /// The string value of a header, empty when absent or not a string.
    QString stringHeader(const QString &name) const;

    friend bool operator==(const EventStreamMessage &a, const EventStreamMessage &b)
    {
        return a.payload == b.payload && a.headers == b.headers;
    }
    friend bool operator!=(const EventStreamMessage &a, const EventStreamMessage &b) { return !(a == b); }
};

/// Feed bytes in any split; complete messages come out in order. Corrupt input is skipped the way §8.4 says:
/// a bad prelude drops one byte and retries, a bad message CRC skips the whole message; after five consecutive
/// errors the decoder gives up (failed() is true) until reset().
class EventStreamDecoder
{
public:
    static constexpr quint32 kMaxMessageSize = 16 * 1024 * 1024;
    static constexpr int kMaxConsecutiveErrors = 5;

    QList<EventStreamMessage> feed(QByteArrayView bytes);
    bool failed() const { return m_failed; }
    QString errorString() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }
    void reset();

    /// Parses the header section of one message; false on malformed headers.
    static bool parseHeaders(QByteArrayView section, QList<EventStreamHeader> &out);

private:
    void noteError(const QString &why);
    void compact();

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    bool m_failed = false;
    QString m_error;
    int m_consecutiveErrors = 0;
    bool m_resyncing = false;
    qsizetype m_resyncBytes = 0;
    qint64 m_dropped = 0;
};
