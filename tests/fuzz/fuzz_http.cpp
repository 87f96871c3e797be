// SPDX-License-Identifier: MIT
// Fuzzes the HTTP front: HttpRequestParser over a connection's bytes (request lines, header fields, Content-Length and
// chunked bodies, pipelined requests), fed whole and in input-derived splits, which must read the same requests; and
// the admission checks on what it parsed (ProxyServer::hostAllowed, originAllowed, presentedKey).
#include <QList>

#include "config/config.h"
#include "fuzzsupport.h"
#include "server/httpexchange.h"
#include "server/httprequestparser.h"
#include "server/proxyserver.h"

namespace {

constexpr qint64 kBodyLimit = 4096;

struct Outcome
{
    QList<QByteArray> heads; ///< method, target, version and fields of each request, flattened
    QList<QByteArray> bodies;
    int failure = -1;

    bool operator==(const Outcome &o) const { return heads == o.heads && bodies == o.bodies && failure == o.failure; }
};

QByteArray flatten(const HttpRequestHead &head)
{
    QByteArray out = head.method + ' ' + head.target + ' ' + QByteArray::number(head.minorVersion) + ' ' +
                     QByteArray::number(head.contentLength) + (head.chunked ? " chunked" : "") +
                     (head.keepAlive ? " keep" : "");
    for (const auto &h : head.headers)
        out += '\n' + h.first + ':' + h.second;
    return out;
}

void checkHead(const HttpRequestHead &head)
{
    FuzzSupport::require(!head.method.isEmpty() && !head.target.isEmpty(), "a head without method or target");
    FuzzSupport::require(head.minorVersion == 0 || head.minorVersion == 1, "an HTTP version other than 1.0/1.1");
    FuzzSupport::require(!(head.chunked && head.contentLength > 0), "both chunked and a length");
    FuzzSupport::require(head.headers.size() <= HttpRequestParser::kDefaultMaxHeaders, "too many fields accepted");
    Config config;
    config.allowedHosts = QString::fromLatin1(head.header("x-allowed-hosts"));
    config.corsOrigins = QString::fromLatin1(head.header("x-cors-origins"));
    ProxyServer::hostAllowed(head.header("host"), config);
    ProxyServer::originAllowed(head.header("origin"), config);
    HttpRequest request;
    request.headers = head.headers;
    ProxyServer::presentedKey(request);
}

Outcome run(const QByteArray &input, const QList<qsizetype> &pieces)
{
    HttpRequestParser parser;
    parser.setBodyLimit(kBodyLimit);
    Outcome out;
    QByteArray buffer;
    qsizetype fed = 0;
    qsizetype piece = 0;
    for (;;) {
        if (fed < input.size()) {
            const qsizetype n = pieces.isEmpty() ? input.size() : pieces.at(piece++ % pieces.size());
            buffer += input.mid(fed, n);
            fed += n;
        }
        for (;;) {
            const qsizetype before = buffer.size();
            const auto status = parser.parse(buffer);
            FuzzSupport::require(buffer.size() <= before, "the parser grew its input");
            if (status == HttpRequestParser::Status::Failed) {
                const int s = parser.failure().status;
                FuzzSupport::require(s == 0 || s == 400 || s == 408 || s == 413 || s == 431 || s == 501 || s == 505,
                                     "an unexpected failure status");
                out.failure = s;
                return out;
            }
            if (status == HttpRequestParser::Status::NeedMore)
                break;
            if (status == HttpRequestParser::Status::Head) {
                checkHead(parser.head());
                out.heads.append(flatten(parser.head()));
                continue;
            }
            const QByteArray body = parser.takeBody();
            FuzzSupport::require(body.size() <= kBodyLimit, "a body over the limit");
            FuzzSupport::require(parser.head().chunked || body.size() == parser.head().contentLength,
                                 "a body of another length than announced");
            out.bodies.append(body);
            parser.reset();
            FuzzSupport::require(parser.idle(), "not idle after reset");
        }
        if (fed >= input.size())
            return out;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = FuzzSupport::bytes(data, size);
    const Outcome whole = run(input, {});
    QList<qsizetype> pieces;
    for (const qsizetype n : FuzzSupport::splits(input, input.size(), 64))
        if (n > 0)
            pieces.append(n);
    const Outcome split = run(input, pieces);
    // Where reads happen to fall must not change which requests are read.
    FuzzSupport::require(whole == split, "a split changes the requests read");
    return 0;
}
