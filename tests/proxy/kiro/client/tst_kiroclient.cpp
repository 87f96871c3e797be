// SPDX-License-Identifier: MIT
// Tests KiroClient and TokenRefresher over real HTTP against the fake Kiro upstream (tests/e2e/fake-kiro-upstream.mjs):
// headers, incremental events, HTTP errors, first-byte timeout with retry, abort, refresh shapes, rotation,
// single-flight refresh, invalid_grant, sanity checks.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "config/config.h"
#include "fakekiroprocess.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"

class TestKiroClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void sendsKiroHeadersAndBody();
    void eventsArriveWhileStreaming();
    void httpErrorIsParsed();
    void firstByteTimeoutRetriesThenFails();
    void abortClosesUpstream();
    void connectionRefusedIsNetworkError();
    void socialRefreshRotates();
    void waitersRunOnlyOnceTheRotationIsStored();
    void idcRefreshSendsCamelCaseBody();
    void concurrentRefreshIsSingleFlight();
    void invalidGrantIsPermanent();
    void truncatedTokenNeverLeaves();
    void freshTokenIsNotRefreshed();
    void usageLimits();
    void cutStreamIsTruncation_data();
    void cutStreamIsTruncation();
    void modelListAllPages();
    void modelListFailure();
    void webSearchResultsAndFailures();

private:
    QJsonArray requests();
    QJsonObject stats();
    QJsonObject chatBody(const QString &content) const;
    QByteArray chatBytes(const QString &content) const
    {
        return QJsonDocument(chatBody(content)).toJson(QJsonDocument::Compact);
    }
    KiroCredential credential(const QString &token = QString()) const;

    FakeKiroProcess m_fake;
    QString m_url;
    Config m_config;
    QNetworkAccessManager m_nam;
};

void TestKiroClient::initTestCase()
{
    m_url = m_fake.start();
    QVERIFY2(!m_url.isEmpty(), qPrintable(m_fake.error()));
}

void TestKiroClient::cleanupTestCase()
{}

void TestKiroClient::init()
{
    m_config = Config();
    m_config.apiEndpoint = m_config.socialAuthEndpoint = m_config.idcAuthEndpoint = m_url;
    m_config.firstByteTimeoutMs = 400;
    m_config.maxUpstreamRetries = 1;
    m_config.kiroVersion = QStringLiteral("9.9.9");
    QNetworkRequest reset(QUrl(m_url + QStringLiteral("/__control/reset")));
    QNetworkReply *r = m_nam.post(reset, QByteArray());
    QSignalSpy done(r, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));
    r->deleteLater();
}

QJsonArray TestKiroClient::requests()
{
    QNetworkReply *r = m_nam.get(QNetworkRequest(QUrl(m_url + QStringLiteral("/__control/requests"))));
    QSignalSpy done(r, &QNetworkReply::finished);
    done.wait(5000);
    r->deleteLater();
    return QJsonDocument::fromJson(r->readAll()).array();
}

QJsonObject TestKiroClient::stats()
{
    QNetworkReply *r = m_nam.get(QNetworkRequest(QUrl(m_url + QStringLiteral("/__control/stats"))));
    QSignalSpy done(r, &QNetworkReply::finished);
    done.wait(5000);
    r->deleteLater();
    return QJsonDocument::fromJson(r->readAll()).object();
}

QJsonObject TestKiroClient::chatBody(const QString &content) const
{
    return QJsonObject{{QStringLiteral("conversationState"),
                        QJsonObject{{QStringLiteral("currentMessage"),
                                     QJsonObject{{QStringLiteral("userInputMessage"),
                                                  QJsonObject{{QStringLiteral("content"), content}}}}}}}};
}

KiroCredential TestKiroClient::credential(const QString &token) const
{
    KiroCredential c;
    c.refreshToken = token.isEmpty() ? QStringLiteral("client-test-") + QString(120, QLatin1Char('t')) : token;
    c.accessToken = QStringLiteral("access-test");
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    return c;
}

void TestKiroClient::sendsKiroHeadersAndBody()
{
    KiroClient client(m_config);
    KiroCall *call =
        client.send(chatBytes(QStringLiteral("hi")), credential(), {QString(64, QLatin1Char('a')), QString()});
    QSignalSpy finished(call, &KiroCall::finished);
    QVERIFY(finished.wait(5000));
    call->deleteLater();
    const QJsonObject req = requests().last().toObject();
    const QJsonObject h = req.value(QStringLiteral("headers")).toObject();
    QCOMPARE(req.value(QStringLiteral("path")).toString(), QStringLiteral("/generateAssistantResponse"));
    QCOMPARE(h.value(QStringLiteral("authorization")).toString(), QStringLiteral("Bearer access-test"));
    QCOMPARE(h.value(QStringLiteral("x-amzn-codewhisperer-optout")).toString(), QStringLiteral("true"));
    QCOMPARE(h.value(QStringLiteral("x-amzn-kiro-agent-mode")).toString(), QStringLiteral("vibe"));
    QCOMPARE(h.value(QStringLiteral("x-amz-user-agent")).toString(),
             QStringLiteral("aws-sdk-js/1.0.34 KiroIDE-9.9.9-") + QString(64, QLatin1Char('a')));
    QVERIFY(h.value(QStringLiteral("user-agent")).toString().contains(QLatin1String("api/codewhispererstreaming")));
    QCOMPARE(h.value(QStringLiteral("amz-sdk-request")).toString(), QStringLiteral("attempt=1; max=3"));
    QCOMPARE(h.value(QStringLiteral("amz-sdk-invocation-id")).toString().size(), 36);
    QCOMPARE(req.value(QStringLiteral("body")).toObject(), chatBody(QStringLiteral("hi")));
}

void TestKiroClient::eventsArriveWhileStreaming()
{
    KiroClient client(m_config);
    KiroCall *call = client.send(chatBytes(QStringLiteral("go [[slow]]")), credential(), {});
    QSignalSpy started(call, &KiroCall::responseStarted);
    QSignalSpy events(call, &KiroCall::eventsReceived);
    QSignalSpy finished(call, &KiroCall::finished);
    QVERIFY(events.wait(5000));
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 0); // the first events came while the body was still streaming
    QVERIFY(finished.wait(10000));
    int text = 0;
    for (const auto &args : events) {
        for (const KiroEvent &e : args.at(0).value<QList<KiroEvent>>())
            text += e.kind == KiroEvent::Kind::AssistantResponse ? 1 : 0;
    }
    QCOMPARE(text, 50);
    call->deleteLater();
}

void TestKiroClient::httpErrorIsParsed()
{
    KiroClient client(m_config);
    KiroCall *call = client.send(chatBytes(QStringLiteral("[[status:402]]")), credential(), {});
    QSignalSpy failed(call, &KiroCall::failed);
    QVERIFY(failed.wait(5000));
    const auto e = failed.first().at(0).value<UpstreamError>();
    QCOMPARE(e.kind, UpstreamError::Kind::Http);
    QCOMPARE(e.httpStatus, 402);
    QCOMPARE(e.reason, QStringLiteral("MONTHLY_REQUEST_COUNT"));
    QCOMPARE(e.message, QStringLiteral("You have reached the limit."));
    QCOMPARE(stats().value(QStringLiteral("chats")).toInt(), 1); // not retried
    call->deleteLater();
}

void TestKiroClient::firstByteTimeoutRetriesThenFails()
{
    KiroClient client(m_config);
    KiroCall *call = client.send(chatBytes(QStringLiteral("[[stall]]")), credential(), {});
    QSignalSpy failed(call, &KiroCall::failed);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).value<UpstreamError>().kind, UpstreamError::Kind::Timeout);
    QCOMPARE(stats().value(QStringLiteral("chats")).toInt(), 2); // one transparent retry
    QTRY_COMPARE(stats().value(QStringLiteral("stalls")).toInt(), 2);
    QTRY_COMPARE(stats().value(QStringLiteral("clientAborts")).toInt(), 2); // both connections were closed
    call->deleteLater();
}

void TestKiroClient::abortClosesUpstream()
{
    KiroClient client(m_config);
    KiroCall *call = client.send(chatBytes(QStringLiteral("[[slow]]")), credential(), {});
    QSignalSpy events(call, &KiroCall::eventsReceived);
    QVERIFY(events.wait(5000));
    call->abort();
    call->abort(); // idempotent
    QTRY_COMPARE(stats().value(QStringLiteral("clientAborts")).toInt(), 1);
    call->deleteLater();
}

void TestKiroClient::connectionRefusedIsNetworkError()
{
    Config c = m_config;
    c.apiEndpoint = QStringLiteral("http://127.0.0.1:1");
    c.maxUpstreamRetries = 0;
    KiroClient client(c);
    KiroCall *call = client.send(chatBytes(QStringLiteral("x")), credential(), {});
    QSignalSpy failed(call, &KiroCall::failed);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<UpstreamError>().kind, UpstreamError::Kind::Network);
    call->deleteLater();
}

// The request that triggered a refresh must not use the new access token before the rotated refresh token is stored
// (the old one is dead at Kiro): the waiters run only when the persist hook proceeds, and callers arriving meanwhile
// share that refresh instead of sending the dead token again.
void TestKiroClient::waitersRunOnlyOnceTheRotationIsStored()
{
    TokenRefresher refresher(&m_nam, m_config);
    KiroCredential stored;
    std::function<void()> proceed;
    refresher.setPersist([&stored, &proceed](const QString &, const KiroCredential &c, std::function<void()> go) {
        stored = c;
        proceed = std::move(go);
    });
    KiroCredential c = credential(QStringLiteral("rotate-persist-") + QString(120, QLatin1Char('p')));
    c.expiresAt = QDateTime();
    const int refreshesBefore = stats().value(QStringLiteral("refreshes")).toInt();
    int calls = 0;
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("acc-p"), c, false, this, [&](const RefreshResult &r) {
        ++calls;
        got = r;
    });
    QTRY_VERIFY(proceed != nullptr);
    QCOMPARE(stored.refreshToken, QStringLiteral("rotate1-persist-") + QString(120, QLatin1Char('p')));
    refresher.ensureFresh(QStringLiteral("acc-p"), c, false, this, [&](const RefreshResult &) { ++calls; });
    QTest::qWait(100);
    QCOMPARE(calls, 0); // not before the store said so
    proceed();
    QCOMPARE(calls, 2);
    QVERIFY(got.ok);
    QCOMPARE(got.credential.refreshToken, stored.refreshToken);
    QCOMPARE(stats().value(QStringLiteral("refreshes")).toInt(), refreshesBefore + 1);
}

void TestKiroClient::socialRefreshRotates()
{
    TokenRefresher refresher(&m_nam, m_config);
    QSignalSpy refreshed(&refresher, &TokenRefresher::credentialRefreshed);
    KiroCredential c = credential(QStringLiteral("rotate-") + QString(120, QLatin1Char('r')));
    c.expiresAt = QDateTime();
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("acc"), c, false, this, [&got](const RefreshResult &r) { got = r; });
    QTRY_VERIFY(got.ok || !got.error.message.isEmpty());
    QVERIFY2(got.ok, qPrintable(got.error.describe()));
    QVERIFY(got.credential.accessToken.startsWith(QLatin1String("access-")));
    QCOMPARE(got.credential.refreshToken, QStringLiteral("rotate1-") + QString(120, QLatin1Char('r')));
    QVERIFY(got.credential.expiresAt > QDateTime::currentDateTimeUtc().addSecs(3000));
    QVERIFY(got.credential.profileArn.startsWith(QLatin1String("arn:aws:codewhisperer")));
    QCOMPARE(refreshed.count(), 1);
    const QJsonObject req = requests().last().toObject();
    QCOMPARE(req.value(QStringLiteral("path")).toString(), QStringLiteral("/refreshToken"));
    QCOMPARE(req.value(QStringLiteral("body")).toObject().keys(), QStringList{QStringLiteral("refreshToken")});
    QVERIFY(req.value(QStringLiteral("headers"))
                .toObject()
                .value(QStringLiteral("user-agent"))
                .toString()
                .startsWith(QLatin1String("KiroIDE-9.9.9-")));

    // The old token was rotated away: using it again is invalid_grant.
    RefreshResult again;
    refresher.ensureFresh(QStringLiteral("acc"), c, true, this, [&again](const RefreshResult &r) { again = r; });
    QTRY_VERIFY(!again.error.message.isEmpty());
    QCOMPARE(again.error.kind, UpstreamError::Kind::InvalidToken);
}

void TestKiroClient::idcRefreshSendsCamelCaseBody()
{
    TokenRefresher refresher(&m_nam, m_config);
    KiroCredential c = credential();
    c.authMethod = KiroCredential::AuthMethod::Idc;
    c.clientId = QStringLiteral("cid");
    c.clientSecret = QStringLiteral("csecret");
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("idc"), c, true, this, [&got](const RefreshResult &r) { got = r; });
    QTRY_VERIFY(got.ok);
    const QJsonObject req = requests().last().toObject();
    QCOMPARE(req.value(QStringLiteral("path")).toString(), QStringLiteral("/token"));
    const QJsonObject body = req.value(QStringLiteral("body")).toObject();
    QCOMPARE(body.value(QStringLiteral("grantType")).toString(), QStringLiteral("refresh_token"));
    QCOMPARE(body.value(QStringLiteral("clientId")).toString(), QStringLiteral("cid"));
    QCOMPARE(body.value(QStringLiteral("clientSecret")).toString(), QStringLiteral("csecret"));
    QVERIFY(req.value(QStringLiteral("headers"))
                .toObject()
                .value(QStringLiteral("x-amz-user-agent"))
                .toString()
                .contains(QLatin1String("KiroIDE")));
    // IdC without a client secret never leaves the machine.
    c.clientSecret.clear();
    RefreshResult missing;
    refresher.ensureFresh(QStringLiteral("idc2"), c, true, this, [&missing](const RefreshResult &r) { missing = r; });
    QTRY_VERIFY(!missing.error.message.isEmpty());
    QCOMPARE(missing.error.kind, UpstreamError::Kind::Configuration);
}

void TestKiroClient::concurrentRefreshIsSingleFlight()
{
    TokenRefresher refresher(&m_nam, m_config);
    KiroCredential c = credential();
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(60); // within the refresh window
    int done = 0;
    QSet<QString> tokens;
    for (int i = 0; i < 5; ++i) {
        refresher.ensureFresh(QStringLiteral("same"), c, false, this, [&done, &tokens](const RefreshResult &r) {
            ++done;
            tokens.insert(r.credential.accessToken);
        });
    }
    QTRY_COMPARE(done, 5);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(stats().value(QStringLiteral("refreshes")).toInt(), 1);
}

void TestKiroClient::invalidGrantIsPermanent()
{
    TokenRefresher refresher(&m_nam, m_config);
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("bad"),
                          credential(QStringLiteral("invalid-") + QString(120, QLatin1Char('i'))), true, this,
                          [&got](const RefreshResult &r) { got = r; });
    QTRY_VERIFY(!got.error.message.isEmpty());
    QCOMPARE(got.error.kind, UpstreamError::Kind::InvalidToken);
    QVERIFY(got.error.message.contains(QLatin1String("invalid_grant")));
    QVERIFY(!got.error.message.contains(QLatin1String("invalid-iiii"))); // never the token itself
}

void TestKiroClient::truncatedTokenNeverLeaves()
{
    TokenRefresher refresher(&m_nam, m_config);
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("t"), credential(QStringLiteral("aorAAA...xyz")), true, this,
                          [&got](const RefreshResult &r) { got = r; });
    QTRY_VERIFY(!got.error.message.isEmpty());
    QVERIFY(got.error.message.contains(QLatin1String("truncated")));
    QCOMPARE(stats().value(QStringLiteral("refreshes")).toInt(), 0);
}

void TestKiroClient::freshTokenIsNotRefreshed()
{
    TokenRefresher refresher(&m_nam, m_config);
    RefreshResult got;
    refresher.ensureFresh(QStringLiteral("f"), credential(), false, this, [&got](const RefreshResult &r) { got = r; });
    QTRY_VERIFY(got.ok);
    QCOMPARE(stats().value(QStringLiteral("refreshes")).toInt(), 0);
}

void TestKiroClient::usageLimits()
{
    UsageClient usage(&m_nam, m_config);
    KiroCredential c = credential();
    c.accessToken = QStringLiteral("access-mid-x");
    std::optional<Expected<UsageLimits, UpstreamError>> got;
    usage.fetch(c, QString(64, QLatin1Char('a')), this,
                [&got](const Expected<UsageLimits, UpstreamError> &r) { got = r; });
    QTRY_VERIFY(got.has_value());
    QVERIFY(got->ok());
    QCOMPARE(got->value().limit, 1000.0);
    QCOMPARE(got->value().used, 800.0);
    QCOMPARE(got->value().usedPercent(), 80.0);
    QCOMPARE(got->value().nextReset, QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC)); // seconds, not ms
    QCOMPARE(got->value().email, QStringLiteral("fake@example.com"));
    const QJsonObject q = requests().last().toObject().value(QStringLiteral("query")).toObject();
    QCOMPARE(q.value(QStringLiteral("resourceType")).toString(), QStringLiteral("AGENTIC_REQUEST"));
    QCOMPARE(UsageLimits::bandFor(30.0), UsageLimits::Band::Yellow);
    QCOMPARE(UsageLimits::bandFor(30.1), UsageLimits::Band::Green);
    QCOMPARE(UsageLimits::bandFor(9.99), UsageLimits::Band::Red);
}

void TestKiroClient::cutStreamIsTruncation_data()
{
    QTest::addColumn<QString>("directive");
    QTest::newRow("socket closed without the last chunk") << QStringLiteral("[[cut:socket]]");
    QTest::newRow("partial event-stream frame left") << QStringLiteral("[[cut:partial]]");
}

// A stream Kiro cut off must never look complete (issue: "reported as complete").
void TestKiroClient::cutStreamIsTruncation()
{
    QFETCH(QString, directive);
    KiroClient client(m_config);
    KiroCall *call = client.send(chatBytes(QStringLiteral("Hi ") + directive), credential(), {});
    QSignalSpy events(call, &KiroCall::eventsReceived);
    QSignalSpy failed(call, &KiroCall::failed);
    QSignalSpy finished(call, &KiroCall::finished);
    QVERIFY(failed.wait(5000));
    QVERIFY(events.count() > 0);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.first().at(0).value<UpstreamError>().kind, UpstreamError::Kind::Truncated);
    // Events were delivered: never retried underneath the caller.
    QCOMPARE(stats().value(QStringLiteral("chats")).toInt(), 1);
    call->deleteLater();
}

void TestKiroClient::modelListAllPages()
{
    RuntimeClient runtime(&m_nam, m_config);
    std::optional<Expected<QList<KiroModelInfo>, UpstreamError>> got;
    runtime.fetchModels(credential(), QString(64, QLatin1Char('a')), this,
                        [&got](const Expected<QList<KiroModelInfo>, UpstreamError> &r) { got = r; });
    QTRY_VERIFY(got.has_value());
    QVERIFY(got->ok());
    QStringList ids;
    for (const KiroModelInfo &m : got->value())
        ids.append(m.modelId);
    QVERIFY2(ids.contains(QStringLiteral("claude-opus-4.7")) && ids.contains(QStringLiteral("auto")),
             qPrintable(ids.join(QLatin1Char(','))));
    const QJsonObject q = requests().last().toObject().value(QStringLiteral("query")).toObject();
    QCOMPARE(q.value(QStringLiteral("origin")).toString(), QStringLiteral("AI_EDITOR"));
}

void TestKiroClient::modelListFailure()
{
    RuntimeClient runtime(&m_nam, m_config);
    KiroCredential c = credential();
    c.accessToken = QStringLiteral("stale");
    std::optional<Expected<QList<KiroModelInfo>, UpstreamError>> got;
    runtime.fetchModels(c, QString(), this,
                        [&got](const Expected<QList<KiroModelInfo>, UpstreamError> &r) { got = r; });
    QTRY_VERIFY(got.has_value());
    QVERIFY(!got->ok());
    QCOMPARE(got->error().httpStatus, 403);
}

void TestKiroClient::webSearchResultsAndFailures()
{
    RuntimeClient runtime(&m_nam, m_config);
    QList<WebSearchResult> results;
    QString failure = QStringLiteral("unset");
    bool done = false;
    runtime.webSearch(credential(), QString(), QStringLiteral("qt release"), this,
                      [&](const QList<WebSearchResult> &r, const QString &f) {
                          results = r;
                          failure = f;
                          done = true;
                      });
    QTRY_VERIFY(done);
    QCOMPARE(results.size(), 3);
    QVERIFY(failure.isEmpty());
    QCOMPARE(results.first().title, QStringLiteral("Result 1 for qt release"));
    const QJsonObject req = requests().last().toObject();
    QCOMPARE(req.value(QStringLiteral("path")).toString(), QStringLiteral("/mcp"));
    QCOMPARE(req.value(QStringLiteral("body")).toObject().value(QStringLiteral("method")).toString(),
             QStringLiteral("tools/call"));

    for (const QString &q : {QStringLiteral("x [[mcp:error]]"), QStringLiteral("x [[mcp:500]]")}) {
        done = false;
        runtime.webSearch(credential(), QString(), q, this, [&](const QList<WebSearchResult> &r, const QString &f) {
            results = r;
            failure = f;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(results.isEmpty());
        QVERIFY(!failure.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestKiroClient)
#include "tst_kiroclient.moc"
