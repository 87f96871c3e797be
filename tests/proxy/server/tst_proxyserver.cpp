// SPDX-License-Identifier: MIT
// Tests ProxyServer: routing, auth, error shapes, body limit, CORS, streaming writes and client disconnects.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "server/httplistener.h"
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
    void expectContinueFraming_data();
    void expectContinueFraming();
    void expectContinueAnsweredBeforeBody();

private:
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

    ProxyServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<StreamResponder> m_heldStream;
    int m_streamTicks = 0;
};

void TestProxyServer::init()
{
    m_server = new ProxyServer(this);
    m_nam = new QNetworkAccessManager(this);
    m_server->setApiKeys(QStringLiteral("client-key"), QStringLiteral("admin-key"));
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
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0).ok());
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
    m_server->setMaxBodyBytes(1024);
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
    const Result r = request("OPTIONS", QStringLiteral("/v1/messages"));
    QCOMPARE(r.status, 204);
    QCOMPARE(r.reply->rawHeader("Access-Control-Allow-Origin"), QByteArray("*"));
}

void TestProxyServer::refusesPublicBindWithoutKey()
{
    ProxyServer server;
    const auto result = server.listen(QHostAddress::AnyIPv4, 0);
    QVERIFY(!result.ok());
    QVERIFY(result.error().contains(QLatin1String("API key")));
    server.setApiKeys(QStringLiteral("k"), QString());
    QVERIFY(server.listen(QHostAddress::AnyIPv4, 0).ok());
}

void TestProxyServer::portInUse()
{
    ProxyServer second;
    const auto result = second.listen(QHostAddress::LocalHost, m_server->port());
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
        socket.write("GET /stream?n=100000 HTTP/1.1\r\nHost: x\r\n\r\n");
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
        socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            (all += socket.readAll()).count("HTTP/1.1 200") == i + 1 || socket.waitForReadyRead(50), 3000);
    }
    QCOMPARE(all.count("HTTP/1.1 200 OK"), 2);
}

void TestProxyServer::expectContinueFraming_data()
{
    QTest::addColumn<QList<QByteArray>>("reads");
    QTest::addColumn<QList<bool>>("expected"); // per read: must a 100 Continue go out now?

    const QByteArray expectHead =
        "POST /v1/messages HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
    const QByteArray plainHead = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n";
    QTest::newRow("headers, then body") << QList<QByteArray>{expectHead, "hello"} << QList<bool>{true, false};
    QTest::newRow("body already sent") << QList<QByteArray>{expectHead + "hello"} << QList<bool>{false};
    QTest::newRow("no expect header") << QList<QByteArray>{plainHead, "hello"} << QList<bool>{false, false};
    QTest::newRow("headers split mid terminator")
        << QList<QByteArray>{expectHead.left(expectHead.size() - 2), expectHead.right(2), "hello"}
        << QList<bool>{false, true, false};
    QTest::newRow("case-insensitive name and value")
        << QList<QByteArray>{"POST / HTTP/1.1\r\nEXPECT: 100-Continue\r\ncontent-length: 3\r\n\r\n", "abc"}
        << QList<bool>{true, false};
    QTest::newRow("second request on a kept-alive connection")
        << QList<QByteArray>{plainHead + "hello" + expectHead, "hel", "lo"} << QList<bool>{true, false, false};
    QTest::newRow("body bytes that look like headers are skipped")
        << QList<QByteArray>{plainHead, "Expec", expectHead.left(20)} << QList<bool>{false, false, false};
    QTest::newRow("GET without body") << QList<QByteArray>{"GET /health HTTP/1.1\r\nExpect: 100-continue\r\n\r\n"}
                                      << QList<bool>{false};
}

void TestProxyServer::expectContinueFraming()
{
    QFETCH(QList<QByteArray>, reads);
    QFETCH(QList<bool>, expected);
    ConnectionPreflight preflight(nullptr);
    for (qsizetype i = 0; i < reads.size(); ++i)
        QCOMPARE(preflight.feed(reads.at(i)), expected.at(i));
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
        ProxyServer server;
        QHostAddress address(host);
        const auto listened = server.listen(address, 0);
        QVERIFY(!listened.ok());
        QCOMPARE(listened.error(), problem);
    }
}

void TestProxyServer::endpoint()
{
    ProxyServer server;
    QCOMPARE(server.endpoint(), QString());
    QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0).ok());
    QCOMPARE(server.endpoint(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    server.setApiKeys(QStringLiteral("k"), QString());
    QVERIFY(server.listen(QHostAddress(QHostAddress::AnyIPv4), 0).ok());
    QCOMPARE(server.endpoint(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    if (server.listen(QHostAddress(QHostAddress::LocalHostIPv6), 0).ok()) // where the machine has IPv6
        QCOMPARE(server.endpoint(), QStringLiteral("http://[::1]:%1").arg(server.port()));
    server.close();
    QCOMPARE(server.endpoint(), QString());
}

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_proxyserver.moc"
