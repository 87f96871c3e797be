// SPDX-License-Identifier: MIT
// HttpRequestParser: an incremental HTTP/1.0 and HTTP/1.1 request parser with hard limits. No I/O.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <utility>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// The first value of header `name` (case-insensitive), empty when absent.
QByteArray httpHeaderValue(const HttpHeaders &headers, const QByteArray &name);

/// The request line and header fields of one request, as sent, plus what they mean for framing.
struct HttpRequestHead
{
    QByteArray method;
    QByteArray target;    ///< the request-target as sent: "/v1/messages?beta=true", "*", or an absolute URL
    int minorVersion = 1; ///< HTTP/1.<minorVersion>
    HttpHeaders headers;
    qint64 contentLength = 0; ///< 0 when there is no body or it is chunked
    bool chunked = false;
    bool expectContinue = false;
    bool keepAlive = true; ///< HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive"

    QByteArray header(const QByteArray &name) const { return httpHeaderValue(headers, name); }
    bool hasBody() const { return chunked || contentLength > 0; }
};

/// Parses requests from the front of a connection's input buffer, one at a time:
/// request line and headers (parse() returns Head), then the body by Content-Length or chunked encoding (Done).
/// Anything malformed, too large or not HTTP ends in Failed with the status to answer (or none: close at once).
class HttpRequestParser
{
public:
    enum class Status { NeedMore, Head, Done, Failed };
    struct Failure
    {
        int status = 0;    ///< 400, 413, 431, 501, 505; 0 = not HTTP at all (a TLS hello): close without an answer
        QByteArray reason; ///< for the error message
    };

    static constexpr qsizetype kDefaultMaxHeadBytes = 64 * 1024;
    static constexpr int kDefaultMaxHeaders = 100;

    explicit HttpRequestParser(qsizetype maxHeadBytes = kDefaultMaxHeadBytes, int maxHeaders = kDefaultMaxHeaders);

    /// Consumes what it can from the front of `input`. After Head, call parse() again to read the body; after Done,
    /// takeBody() and then reset() before the next request. Failed is final.
    Status parse(QByteArray &input);
    /// The largest body accepted; a longer chunked body fails with 413 (a Content-Length is judged by the caller).
    void setBodyLimit(qint64 bytes) { m_bodyLimit = bytes; }
    const HttpRequestHead &head() const { return m_head; }
    QByteArray takeBody() { return std::exchange(m_body, QByteArray()); }
    /// True between requests: nothing of the next one has been consumed yet.
    bool idle() const { return m_state == State::Head && m_headBytes == 0; }
    const Failure &failure() const { return m_failure; }
    /// Ready for the next request on the same connection.
    void reset();

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };
    Status fail(int status, const char *reason);
    Status parseHead(const QByteArray &input, qsizetype &pos);
    Status parseBody(const QByteArray &input, qsizetype &pos);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    Status finishHead();

    qsizetype m_maxHeadBytes;
    int m_maxHeaders;
    qint64 m_bodyLimit = 32 * 1024 * 1024;
    State m_state = State::Head;
    HttpRequestHead m_head;
    QByteArray m_body;
    qsizetype m_headBytes = 0; ///< head bytes consumed for this request
    bool m_sawRequestLine = false;
    qint64 m_remaining = 0;  ///< body or chunk bytes still to read
    qsizetype m_scanned = 0; ///< bytes at the front of the input already known to hold no newline
    Failure m_failure;
};
