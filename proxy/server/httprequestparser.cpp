// SPDX-License-Identifier: MIT
// HttpRequestParser: RFC 9112 request framing — request line, header fields, Content-Length and chunked bodies.
#include "server/httprequestparser.h"

namespace {

constexpr qsizetype kMaxMethod = 32;
constexpr qsizetype kMaxChunkSizeLine = 1024;

bool isTchar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// A line without its terminator: LF, or CR LF.
QByteArray lineAt(const QByteArray &input, qsizetype from, qsizetype newline)
{
    qsizetype end = newline;
    if (end > from && input.at(end - 1) == '\r')
        --end;
    return input.mid(from, end - from);
}

QByteArray trimmedOws(const QByteArray &s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && (s.at(begin) == ' ' || s.at(begin) == '\t'))
        ++begin;
    while (end > begin && (s.at(end - 1) == ' ' || s.at(end - 1) == '\t'))
        --end;
    return s.mid(begin, end - begin);
}

} // namespace

QByteArray httpHeaderValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpRequestParser::HttpRequestParser(qsizetype maxHeadBytes, int maxHeaders)
    : m_maxHeadBytes(maxHeadBytes)
    , m_maxHeaders(maxHeaders)
{}

void HttpRequestParser::reset()
{
    m_state = State::Head;
    m_head = HttpRequestHead();
    m_body.clear();
    m_headBytes = 0;
    m_sawRequestLine = false;
    m_remaining = 0;
    m_scanned = 0;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const char *reason)
{
    m_state = State::Failed;
    m_failure = Failure{status, QByteArray(reason)};
    return Status::Failed;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArray &input)
{
    qsizetype pos = 0;
    Status status;
    switch (m_state) {
    case State::Failed:
        return Status::Failed;
    case State::Done:
        return Status::Done;
    case State::Head:
        status = parseHead(input, pos);
        break;
    default:
        status = parseBody(input, pos);
        break;
    }
    // One removal per call: a body that arrived with its head is not moved once per header line.
    if (pos >= input.size())
        input.clear();
    else if (pos > 0)
        input.remove(0, pos);
    return status;
}

HttpRequestParser::Status HttpRequestParser::parseHead(const QByteArray &input, qsizetype &pos)
{
    // The front of the input that an earlier call already searched for a newline (a line still arriving): a client
    // that sends its head a byte at a time costs linear, not quadratic, time.
    qsizetype skip = std::exchange(m_scanned, 0);
    for (;;) {
        if (!m_sawRequestLine && pos < input.size()) {
            const char first = input.at(pos);
            // A TLS ClientHello (0x16) or an SSLv2 hello (high bit set) on the plain port: not ours to answer.
            if (first == '\x16' || (static_cast<unsigned char>(first) & 0x80))
                return fail(0, "not HTTP");
            if (first != '\r' && first != '\n' && !isTchar(first))
                return fail(400, "malformed request line");
        }
        const qsizetype newline = input.indexOf('\n', pos + std::exchange(skip, 0));
        if (newline < 0) {
            const qsizetype pending = input.size() - pos;
            // The method is judged before the size, so that where the reads fall never changes the answer.
            if (!m_sawRequestLine && pending > 0 && input.at(pos) != '\r') {
                // Judge a request line's method as soon as it is there, rather than waiting for a newline that a
                // garbage stream never sends.
                qsizetype i = pos;
                while (i < input.size() && i - pos <= kMaxMethod && isTchar(input.at(i)))
                    ++i;
                if (i < input.size() && (i - pos > kMaxMethod || input.at(i) != ' '))
                    return fail(400, "malformed request line");
                if (i - pos > kMaxMethod)
                    return fail(400, "malformed request line");
            }
            if (m_headBytes + pending > m_maxHeadBytes)
                return fail(431, "request header fields too large");
            m_scanned = pending;
            return Status::NeedMore;
        }
        m_headBytes += newline + 1 - pos;
        if (m_headBytes > m_maxHeadBytes)
            return fail(431, "request header fields too large");
        const QByteArray line = lineAt(input, pos, newline);
        pos = newline + 1;

        if (!m_sawRequestLine) {
            if (line.isEmpty())
                continue; // empty lines before a request line are ignored (RFC 9112 §2.2)
            if (!parseRequestLine(line))
                return Status::Failed;
            m_sawRequestLine = true;
            continue;
        }
        if (line.isEmpty())
            return finishHead();
        if (line.at(0) == ' ' || line.at(0) == '\t')
            return fail(400, "obsolete line folding in a header field");
        if (m_head.headers.size() >= m_maxHeaders)
            return fail(431, "too many header fields");
        if (!parseHeaderLine(line))
            return Status::Failed;
    }
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
        fail(400, "malformed request line");
        return false;
    }
    const QByteArray method = line.left(sp1);
    const QByteArray target = line.mid(sp1 + 1, sp2 - sp1 - 1);
    const QByteArray version = line.mid(sp2 + 1);
    if (method.size() > kMaxMethod || !isToken(method) || target.isEmpty()) {
        fail(400, "malformed request line");
        return false;
    }
    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) {
            fail(400, "malformed request target");
            return false;
        }
    }
    const bool originForm = target.startsWith('/');
    const bool asterisk = target == "*";
    const bool absoluteForm = target.startsWith("http://") || target.startsWith("https://");
    if (!originForm && !asterisk && !absoluteForm) {
        fail(400, "malformed request target");
        return false;
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version.at(5)) || version.at(6) != '.' ||
        !isDigit(version.at(7))) {
        fail(400, "malformed HTTP version");
        return false;
    }
    if (version.at(5) != '1') {
        fail(505, "HTTP version not supported; use HTTP/1.1");
        return false;
    }
    m_head.method = method;
    m_head.target = target;
    m_head.minorVersion = version.at(7) == '0' ? 0 : 1; // 1.2 and later minors are answered as 1.1
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(400, "malformed header field");
        return false;
    }
    const QByteArray name = line.left(colon);
    if (!isToken(name)) {
        fail(400, "malformed header field name");
        return false;
    }
    const QByteArray value = trimmedOws(line.mid(colon + 1));
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) {
            fail(400, "control character in a header field");
            return false;
        }
    }
    m_head.headers.append({name, value});
    return true;
}

HttpRequestParser::Status HttpRequestParser::finishHead()
{
    int hosts = 0;
    bool sawLength = false;
    qint64 length = 0;
    QList<QByteArray> codings;
    bool askedClose = false;
    bool askedKeepAlive = false;
    for (const auto &h : std::as_const(m_head.headers)) {
        const QByteArray &name = h.first;
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            const QByteArray &v = h.second;
            if (v.isEmpty() || v.size() > 18) {
                fail(400, "invalid Content-Length");
                return Status::Failed;
            }
            qint64 n = 0;
            for (const char c : v) {
                if (!isDigit(c)) {
                    fail(400, "invalid Content-Length");
                    return Status::Failed;
                }
                n = n * 10 + (c - '0');
            }
            if (sawLength && n != length) {
                fail(400, "conflicting Content-Length fields");
                return Status::Failed;
            }
            sawLength = true;
            length = n;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &coding : h.second.split(',')) {
                const QByteArray c = trimmedOws(coding).toLower();
                if (!c.isEmpty())
                    codings.append(c);
            }
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &option : h.second.split(',')) {
                const QByteArray o = trimmedOws(option).toLower();
                askedClose = askedClose || o == "close";
                askedKeepAlive = askedKeepAlive || o == "keep-alive";
            }
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            m_head.expectContinue = h.second.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it.
    m_head.keepAlive = !askedClose && (m_head.minorVersion == 1 || askedKeepAlive);
    if (hosts > 1 || (hosts == 0 && m_head.minorVersion == 1)) {
        fail(400, hosts ? "more than one Host field" : "missing Host field");
        return Status::Failed;
    }
    if (!codings.isEmpty()) {
        if (sawLength) {
            fail(400, "both Transfer-Encoding and Content-Length");
            return Status::Failed;
        }
        if (codings.size() != 1 || codings.constFirst() != "chunked") {
            fail(501, "unsupported transfer coding; only chunked is understood");
            return Status::Failed;
        }
        m_head.chunked = true;
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_head.contentLength = length;
        m_remaining = length;
        m_state = State::Body;
    } else {
        m_state = State::Done;
    }
    return Status::Head;
}

HttpRequestParser::Status HttpRequestParser::parseBody(const QByteArray &input, qsizetype &pos)
{
    qsizetype skip = std::exchange(m_scanned, 0); // as in parseHead, for chunk-size and trailer lines
    for (;;) {
        switch (m_state) {
        case State::Done:
            return Status::Done;
        case State::Body:
        case State::ChunkData: {
            if (m_state == State::Body && m_head.contentLength > m_bodyLimit)
                return fail(413, "request body too large");
            const qint64 take = qMin<qint64>(m_remaining, input.size() - pos);
            if (take > 0) {
                if (m_body.isEmpty() && pos == 0 && take == input.size())
                    m_body = input; // shares the buffer: no copy for a body that arrives on its own
                else
                    m_body.append(input.constData() + pos, qsizetype(take));
                pos += take;
                m_remaining -= take;
            }
            if (m_remaining > 0)
                return Status::NeedMore;
            m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            break;
        }
        case State::ChunkSize: {
            const qsizetype newline = input.indexOf('\n', pos + std::exchange(skip, 0));
            if (newline < 0) {
                if (input.size() - pos > kMaxChunkSizeLine)
                    return fail(400, "malformed chunk size");
                m_scanned = input.size() - pos;
                return Status::NeedMore;
            }
            if (newline - pos > kMaxChunkSizeLine)
                return fail(400, "malformed chunk size");
            QByteArray line = lineAt(input, pos, newline);
            pos = newline + 1;
            const qsizetype semicolon = line.indexOf(';');
            if (semicolon >= 0)
                line.truncate(semicolon);
            line = trimmedOws(line);
            if (line.isEmpty() || line.size() > 15)
                return fail(400, "malformed chunk size");
            qint64 size = 0;
            for (const char c : line) {
                int digit;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                else
                    return fail(400, "malformed chunk size");
                size = size * 16 + digit;
            }
            if (size == 0) {
                m_state = State::Trailers;
                break;
            }
            if (m_body.size() + size > m_bodyLimit)
                return fail(413, "request body too large");
            m_remaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkDataEnd: {
            if (pos >= input.size())
                return Status::NeedMore;
            if (input.at(pos) == '\n') {
                ++pos;
            } else if (input.at(pos) == '\r') {
                if (pos + 1 >= input.size())
                    return Status::NeedMore;
                if (input.at(pos + 1) != '\n')
                    return fail(400, "malformed chunk");
                pos += 2;
            } else {
                return fail(400, "malformed chunk");
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            const qsizetype newline = input.indexOf('\n', pos + std::exchange(skip, 0));
            if (newline < 0) {
                if (m_headBytes + input.size() - pos > m_maxHeadBytes)
                    return fail(431, "request header fields too large");
                m_scanned = input.size() - pos;
                return Status::NeedMore;
            }
            m_headBytes += newline + 1 - pos;
            if (m_headBytes > m_maxHeadBytes)
                return fail(431, "request header fields too large");
            const bool last = lineAt(input, pos, newline).isEmpty();
            pos = newline + 1;
            if (last)
                m_state = State::Done; // trailer fields are read and ignored
            break;
        }
        case State::Head:
        case State::Failed:
            return Status::Failed;
        }
    }
}
