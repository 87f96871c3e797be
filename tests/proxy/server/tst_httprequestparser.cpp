// SPDX-License-Identifier: MIT
// Tests HttpRequestParser: framing of heads and bodies, in any split, and every refusal.
#include <QRandomGenerator>
#include <QTest>

#include "server/httprequestparser.h"

namespace {

struct Parsed
{
    QList<HttpRequestHead> heads;
    QList<QByteArray> bodies;
    int failure = -1; ///< status of the failure, -1 when none
};

/// Feeds `bytes` in pieces of the given sizes (cycled), reading every request there is.
Parsed parseAll(const QByteArray &bytes, const QList<int> &pieces, qint64 bodyLimit = 1 << 20)
{
    HttpRequestParser parser;
    parser.setBodyLimit(bodyLimit);
    Parsed out;
    QByteArray input;
    qsizetype fed = 0;
    int piece = 0;
    while (fed < bytes.size() || !input.isEmpty()) {
        if (fed < bytes.size()) {
            const int n = pieces.isEmpty() ? int(bytes.size()) : pieces.at(piece++ % pieces.size());
            input += bytes.mid(fed, n);
            fed += n;
        }
        for (;;) {
            const auto status = parser.parse(input);
            if (status == HttpRequestParser::Status::Failed) {
                out.failure = parser.failure().status;
                return out;
            }
            if (status == HttpRequestParser::Status::NeedMore)
                break;
            if (status == HttpRequestParser::Status::Head) {
                out.heads.append(parser.head());
                continue;
            }
            out.bodies.append(parser.takeBody());
            parser.reset();
        }
        if (fed >= bytes.size())
            break;
    }
    return out;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void framesInEverySplit_data();
    void framesInEverySplit();
    void refusals_data();
    void refusals();
    void keepAlive_data();
    void keepAlive();
    void chunkedOverLimit();
    void headerLookupIsCaseInsensitive();
};

void TestHttpRequestParser::framesInEverySplit_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<QByteArray>>("bodies");
    QTest::newRow("get") << QByteArray("GET /health HTTP/1.1\r\nHost: a\r\n\r\n") << QList<QByteArray>{""};
    QTest::newRow("post with length") << QByteArray(
                                             "POST /v1/messages HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
                                      << QList<QByteArray>{"hello"};
    QTest::newRow("bare LF lines") << QByteArray("POST / HTTP/1.1\nHost: a\nContent-Length: 2\n\nhi")
                                   << QList<QByteArray>{"hi"};
    QTest::newRow("leading empty lines") << QByteArray("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
                                         << QList<QByteArray>{""};
    QTest::newRow("chunked with extension and trailer")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=v\r\nhello\r\nA\r\n 0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
        << QList<QByteArray>{"hello 012345678"}; // A = 10 bytes: " 012345678" then "9" would be wrong framing
    QTest::newRow("pipelined") << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\n"
                                             "Content-Length: 3\r\n\r\nabcGET /c HTTP/1.0\r\n\r\n")
                               << QList<QByteArray>{"", "abc", ""};
}

void TestHttpRequestParser::framesInEverySplit()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<QByteArray>, bodies);
    if (QByteArray(QTest::currentDataTag()) == "chunked with extension and trailer") {
        // "A" announces 10 bytes: " 012345678" — then "9\r\n" is not a CRLF: a malformed chunk.
        QCOMPARE(parseAll(bytes, {}).failure, 400);
        bytes.replace("A\r\n 0123456789", "B\r\n 0123456789");
        bodies = {"hello 0123456789"};
    }
    const QList<QList<int>> splits = {{}, {1}, {2}, {3}, {7}, {1, 5, 2}, {64}};
    for (const QList<int> &split : splits) {
        const Parsed p = parseAll(bytes, split);
        QCOMPARE(p.failure, -1);
        QCOMPARE(p.bodies, bodies);
        QCOMPARE(p.heads.size(), bodies.size());
    }
    for (int round = 0; round < 50; ++round) {
        const int n = 1 + int(QRandomGenerator::global()->bounded(20));
        QCOMPARE(parseAll(bytes, {n}).bodies, bodies);
    }
}

void TestHttpRequestParser::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("TLS hello") << QByteArray::fromHex("160301") << 0;
    QTest::newRow("SSLv2 hello") << QByteArray::fromHex("8046010301") << 0;
    QTest::newRow("binary") << QByteArray("\x01GET") << 400;
    QTest::newRow("long method, no newline") << QByteArray(40, 'G') << 400;
    QTest::newRow("no target") << QByteArray("GET  HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET health HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("control in target") << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("HTTP/9.9") << QByteArray("GET / HTTP/9.9\r\n\r\n") << 505;
    QTest::newRow("HTTP/1.10") << QByteArray("GET / HTTP/1.10\r\n\r\n") << 400;
    QTest::newRow("http/1.1 lowercase") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
    QTest::newRow("NUL in value") << (QByteArray("GET / HTTP/1.1\r\nHost: a") + '\0' + "b\r\n\r\n") << 400;
    QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("length list") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\n") << 400;
    QTest::newRow("huge length") << QByteArray(
                                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                 << 400;
    QTest::newRow("chunked, then gzip") << QByteArray(
                                               "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
                                        << 501;
    QTest::newRow("bad chunk size") << QByteArray(
                                           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400;
    QTest::newRow("endless chunk size line")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray(2000, '1'))
        << 400;
    QTest::newRow("endless head") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(70000, 'a')) << 431;
    QTest::newRow("endless empty lines") << QByteArray(70000, '\n') << 431;
}

void TestHttpRequestParser::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QCOMPARE(parseAll(bytes, {}).failure, status);
    QCOMPARE(parseAll(bytes, {3}).failure, status);
}

void TestHttpRequestParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n") << false;
    QTest::newRow("1.1 list with close") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: te, close\r\n\r\n")
                                         << false;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    QTest::newRow("1.2 is 1.1") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << true;
}

void TestHttpRequestParser::keepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    const Parsed p = parseAll(head, {});
    QCOMPARE(p.heads.size(), 1);
    QCOMPARE(p.heads.first().keepAlive, keepAlive);
}

void TestHttpRequestParser::chunkedOverLimit()
{
    const QByteArray bytes = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "8\r\n01234567\r\n8\r\n01234567\r\n0\r\n\r\n";
    QCOMPARE(parseAll(bytes, {}, 16).failure, -1);
    QCOMPARE(parseAll(bytes, {}, 15).failure, 413);
    QCOMPARE(parseAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n", {}, 15).failure, 413);
}

void TestHttpRequestParser::headerLookupIsCaseInsensitive()
{
    const Parsed p = parseAll("GET /x?y=1 HTTP/1.1\r\nhOsT:   a.b  \r\nExpect: 100-Continue\r\n\r\n", {});
    QCOMPARE(p.heads.size(), 1);
    QCOMPARE(p.heads.first().header("HOST"), QByteArray("a.b"));
    QCOMPARE(p.heads.first().target, QByteArray("/x?y=1"));
    QVERIFY(p.heads.first().expectContinue);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
