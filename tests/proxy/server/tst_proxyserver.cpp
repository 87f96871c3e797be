// SPDX-License-Identifier: MIT
// Tests ProxyServer: routing, auth, error shapes, body limit, CORS, streaming writes and client disconnects.
#include <functional>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "config/config.h"
#include "server/httpconnection.h"
#include "server/proxyserver.h"

class TestProxyServer : public QObject
{
    Q_OBJECT

private slots:
    void exposure_data();
    void exposure();
    void endpoint();
    void init();
    void cleanup();
    void routing_data();
    void routing();
    void authHeaders_data();
    void authHeaders();
    void keyMatchesIsExact_data();
    void keyMatchesIsExact();
    void bodyLimit();
    void corsPreflight();
    void refusesPublicBindWithoutKey();
    void portInUse();
    void streamedChunksArriveBeforeEnd();
    void clientDisconnectMidStream();
    void keepAliveServesSecondRequest();
    void expectContinueAnsweredBeforeBody();
    void hostAllowed_data();
    void hostAllowed();
    void foreignHostRefused();
    void browserOriginsRefusedUnlessAllowed();
    void rejectedOnHeadsBeforeBody_data();
    void rejectedOnHeadsBeforeBody();
    void malformedRequests_data();
    void malformedRequests();
    void tlsHelloClosedAtOnce();
    void http10GetsCloseDelimitedStream();
    void connectionCloseHonoured();
    void pipelinedRequestsAnsweredInOrder();
    void chunkedRequestBody();
    void headDeadlineNotExtendedByTrickle();
    void bodyBudgetSharedByConnections();
    void headRequestHasNoBody();
    void openExchangesExactAfterAborts();

private:
    /// Sends `bytes` on a new connection and collects what comes back until `done(received)` holds, the server
    /// closes, or `ms` pass. `closed` tells whether the server closed the connection.
    QByteArray raw(const QByteArray &bytes, const std::function<bool(const QByteArray &)> &done = {}, int ms = 3000,
                   bool *closed = nullptr);
    struct Result
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QNetworkReply *reply = nullptr;
    };
    Result request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path));
    }

    Config m_config;
    ProxyServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<StreamResponder> m_heldStream;
    int m_streamTicks = 0;
};

void TestProxyServer::init()
{
    m_config = Config();
    m_config.apiKey = QStringLiteral("client-key");
    m_config.adminApiKey = QStringLiteral("admin-key");
    m_server = new ProxyServer(m_config, this);
    m_nam = new QNetworkAccessManager(this);
    m_server->addRoute(
        "GET", QStringLiteral("/health"), ProxyServer::Access::Public, [](const HttpRequest &r, StreamResponder *resp) {
            Reply::json(resp, r, 200, QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
        });
    m_server->addRoute("POST", QStringLiteral("/v1/messages"), ProxyServer::Access::Client,
                       [](const HttpRequest &r, StreamResponder *resp) {
                           Reply::json(resp, r, 200,
                                       QJsonDocument(QJsonObject{
                                           {QStringLiteral("echo"), QString::fromUtf8(r.body)},
                                           {QStringLiteral("beta"), r.query.queryItemValue(QStringLiteral("beta"))}}));
                       });
    m_server->addRoute(
        "GET", QStringLiteral("/v1/models/{id}"), ProxyServer::Access::Client,
        [](const HttpRequest &r, StreamResponder *resp) {
            Reply::json(resp, r, 200, QJsonDocument(QJsonObject{{QStringLiteral("id"), r.pathArgs.value(0)}}));
        });
    m_server->addRoute("GET", QStringLiteral("/api/status"), ProxyServer::Access::Admin,
                       [](const HttpRequest &r, StreamResponder *resp) {
                           Reply::json(resp, r, 200, QJsonDocument(QJsonObject{{QStringLiteral("admin"), true}}));
                       });
    m_server->addRoute("GET", QStringLiteral("/stream"), ProxyServer::Access::Public,
                       [this](const HttpRequest &r, StreamResponder *resp) {
                           const int limit = r.query.queryItemValue(QStringLiteral("n")).toInt() > 0
                                                 ? r.query.queryItemValue(QStringLiteral("n")).toInt()
                                                 : 5;
                           m_heldStream = resp;
                           m_streamTicks = 0;
                           resp->beginStream(200, "text/event-stream");
                           auto *timer = new QTimer(resp);
                           timer->setInterval(20);
                           connect(timer, &QTimer::timeout, resp, [this, resp, timer, limit] {
                               if (!resp->isConnected()) {
                                   timer->stop();
                                   resp->deleteLater();
                                   return;
                               }
                               resp->writeChunk("event: tick\ndata: {\"n\":" + QByteArray::number(++m_streamTicks) +
                                                "}\n\n");
                               if (m_streamTicks == limit) {
                                   timer->stop();
                                   resp->endStream();
                                   resp->deleteLater();
                               }
                           });
                           connect(resp, &StreamResponder::clientDisconnected, timer, &QTimer::stop);
                           connect(resp, &StreamResponder::clientDisconnected, resp, &QObject::deleteLater);
                           timer->start();
                       });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0, m_config.apiKey).ok());
    QVERIFY(m_server->port() > 0);
}

void TestProxyServer::cleanup()
{
    delete m_nam;
    delete m_server;
    m_nam = nullptr;
    m_server = nullptr;
}

TestProxyServer::Result TestProxyServer::request(const QByteArray &method, const QString &path, const QByteArray &body,
                                                 const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest req(url(path));
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(5000);
    Result r;
    r.reply = reply;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    reply->deleteLater();
    return r;
}

QByteArray TestProxyServer::raw(const QByteArray &bytes, const std::function<bool(const QByteArray &)> &done, int ms,
                                bool *closed)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(bytes);
    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms && socket.state() == QAbstractSocket::ConnectedState && !(done && done(got))) {
        QTest::qWait(5);
        got += socket.readAll();
    }
    got += socket.readAll();
    if (closed)
        *closed = socket.state() != QAbstractSocket::ConnectedState;
    return got;
}

void TestProxyServer::routing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorType");

    QTest::newRow("health is public") << QByteArray("GET") << QStringLiteral("/health") << 200 << QString();
    QTest::newRow("messages with key") << QByteArray("POST") << QStringLiteral("/v1/messages") << 200 << QString();
    QTest::newRow("query string accepted")
        << QByteArray("POST") << QStringLiteral("/v1/messages?beta=true") << 200 << QString();
    QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("/v2/nothing") << 404
                                   << QStringLiteral("not_found_error");
    QTest::newRow("wrong method") << QByteArray("GET") << QStringLiteral("/v1/messages") << 405
                                  << QStringLiteral("invalid_request_error");
    QTest::newRow("delete on health") << QByteArray("DELETE") << QStringLiteral("/health") << 405
                                      << QStringLiteral("invalid_request_error");
    QTest::newRow("path parameter") << QByteArray("GET") << QStringLiteral("/v1/models/claude-x") << 200 << QString();
    QTest::newRow("trailing segments do not match")
        << QByteArray("GET") << QStringLiteral("/v1/models/a/b") << 404 << QStringLiteral("not_found_error");
}

void TestProxyServer::routing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, errorType);
    const Result r =
        request(method, path, method == "POST" ? QByteArray("{}") : QByteArray(), {{"x-api-key", "client-key"}});
    QCOMPARE(r.status, status);
    QVERIFY(!r.reply->rawHeader("request-id").isEmpty());
    QVERIFY(r.reply->rawHeader("request-id").startsWith("req_"));
    if (!errorType.isEmpty()) {
        QCOMPARE(r.json.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(), errorType);
        QVERIFY(
            !r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("request_id")).toString(),
                 QString::fromLatin1(r.reply->rawHeader("request-id")));
    }
    if (path.contains(QLatin1String("beta=true")))
        QCOMPARE(r.json.value(QStringLiteral("beta")).toString(), QStringLiteral("true"));
    if (path == QLatin1String("/v1/models/claude-x"))
        QCOMPARE(r.json.value(QStringLiteral("id")).toString(), QStringLiteral("claude-x"));
}

void TestProxyServer::authHeaders_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");

    QTest::newRow("x-api-key ok") << QStringLiteral("/v1/messages") << QByteArray("x-api-key")
                                  << QByteArray("client-key") << 200;
    QTest::newRow("bearer ok") << QStringLiteral("/v1/messages") << QByteArray("Authorization")
                               << QByteArray("Bearer client-key") << 200;
    QTest::newRow("bearer lower-case scheme")
        << QStringLiteral("/v1/messages") << QByteArray("Authorization") << QByteArray("bearer client-key") << 200;
    QTest::newRow("missing key") << QStringLiteral("/v1/messages") << QByteArray() << QByteArray() << 401;
    QTest::newRow("wrong key") << QStringLiteral("/v1/messages") << QByteArray("x-api-key") << QByteArray("nope")
                               << 401;
    QTest::newRow("prefix of key") << QStringLiteral("/v1/messages") << QByteArray("x-api-key")
                                   << QByteArray("client-ke") << 401;
    QTest::newRow("key plus suffix") << QStringLiteral("/v1/messages") << QByteArray("x-api-key")
                                     << QByteArray("client-keyX") << 401;
    QTest::newRow("admin route needs admin key")
        << QStringLiteral("/api/status") << QByteArray("x-api-key") << QByteArray("client-key") << 401;
    QTest::newRow("admin route with admin key")
        << QStringLiteral("/api/status") << QByteArray("Authorization") << QByteArray("Bearer admin-key") << 200;
}

void TestProxyServer::authHeaders()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!header.isEmpty())
        headers.append({header, value});
    const bool post = path.startsWith(QLatin1String("/v1/messages"));
    const Result r = request(post ? "POST" : "GET", path, post ? QByteArray("{}") : QByteArray(), headers);
    QCOMPARE(r.status, status);
    if (status == 401)
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("authentication_error"));
}

void TestProxyServer::keyMatchesIsExact_data()
{
    QTest::addColumn<QByteArray>("presented");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("match");
    QTest::newRow("equal") << QByteArray("abc") << QByteArray("abc") << true;
    QTest::newRow("empty vs key") << QByteArray() << QByteArray("abc") << false;
    QTest::newRow("shorter") << QByteArray("ab") << QByteArray("abc") << false;
    QTest::newRow("longer") << QByteArray("abcd") << QByteArray("abc") << false;
    QTest::newRow("one byte differs") << QByteArray("abd") << QByteArray("abc") << false;
    QTest::newRow("nul padded") << QByteArray("abc\0", 4) << QByteArray("abc") << false;
}

void TestProxyServer::keyMatchesIsExact()
{
    QFETCH(QByteArray, presented);
    QFETCH(QByteArray, expected);
    QFETCH(bool, match);
    QCOMPARE(ProxyServer::keyMatches(presented, expected), match);
}

void TestProxyServer::bodyLimit()
{
    m_config.maxBodyBytes = 1024; // read per request: no restart
    const Result r =
        request("POST", QStringLiteral("/v1/messages"), QByteArray(4096, 'x'), {{"x-api-key", "client-key"}});
    QCOMPARE(r.status, 413);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("request_too_large"));
    const Result ok =
        request("POST", QStringLiteral("/v1/messages"), QByteArray(1000, 'x'), {{"x-api-key", "client-key"}});
    QCOMPARE(ok.status, 200);
}

void TestProxyServer::corsPreflight()
{
    // No origin is allowed by default: a preflight from a page is refused, and no response carries CORS headers.
    Result r = request("OPTIONS", QStringLiteral("/v1/messages"), {}, {{"Origin", "http://app.example"}});
    QCOMPARE(r.status, 403);
    QVERIFY(!r.reply->hasRawHeader("Access-Control-Allow-Origin"));
    r = request("GET", QStringLiteral("/health"));
    QVERIFY(!r.reply->hasRawHeader("Access-Control-Allow-Origin"));

    m_config.corsOrigins = QStringLiteral("http://other.example, http://APP.example/");
    r = request("OPTIONS", QStringLiteral("/v1/messages"), {},
                {{"Origin", "http://app.example"}, {"Access-Control-Request-Method", "POST"}});
    QCOMPARE(r.status, 204);
    QCOMPARE(r.reply->rawHeader("Access-Control-Allow-Origin"), QByteArray("http://app.example"));
    QVERIFY(r.reply->rawHeader("Access-Control-Allow-Headers").contains("authorization"));
    r = request("GET", QStringLiteral("/v1/models/m"), {},
                {{"Origin", "http://app.example"}, {"x-api-key", "client-key"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.reply->rawHeader("Access-Control-Allow-Origin"), QByteArray("http://app.example"));
    QCOMPARE(r.reply->rawHeader("Vary"), QByteArray("Origin"));
}

void TestProxyServer::hostAllowed_data()
{
    QTest::addColumn<QString>("allowedHosts");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("loopback") << QString() << QByteArray("127.0.0.1:8990") << true;
    QTest::newRow("localhost") << QString() << QByteArray("localhost:8990") << true;
    QTest::newRow("LOCALHOST.") << QString() << QByteArray("LOCALHOST.") << true;
    QTest::newRow("sub.localhost") << QString() << QByteArray("app.localhost") << true;
    QTest::newRow("ipv6") << QString() << QByteArray("[::1]:8990") << true;
    QTest::newRow("lan address") << QString() << QByteArray("192.168.1.5:8990") << true;
    QTest::newRow("no Host (HTTP/1.0)") << QString() << QByteArray() << true;
    QTest::newRow("rebinding name") << QString() << QByteArray("attacker.example:8990") << false;
    QTest::newRow("localhost lookalike") << QString() << QByteArray("localhost.attacker.example") << false;
    QTest::newRow("unbracketed v6") << QString() << QByteArray("::1") << false;
    QTest::newRow("allowed name") << QStringLiteral("proxy.lan, other") << QByteArray("proxy.lan:8990") << true;
    QTest::newRow("allowed wildcard") << QStringLiteral("*.corp.example") << QByteArray("a.corp.example") << true;
    QTest::newRow("wildcard is not the apex")
        << QStringLiteral("*.corp.example") << QByteArray("corp.example") << false;
    QTest::newRow("everything") << QStringLiteral("*") << QByteArray("attacker.example") << true;
}

void TestProxyServer::hostAllowed()
{
    QFETCH(QString, allowedHosts);
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    Config config;
    config.allowedHosts = allowedHosts;
    QCOMPARE(ProxyServer::hostAllowed(host, config), allowed);
}

// DNS rebinding: a page at attacker.example whose name now points at 127.0.0.1 sends Host: attacker.example.
void TestProxyServer::foreignHostRefused()
{
    bool closed = false;
    const auto complete = [](const QByteArray &got) { return got.contains("\r\n\r\n") && got.endsWith("}"); };
    QByteArray got = raw("GET /health HTTP/1.1\r\nHost: attacker.example:8990\r\n\r\n", complete);
    QVERIFY2(got.startsWith("HTTP/1.1 403"), got.constData());
    QVERIFY(got.contains("permission_error"));
    QVERIFY(got.contains("allowedHosts"));
    // Refused before the key is looked at: a right key does not help a foreign name.
    got = raw("GET /v1/models/x HTTP/1.1\r\nHost: attacker.example\r\nx-api-key: client-key\r\n\r\n", complete);
    QVERIFY2(got.startsWith("HTTP/1.1 403"), got.constData());
    got = raw("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", complete, 3000, &closed);
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
    m_config.allowedHosts = QStringLiteral("attacker.example");
    got = raw("GET /health HTTP/1.1\r\nHost: attacker.example\r\n\r\n", complete);
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
}

void TestProxyServer::browserOriginsRefusedUnlessAllowed()
{
    // A page's simple POST (no preflight) carries its Origin: refused on /v1 unless allowed, always on /api.
    Result r = request("POST", QStringLiteral("/v1/messages"), "{}",
                       {{"Origin", "http://evil.example"}, {"x-api-key", "client-key"}});
    QCOMPARE(r.status, 403);
    QVERIFY(r.json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("corsOrigins")));
    m_config.corsOrigins = QStringLiteral("*");
    r = request("POST", QStringLiteral("/v1/messages"), "{}",
                {{"Origin", "http://evil.example"}, {"x-api-key", "client-key"}});
    QCOMPARE(r.status, 200);
    r = request("GET", QStringLiteral("/api/status"), {},
                {{"Origin", "http://evil.example"}, {"x-api-key", "admin-key"}});
    QCOMPARE(r.status, 403);
    r = request("OPTIONS", QStringLiteral("/api/status"), {}, {{"Origin", "http://evil.example"}});
    QCOMPARE(r.status, 403);
    // An <img>/<script> request from a page has no Origin but says it is cross-site.
    m_config.corsOrigins.clear();
    r = request("GET", QStringLiteral("/api/status"), {},
                {{"Sec-Fetch-Site", "cross-site"}, {"x-api-key", "admin-key"}});
    QCOMPARE(r.status, 403);
    r = request("GET", QStringLiteral("/api/status"), {}, {{"Sec-Fetch-Site", "none"}, {"x-api-key", "admin-key"}});
    QCOMPARE(r.status, 200);
}

void TestProxyServer::rejectedOnHeadsBeforeBody_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    const QByteArray big = "Content-Length: 104857600\r\n\r\n"; // 100 MB announced, never sent
    QTest::newRow("no key") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big) << 401;
    QTest::newRow("wrong key") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: no\r\n" + big)
                               << 401;
    QTest::newRow("over the limit") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                  "x-api-key: client-key\r\n" +
                                                  big)
                                    << 413;
    QTest::newRow("unknown route") << QByteArray("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big) << 404;
    QTest::newRow("foreign host") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: evil.example\r\n" + big) << 403;
}

// The answer comes from the head alone, and the connection closes: the body is neither waited for nor buffered.
void TestProxyServer::rejectedOnHeadsBeforeBody()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    bool closed = false;
    const QByteArray got = raw(head, {}, 3000, &closed);
    QVERIFY2(got.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))), got.constData());
    QVERIFY(got.contains("Connection: close\r\n"));
    QVERIFY(closed);
}

void TestProxyServer::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("HTTP/9.9") << QByteArray("GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n") << 505;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /health HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n") << 505;
    QTest::newRow("garbage line") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("binary") << QByteArray("\x01\x02\x03\x04") << 400;
    QTest::newRow("no version") << QByteArray("GET /health\r\n\r\n") << 400;
    QTest::newRow("HTTP/1.1 without Host") << QByteArray("GET /health HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET /health HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n y\r\n\r\n") << 400;
    QTest::newRow("length and chunked") << QByteArray(
                                               "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n")
                                        << 400;
    QTest::newRow("two lengths") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n"
                                               "Content-Length: 4\r\n\r\n")
                                 << 400;
    QTest::newRow("gzip coding") << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Transfer-Encoding: gzip\r\n\r\n")
                                 << 501;
    QTest::newRow("64 KiB of headers") << QByteArray("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                                     QByteArray("X-Filler: ").append(QByteArray(70000, 'a')))
                                       << 431;
    QByteArray many = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 150; ++i)
        many += "X-" + QByteArray::number(i) + ": y\r\n";
    QTest::newRow("too many headers") << QByteArray(many + "\r\n") << 431;
}

void TestProxyServer::malformedRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    bool closed = false;
    const QByteArray got = raw(bytes, {}, 3000, &closed);
    QVERIFY2(got.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))), got.left(200).constData());
    QVERIFY(got.contains("\"type\":\"error\"")); // Anthropic-shaped
    QVERIFY(closed);
    QCOMPARE(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").left(12),
             QByteArray("HTTP/1.1 200"));
}

void TestProxyServer::tlsHelloClosedAtOnce()
{
    const QByteArray hello = QByteArray::fromHex("16030100f5010000f10303") + QByteArray(200, '\x00');
    bool closed = false;
    QElapsedTimer timer;
    timer.start();
    const QByteArray got = raw(hello, {}, 3000, &closed);
    QVERIFY(closed);
    QVERIFY2(got.isEmpty(), got.constData());
    QVERIFY2(timer.elapsed() < 2500, "the connection was held"); // closed at once, not at the 3 s collection limit
}

void TestProxyServer::http10GetsCloseDelimitedStream()
{
    bool closed = false;
    QByteArray got = raw("GET /stream?n=3 HTTP/1.0\r\n\r\n", {}, 3000, &closed);
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
    QVERIFY(closed);
    const QByteArray head = got.left(got.indexOf("\r\n\r\n"));
    QVERIFY2(!head.contains("Transfer-Encoding"), head.constData());
    QVERIFY(head.contains("Connection: close"));
    const QByteArray body = got.mid(got.indexOf("\r\n\r\n") + 4);
    QVERIFY2(body.startsWith("event: tick\ndata: {\"n\":1}"), body.constData()); // raw events, no chunk sizes
    QCOMPARE(body.count("event: tick"), 3);

    got = raw("GET /health HTTP/1.0\r\n\r\n", {}, 3000, &closed);
    QVERIFY(got.contains("Content-Length: "));
    QVERIFY(closed);
    // An HTTP/1.0 client that asks to keep the connection keeps it.
    got = raw(
        "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", [](const QByteArray &g) { return g.endsWith("}"); },
        1500, &closed);
    QVERIFY(got.contains("Connection: keep-alive"));
    QVERIFY(!closed);
}

void TestProxyServer::connectionCloseHonoured()
{
    bool closed = false;
    const QByteArray got =
        raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", {}, 3000, &closed);
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
    QVERIFY(got.contains("Connection: close\r\n"));
    QVERIFY(closed);
}

void TestProxyServer::pipelinedRequestsAnsweredInOrder()
{
    // Three requests in one write, the first a stream that takes a while: answers come whole and in order.
    const QByteArray requests = "GET /stream?n=4 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                "GET /v1/models/second HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\n\r\n"
                                "GET /v1/models/third HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\n"
                                "Connection: close\r\n\r\n";
    bool closed = false;
    const QByteArray got = raw(requests, {}, 5000, &closed);
    QVERIFY(closed);
    const qsizetype end = got.indexOf("0\r\n\r\n");
    const qsizetype second = got.indexOf("\"second\"");
    const qsizetype third = got.indexOf("\"third\"");
    QVERIFY2(end > 0 && second > end && third > second, got.constData());
    QCOMPARE(got.count("HTTP/1.1 200"), 3);
    QCOMPARE(got.count("event: tick"), 4);
}

void TestProxyServer::chunkedRequestBody()
{
    const auto done = [](const QByteArray &g) { return g.endsWith("}"); };
    QByteArray got = raw("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
                         done);
    QVERIFY2(got.contains("\"echo\":\"hello world\""), got.constData());
    m_config.maxBodyBytes = 8;
    bool closed = false;
    got = raw("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\n"
              "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
              {}, 3000, &closed);
    QVERIFY2(got.startsWith("HTTP/1.1 413"), got.constData());
    QVERIFY(closed);
}

void TestProxyServer::headDeadlineNotExtendedByTrickle()
{
    HttpConnection::setTimeouts({400, 400, 400});
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(2000));
    const QByteArray head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    // One byte every 100 ms: each is progress, none moves the head's deadline.
    for (int i = 0; i < 30 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(i < head.size() ? head.mid(i, 1) : QByteArray("a"));
        QTest::qWait(100);
        got += socket.readAll();
    }
    HttpConnection::setTimeouts({});
    QVERIFY2(got.startsWith("HTTP/1.1 408"), got.constData());
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestProxyServer::bodyBudgetSharedByConnections()
{
    m_config.maxBodyBytes = 16 * 1024 * 1024;
    const qint64 budget = m_server->bodyBudget();
    const int fit = int(budget / m_config.maxBodyBytes);
    QList<QTcpSocket *> sockets;
    const QByteArray head =
        "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\nContent-Length: " +
        QByteArray::number(m_config.maxBodyBytes) + "\r\n\r\n";
    for (int i = 0; i < fit; ++i) {
        auto *s = new QTcpSocket(this);
        s->connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(s->waitForConnected(2000));
        s->write(head);
        sockets.append(s);
    }
    QTest::qWait(200);
    for (QTcpSocket *s : std::as_const(sockets))
        QCOMPARE(s->bytesAvailable(), 0); // admitted, waiting for their bodies
    bool closed = false;
    const QByteArray got = raw(head, {}, 3000, &closed);
    QVERIFY2(got.startsWith("HTTP/1.1 503"), got.constData());
    QVERIFY(got.contains("retry-after: 1"));
    QVERIFY(closed);
    // A connection that leaves gives its share back.
    sockets.takeFirst()->abort();
    QTRY_VERIFY_WITH_TIMEOUT(!raw(
                                  head + QByteArray(10, 'x'), [](const QByteArray &g) { return !g.isEmpty(); }, 500)
                                  .startsWith("HTTP/1.1 503"),
                             3000);
    qDeleteAll(sockets);
}

void TestProxyServer::headRequestHasNoBody()
{
    const QByteArray got = raw("HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
    QVERIFY(got.contains("Content-Length: "));
    QVERIFY(got.endsWith("\r\n\r\n"));
}

// A client that leaves before its answer began releases its exchange, so shutdown waits for nothing.
void TestProxyServer::openExchangesExactAfterAborts()
{
    for (int i = 0; i < 200; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write("GET /stream?n=100000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        socket.waitForBytesWritten(1000);
        socket.abort();
        if (i % 20 == 0)
            QTest::qWait(5);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openExchanges(), 0, 5000);
}

void TestProxyServer::refusesPublicBindWithoutKey()
{
    const Config config;
    ProxyServer server(config);
    const auto result = server.listen(QHostAddress::AnyIPv4, 0, QString());
    QVERIFY(!result.ok());
    QVERIFY(result.error().contains(QLatin1String("API key")));
    QVERIFY(server.listen(QHostAddress::AnyIPv4, 0, QStringLiteral("k")).ok());
}

void TestProxyServer::portInUse()
{
    const Config config;
    ProxyServer second(config);
    const auto result = second.listen(QHostAddress::LocalHost, m_server->port(), QString());
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QString::number(m_server->port())), qPrintable(result.error()));
}

void TestProxyServer::streamedChunksArriveBeforeEnd()
{
    QNetworkReply *reply = m_nam->get(QNetworkRequest(url(QStringLiteral("/stream"))));
    QSignalSpy ready(reply, &QNetworkReply::readyRead);
    QVERIFY(ready.wait(3000));
    QVERIFY(!reply->isFinished()); // the first event arrived while the stream is still open
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(3000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
    QCOMPARE(m_streamTicks, 5);
}

void TestProxyServer::clientDisconnectMidStream()
{
    for (int round = 0; round < 25; ++round) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write("GET /stream?n=100000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0 || socket.waitForReadyRead(50), 3000);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 200"));
        socket.abort();
        // The responder noticed the client left and was released long before the 100000-event stream could end.
        QTRY_VERIFY_WITH_TIMEOUT(m_heldStream.isNull(), 3000);
        QVERIFY(m_streamTicks < 1000);
    }
    QTRY_COMPARE(m_server->openExchanges(), 0);
    const Result r = request("GET", QStringLiteral("/health"));
    QCOMPARE(r.status, 200);
}

void TestProxyServer::keepAliveServesSecondRequest()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(2000));
    QByteArray all;
    for (int i = 0; i < 2; ++i) {
        socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            (all += socket.readAll()).count("HTTP/1.1 200") == i + 1 || socket.waitForReadyRead(50), 3000);
    }
    QCOMPARE(all.count("HTTP/1.1 200 OK"), 2);
}

// curl sends "Expect: 100-continue" for bodies over 1 KB and waits a second for the interim answer.
void TestProxyServer::expectContinueAnsweredBeforeBody()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body(2000, 'x');
    socket.write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: client-key\r\n"
                 "Expect: 100-continue\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += socket.readAll()).contains("\r\n\r\n"), 500);
    QVERIFY2(got.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), got.constData());
    got.clear();
    socket.write(body);
    QTRY_VERIFY_WITH_TIMEOUT((got += socket.readAll()).contains("\"echo\""), 5000);
    QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
}

void TestProxyServer::exposure_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("exposed");
    QTest::newRow("loopback v4") << QStringLiteral("127.0.0.1") << QString() << false;
    QTest::newRow("loopback v6") << QStringLiteral("::1") << QString() << false;
    QTest::newRow("localhost") << QStringLiteral("localhost") << QString() << false;
    QTest::newRow("any without key") << QStringLiteral("0.0.0.0") << QString() << true;
    QTest::newRow("any v6 without key") << QStringLiteral("::") << QString() << true;
    QTest::newRow("lan without key") << QStringLiteral("192.168.1.5") << QString() << true;
    QTest::newRow("any with key") << QStringLiteral("0.0.0.0") << QStringLiteral("k") << false;
}

// The one rule behind listen(), ProxyService::applyConfig and the settings page.
void TestProxyServer::exposure()
{
    QFETCH(QString, host);
    QFETCH(QString, key);
    QFETCH(bool, exposed);
    const QString problem = ProxyServer::exposureProblem(host, key);
    QCOMPARE(!problem.isEmpty(), exposed);
    if (exposed) {
        QVERIFY(problem.contains(host));
        const Config config;
        ProxyServer server(config);
        QHostAddress address(host);
        const auto listened = server.listen(address, 0, key);
        QVERIFY(!listened.ok());
        QCOMPARE(listened.error(), problem);
    }
}

void TestProxyServer::endpoint()
{
    const Config config;
    ProxyServer server(config);
    QCOMPARE(server.endpoint(), QString());
    QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0, QString()).ok());
    QCOMPARE(server.endpoint(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    QVERIFY(server.listen(QHostAddress(QHostAddress::AnyIPv4), 0, QStringLiteral("k")).ok());
    QCOMPARE(server.endpoint(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    if (server.listen(QHostAddress(QHostAddress::LocalHostIPv6), 0, QString()).ok()) // where the machine has IPv6
        QCOMPARE(server.endpoint(), QStringLiteral("http://[::1]:%1").arg(server.port()));
    server.close();
    QCOMPARE(server.endpoint(), QString());
}

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_proxyserver.moc"
