// SPDX-License-Identifier: MIT
// Tests KiroRequests: every header of every Kiro call, byte for byte and in order (docs/protocol.md §3.3, §3.4, §4,
// §9.10, §12.1), the URLs, bodies and timeouts, the timeouts KiroRequests::send enforces (against loopback servers),
// and the outbound proxy.
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUuid>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

#include "config/config.h"
#include "kiro/client/kirorequests.h"

class TestKiroRequests : public QObject
{
    Q_OBJECT

private slots:
    void everyHeaderOfEveryCall_data();
    void everyHeaderOfEveryCall();
    void invocationIdsAreFresh();
    void networkRequestKeepsHeadersInOrder();
    void sendBoundsTheWholeCall_data();
    void sendBoundsTheWholeCall();
    void sendBoundsTheConnect();
    void proxy_data();
    void proxy();
    void applyProxy();
};

namespace {

const QString kMachineId = QString(64, QLatin1Char('a'));
const QString kUserAgentSuffix = QStringLiteral("KiroIDE-0.11.107-") + kMachineId;

Config config()
{
    Config c;
    c.systemVersion = QStringLiteral("darwin#24.6.0");
    c.nodeVersion = QStringLiteral("22.22.0");
    c.kiroVersion = QStringLiteral("0.11.107");
    c.agentMode = QStringLiteral("vibe");
    c.region = QStringLiteral("us-east-1");
    c.connectTimeoutMs = 1111;
    c.firstByteTimeoutMs = 2222;
    c.idleTimeoutMs = 3333;
    c.authConnectTimeoutMs = 4444;
    c.authTimeoutMs = 5555;
    c.proxyUrl = QStringLiteral("http://proxy.example:3128");
    return c;
}

KiroCredential credential(bool regions, bool profileArn)
{
    KiroCredential k;
    k.accessToken = QStringLiteral("ACCESS");
    k.refreshToken = QStringLiteral("REFRESH");
    k.clientId = QStringLiteral("CID");
    k.clientSecret = QStringLiteral("CSECRET");
    if (regions) {
        k.region = QStringLiteral("eu-central-1");
        k.apiRegion = QStringLiteral("us-west-2");
    }
    if (profileArn)
        k.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:1:profile/P");
    return k;
}

} // namespace

void TestKiroRequests::everyHeaderOfEveryCall_data()
{
    QTest::addColumn<int>("call");
    QTest::addColumn<bool>("regions");
    QTest::addColumn<bool>("profileArn");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QStringList>("headers"); ///< "name: value"; <uuid> stands for a fresh invocation id
    QTest::addColumn<QByteArray>("sentBody");
    QTest::addColumn<QList<int>>("timeouts"); ///< connect, first byte, idle, transfer, total
    using C = KiroRequests::Call;
    const QString chatUa =
        QStringLiteral("User-Agent: aws-sdk-js/1.0.34 ua/2.1 os/darwin#24.6.0 lang/js md/nodejs#22.22.0 "
                       "api/codewhispererstreaming#1.0.34 m/E ") +
        kUserAgentSuffix;
    const QStringList chat = {
        QStringLiteral("Content-Type: application/json"),
        QStringLiteral("Authorization: Bearer ACCESS"),
        QStringLiteral("x-amzn-codewhisperer-optout: true"),
        QStringLiteral("x-amzn-kiro-agent-mode: vibe"),
        QStringLiteral("x-amz-user-agent: aws-sdk-js/1.0.34 ") + kUserAgentSuffix,
        chatUa,
        QStringLiteral("amz-sdk-invocation-id: <uuid>"),
        QStringLiteral("amz-sdk-request: attempt=1; max=3"),
    };
    const QList<int> chatTimeouts{1111, 2222, 3333, 0, 0};
    const QList<int> jsonTimeouts{0, 0, 0, 60000, 0};
    const QList<int> signInTimeouts{4444, 0, 0, 0, 5555}; ///< refresh and quota: authConnectTimeoutMs, authTimeoutMs
    QTest::newRow("chat") << int(C::Chat) << true << true << QString() << QByteArray(R"({"conversationState":{}})")
                          << "https://q.us-west-2.amazonaws.com/generateAssistantResponse" << QByteArray("POST") << chat
                          << QByteArray(R"({"conversationState":{}})") << chatTimeouts;
    QTest::newRow("chat in the config region") << int(C::Chat) << false << false << QString() << QByteArray("{}")
                                               << "https://q.us-east-1.amazonaws.com/generateAssistantResponse"
                                               << QByteArray("POST") << chat << QByteArray("{}") << chatTimeouts;

    QTest::newRow("social refresh") << int(C::SocialRefresh) << true << true << QString() << QByteArray()
                                    << "https://prod.eu-central-1.auth.desktop.kiro.dev/refreshToken"
                                    << QByteArray("POST")
                                    << QStringList{QStringLiteral("Content-Type: application/json"),
                                                   QStringLiteral("Connection: close"),
                                                   QStringLiteral("Accept: application/json, text/plain, */*"),
                                                   QStringLiteral("User-Agent: ") + kUserAgentSuffix}
                                    << QByteArray(R"({"refreshToken":"REFRESH"})") << signInTimeouts;
    QTest::newRow("social refresh in the config region")
        << int(C::SocialRefresh) << false << false << QString() << QByteArray()
        << "https://prod.us-east-1.auth.desktop.kiro.dev/refreshToken" << QByteArray("POST")
        << QStringList{QStringLiteral("Content-Type: application/json"), QStringLiteral("Connection: close"),
                       QStringLiteral("Accept: application/json, text/plain, */*"),
                       QStringLiteral("User-Agent: ") + kUserAgentSuffix}
        << QByteArray(R"({"refreshToken":"REFRESH"})") << signInTimeouts;
    QTest::newRow("IdC refresh")
        << int(C::IdcRefresh) << true << true << QString() << QByteArray()
        << "https://oidc.eu-central-1.amazonaws.com/token" << QByteArray("POST")
        << QStringList{QStringLiteral("Content-Type: application/json"),
                       QStringLiteral("Connection: close"),
                       QStringLiteral("x-amz-user-agent: aws-sdk-js/3.980.0 KiroIDE"),
                       QStringLiteral("User-Agent: aws-sdk-js/3.980.0 ua/2.1 os/darwin#24.6.0 lang/js "
                                      "md/nodejs#22.22.0 api/sso-oidc#3.980.0 m/E KiroIDE"),
                       QStringLiteral("amz-sdk-invocation-id: <uuid>"),
                       QStringLiteral("amz-sdk-request: attempt=1; max=4")}
        << QByteArray(
               R"({"clientId":"CID","clientSecret":"CSECRET","grantType":"refresh_token","refreshToken":"REFRESH"})")
        << signInTimeouts;

    const QStringList runtime = {
        QStringLiteral("Authorization: Bearer ACCESS"),
        QStringLiteral("x-amz-user-agent: aws-sdk-js/1.0.0 ") + kUserAgentSuffix,
        QStringLiteral("User-Agent: aws-sdk-js/1.0.0 ua/2.1 os/darwin#24.6.0 lang/js md/nodejs#22.22.0 "
                       "api/codewhispererruntime#1.0.0 m/N,E ") +
            kUserAgentSuffix,
        QStringLiteral("amz-sdk-invocation-id: <uuid>"),
        QStringLiteral("amz-sdk-request: attempt=1; max=1"),
        QStringLiteral("Connection: close"),
    };
    QTest::newRow("usage") << int(C::Usage) << true << true << QString() << QByteArray()
                           << "https://q.us-west-2.amazonaws.com/getUsageLimits" << QByteArray("GET") << runtime
                           << QByteArray() << signInTimeouts;
    QTest::newRow("runtime GET") << int(C::RuntimeGet) << true << true << QStringLiteral("/ListAvailableModels")
                                 << QByteArray() << "https://q.us-west-2.amazonaws.com/ListAvailableModels"
                                 << QByteArray("GET") << runtime << QByteArray() << jsonTimeouts;
    QTest::newRow("runtime GET in the config region")
        << int(C::RuntimeGet) << false << false << QStringLiteral("/ListAvailableModels") << QByteArray()
        << "https://q.us-east-1.amazonaws.com/ListAvailableModels" << QByteArray("GET") << runtime << QByteArray()
        << jsonTimeouts;
    QTest::newRow("runtime POST with a profile ARN")
        << int(C::RuntimePost) << true << true << QStringLiteral("/mcp") << QByteArray(R"({"jsonrpc":"2.0"})")
        << "https://q.us-west-2.amazonaws.com/mcp" << QByteArray("POST")
        << (runtime +
            QStringList{QStringLiteral("x-amzn-kiro-profile-arn: arn:aws:codewhisperer:us-east-1:1:profile/P"),
                        QStringLiteral("Content-Type: application/json")})
        << QByteArray(R"({"jsonrpc":"2.0"})") << jsonTimeouts;
    QTest::newRow("runtime POST without a profile ARN")
        << int(C::RuntimePost) << true << false << QStringLiteral("/mcp") << QByteArray(R"({"jsonrpc":"2.0"})")
        << "https://q.us-west-2.amazonaws.com/mcp" << QByteArray("POST")
        << (runtime + QStringList{QStringLiteral("Content-Type: application/json")})
        << QByteArray(R"({"jsonrpc":"2.0"})") << jsonTimeouts;
}

void TestKiroRequests::everyHeaderOfEveryCall()
{
    QFETCH(int, call);
    QFETCH(bool, regions);
    QFETCH(bool, profileArn);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, url);
    QFETCH(QByteArray, method);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, sentBody);
    QFETCH(QList<int>, timeouts);

    const Config c = config();
    const KiroHttpRequest r =
        KiroRequests::build(c, credential(regions, profileArn), kMachineId, KiroRequests::Call(call), path, body);
    QCOMPARE(r.url.toString(), url);
    QCOMPARE(r.method, method);
    QStringList sent;
    for (const auto &h : r.headers) {
        QString value = QString::fromUtf8(h.second);
        if (h.first == "amz-sdk-invocation-id") {
            QVERIFY2(!QUuid::fromString(value).isNull() && value.size() == 36, qPrintable(value));
            value = QStringLiteral("<uuid>");
        }
        sent.append(QString::fromUtf8(h.first) + QStringLiteral(": ") + value);
    }
    QCOMPARE(sent, headers);
    QCOMPARE(r.body, sentBody);
    QCOMPARE((QList<int>{r.timeouts.connectMs, r.timeouts.firstByteMs, r.timeouts.idleMs, r.timeouts.transferMs,
                         r.timeouts.totalMs}),
             timeouts);
    QCOMPARE(r.proxy, KiroRequests::proxy(c));
}

void TestKiroRequests::invocationIdsAreFresh()
{
    const Config c = config();
    auto id = [&c] {
        const KiroHttpRequest r =
            KiroRequests::build(c, credential(false, false), kMachineId, KiroRequests::Call::Chat, QString(), "{}");
        for (const auto &h : r.headers) {
            if (h.first == "amz-sdk-invocation-id")
                return h.second;
        }
        return QByteArray();
    };
    QVERIFY(id() != id());
}

void TestKiroRequests::networkRequestKeepsHeadersInOrder()
{
    const KiroHttpRequest r = KiroRequests::build(config(), credential(true, true), kMachineId,
                                                  KiroRequests::Call::RuntimePost, QStringLiteral("/mcp"), "{}");
    const QNetworkRequest n = r.networkRequest();
    QCOMPARE(n.url(), r.url);
    QCOMPARE(n.transferTimeout(), 60000);
    QList<QByteArray> names;
    for (const auto &h : r.headers) {
        names.append(h.first);
        QCOMPARE(n.rawHeader(h.first), h.second);
    }
    QCOMPARE(n.rawHeaderList(), names);
    QCOMPARE(n.header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
}

namespace {

/// A loopback server that reads requests and answers each the way `mode` says: "silent" never answers, "drip" sends a
/// head and then one body byte every 50 ms (never silent long enough for a transfer timeout), "late" answers 200 after
/// 600 ms.
class LoopbackServer : public QTcpServer
{
public:
    explicit LoopbackServer(const QString &mode)
        : m_mode(mode)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                serve(socket);
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(serverPort())); }

private:
    void serve(QTcpSocket *socket)
    {
        socket->setParent(this);
        if (m_mode == QLatin1String("drip")) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            auto *drip = new QTimer(socket);
            connect(drip, &QTimer::timeout, socket, [socket] { socket->write("x"); });
            drip->start(50);
        } else if (m_mode == QLatin1String("late")) {
            QTimer::singleShot(600, socket, [socket] {
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            });
        }
    }
    QString m_mode;
};

KiroHttpRequest loopbackRequest(const QUrl &url, int connectMs, int transferMs, int totalMs)
{
    KiroHttpRequest r;
    r.url = url;
    r.method = QByteArrayLiteral("POST");
    r.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    r.body = QByteArrayLiteral("{}");
    r.timeouts.connectMs = connectMs;
    r.timeouts.transferMs = transferMs;
    r.timeouts.totalMs = totalMs;
    return r;
}

} // namespace

void TestKiroRequests::sendBoundsTheWholeCall_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("connectMs");
    QTest::addColumn<int>("transferMs");
    QTest::addColumn<int>("totalMs");
    QTest::addColumn<QString>("failure"); ///< empty: the call succeeds
    QTest::newRow("no answer at all") << "silent" << 0 << 0 << 300 << "no answer from 127.0.0.1 within 300 ms";
    QTest::newRow("an answer that drips past the total")
        << "drip" << 0 << 1000 << 400 << "no answer from 127.0.0.1 within 400 ms";
    QTest::newRow("connected: the connect timeout no longer counts") << "late" << 100 << 0 << 20000 << "";
}

// Refresh and quota calls must end within their bounds however the server stalls: QNetworkRequest's transfer timeout
// alone lets a dripping answer run on, and the connect timeout must stop once connected.
void TestKiroRequests::sendBoundsTheWholeCall()
{
    QFETCH(QString, mode);
    QFETCH(int, connectMs);
    QFETCH(int, transferMs);
    QFETCH(int, totalMs);
    QFETCH(QString, failure);
    LoopbackServer server(mode);
    QVERIFY(server.isListening());
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = KiroRequests::send(nam, loopbackRequest(server.url(), connectMs, transferMs, totalMs));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (failure.isEmpty()) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(status, 200);
        QCOMPARE(reply->readAll(), QByteArray("ok"));
    } else {
        // The callers read a reply cut by a timeout as a transport failure, even when its head had arrived.
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        const UpstreamError plain = KiroRequests::transportFailure(*reply);
        QCOMPARE(plain.kind, UpstreamError::Kind::Timeout);
        QCOMPARE(plain.cause(), UpstreamError::Cause::Transient);
        const UpstreamError refresh = KiroRequests::transportFailure(*reply, true);
        QCOMPARE(refresh.kind, UpstreamError::Kind::Timeout);
        QCOMPARE(refresh.message, failure);
        QCOMPARE(refresh.cause(), UpstreamError::Cause::SignInTimeout);
    }
    delete reply;
}

// A connect that never completes (a loopback listener whose accept queue is full drops further SYNs) ends after the
// connect timeout, with its own wording.
void TestKiroRequests::sendBoundsTheConnect()
{
#ifdef Q_OS_LINUX
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&address), length) == 0);
    QVERIFY(::listen(fd, 0) == 0);
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    const quint16 port = ntohs(address.sin_port);
    // Fill the accept queue (never accepted), then check that one more connect really hangs.
    QList<QTcpSocket *> fillers;
    bool hangs = false;
    for (int i = 0; i < 4 && !hangs; ++i) {
        auto *filler = new QTcpSocket(this);
        fillers.append(filler);
        filler->connectToHost(QHostAddress::LocalHost, port);
        hangs = !filler->waitForConnected(300);
    }
    if (!hangs) {
        qDeleteAll(fillers);
        ::close(fd);
        QSKIP("this kernel completes every loopback connect; cannot simulate a hanging connect");
    }
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/token").arg(port));
    QNetworkReply *reply = KiroRequests::send(nam, loopbackRequest(url, 300, 0, 0));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    const bool ended = finished.wait(15000);
    const UpstreamError refresh = KiroRequests::transportFailure(*reply, true);
    delete reply;
    qDeleteAll(fillers);
    ::close(fd);
    QVERIFY(ended);
    QCOMPARE(refresh.message, QStringLiteral("could not connect to 127.0.0.1 within 300 ms"));
    QCOMPARE(refresh.cause(), UpstreamError::Cause::SignInTimeout);
#else
    QSKIP("simulates a hanging connect with a full Linux accept queue");
#endif
}

void TestKiroRequests::proxy_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("proxyUser");
    QTest::addColumn<QString>("proxyPassword");
    QTest::newRow("unset: the system's") << ""
                                         << ""
                                         << "" << int(QNetworkProxy::DefaultProxy) << "" << 0 << ""
                                         << "";
    QTest::newRow("direct") << "direct"
                            << ""
                            << "" << int(QNetworkProxy::NoProxy) << "" << 0 << ""
                            << "";
    QTest::newRow("http with credentials in the URL")
        << "http://u:p@proxy.example:3128"
        << "other"
        << "other" << int(QNetworkProxy::HttpProxy) << "proxy.example" << 3128 << "u"
        << "p";
    QTest::newRow("http default port, configured credentials")
        << "http://proxy.example"
        << "cu"
        << "cp" << int(QNetworkProxy::HttpProxy) << "proxy.example" << 8080 << "cu"
        << "cp";
    QTest::newRow("socks5 default port") << "socks5://socks.example"
                                         << ""
                                         << "" << int(QNetworkProxy::Socks5Proxy) << "socks.example" << 1080 << ""
                                         << "";
}

void TestKiroRequests::proxy()
{
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(int, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, proxyUser);
    QFETCH(QString, proxyPassword);
    Config c;
    c.proxyUrl = url;
    c.proxyUsername = user;
    c.proxyPassword = password;
    const QNetworkProxy p = KiroRequests::proxy(c);
    QCOMPARE(int(p.type()), type);
    QCOMPARE(p.hostName(), host);
    QCOMPARE(int(p.port()), port);
    QCOMPARE(p.user(), proxyUser);
    QCOMPARE(p.password(), proxyPassword);
}

void TestKiroRequests::applyProxy()
{
    QNetworkAccessManager nam;
    Config c = config();
    KiroRequests::applyProxy(nam, c);
    QCOMPARE(nam.proxy(), KiroRequests::proxy(c));
    c.proxyUrl = QStringLiteral("direct");
    KiroRequests::applyProxy(nam, c);
    QCOMPARE(nam.proxy().type(), QNetworkProxy::NoProxy);
}

QTEST_GUILESS_MAIN(TestKiroRequests)
#include "tst_kirorequests.moc"
