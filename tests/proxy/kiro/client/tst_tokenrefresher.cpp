// SPDX-License-Identifier: MIT
// Tests TokenRefresher's pure parts: reading a refresh endpoint's answer (docs/protocol.md §3.3, §3.4, §3.6) and the
// local checks that keep a request from leaving. The network side is in tst_kiroclient.
#include <QTest>

#include "kiro/client/tokenrefresher.h"
#include "kiro/machineid.h"

class TestTokenRefresher : public QObject
{
    Q_OBJECT

private slots:
    void parseReply_data();
    void parseReply();
    void localProblem_data();
    void localProblem();
};

namespace {

const QDateTime kNow(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

KiroCredential sent(bool idc, bool pinnedMachineId)
{
    KiroCredential c;
    c.authMethod = idc ? KiroCredential::AuthMethod::Idc : KiroCredential::AuthMethod::Social;
    c.refreshToken = QStringLiteral("old-refresh-") + QString(120, QLatin1Char('r'));
    c.accessToken = QStringLiteral("old-access");
    c.profileArn = QStringLiteral("arn:old");
    c.clientId = QStringLiteral("cid");
    c.clientSecret = QStringLiteral("csecret");
    if (pinnedMachineId)
        c.machineId = QString(64, QLatin1Char('f'));
    return c;
}

} // namespace

void TestTokenRefresher::parseReply_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("idc");
    QTest::addColumn<bool>("pinnedMachineId");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("cause");
    QTest::addColumn<QString>("message");     ///< the error message (failures)
    QTest::addColumn<QString>("accessToken"); ///< success: the new credential
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<QString>("profileArn");
    QTest::addColumn<int>("expiresInSecs");
    using K = UpstreamError::Kind;
    using C = UpstreamError::Cause;
    const QString oldRefresh = sent(false, false).refreshToken;
    auto ok = [](const char *name, const char *body, bool pinned, const QString &refresh, const char *arn,
                 int expiresIn) {
        QTest::newRow(name) << 200 << QByteArray(body) << false << pinned << true << int(K::Network) << 0 << QString()
                            << QStringLiteral("new-access") << refresh << QString::fromLatin1(arn) << expiresIn;
    };
    auto failed = [](const char *name, int status, const char *body, bool idc, K kind, C cause, const char *message) {
        QTest::newRow(name) << status << QByteArray(body) << idc << false << false << int(kind) << int(cause)
                            << QString::fromUtf8(message) << QString() << QString() << QString() << 0;
    };

    ok("200 rotates the refresh token and the profile ARN",
       R"({"accessToken":"new-access","refreshToken":"new-refresh","profileArn":"arn:new","expiresIn":3600})", false,
       QStringLiteral("new-refresh"), "arn:new", 3600);
    ok("200 without rotation keeps what was sent", R"({"accessToken":"new-access","expiresIn":3600})", false,
       oldRefresh, "arn:old", 3600);
    ok("200 keeps a pinned machine id", R"({"accessToken":"new-access","expiresIn":3600})", true, oldRefresh, "arn:old",
       3600);
    ok("200 with extra fields", R"({"accessToken":"new-access","expiresIn":28800,"tokenType":"Bearer"})", false,
       oldRefresh, "arn:old", 28800);
    failed("200 without accessToken", 200, R"({"expiresIn":3600})", false, K::Http, C::Unknown,
           "refresh answer has no accessToken");
    failed("200 with an empty accessToken", 200, R"({"accessToken":"","expiresIn":3600})", false, K::Http, C::Unknown,
           "refresh answer has no accessToken");
    failed("200 without expiresIn", 200, R"({"accessToken":"new-access"})", false, K::Http, C::Unknown,
           "refresh answer has no usable expiresIn");
    failed("200 with expiresIn 0", 200, R"({"accessToken":"new-access","expiresIn":0})", false, K::Http, C::Unknown,
           "refresh answer has no usable expiresIn");
    failed("200 with a negative expiresIn", 200, R"({"accessToken":"new-access","expiresIn":-5})", false, K::Http,
           C::Unknown, "refresh answer has no usable expiresIn");
    failed("200 with expiresIn as text", 200, R"({"accessToken":"new-access","expiresIn":"3600"})", false, K::Http,
           C::Unknown, "refresh answer has no usable expiresIn");
    failed("200 not JSON", 200, "<html>", false, K::Http, C::Unknown, "refresh answer has no accessToken");
    failed("400 invalid_grant (social)", 400,
           R"({"error":"invalid_grant","error_description":"Invalid refresh token provided"})", false, K::InvalidToken,
           C::RefreshRevoked, "Social login expired or was revoked (invalid_grant): Invalid refresh token provided");
    failed("400 invalid_grant (IdC)", 400, R"({"error":"invalid_grant","error_description":"Token is expired"})", true,
           K::InvalidToken, C::RefreshRevoked, "IdC login expired or was revoked (invalid_grant): Token is expired");
    failed("401 Invalid refresh token", 401, R"({"message":"Invalid refresh token"})", false, K::InvalidToken,
           C::RefreshRevoked, "Social login expired or was revoked (invalid_grant): Invalid refresh token");
    failed("400 other OAuth error", 400,
           R"({"error":"invalid_request","error_description":"clientId, clientSecret and grantType are required"})",
           true, K::Http, C::BadRequest, "clientId, clientSecret and grantType are required");
    failed("401 invalid_client", 401, R"({"error":"invalid_client","error_description":"bad client"})", true, K::Http,
           C::CredentialsRefused, "bad client");
    failed("500", 500, R"({"message":"Internal server error"})", false, K::Http, C::Transient, "Internal server error");
    failed("502 not JSON", 502, "<html>bad gateway</html>", false, K::Http, C::Transient, "<html>bad gateway</html>");
}

void TestTokenRefresher::parseReply()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, idc);
    QFETCH(bool, pinnedMachineId);
    QFETCH(bool, ok);
    QFETCH(int, kind);
    QFETCH(int, cause);
    QFETCH(QString, message);
    QFETCH(QString, accessToken);
    QFETCH(QString, refreshToken);
    QFETCH(QString, profileArn);
    QFETCH(int, expiresInSecs);

    const KiroCredential before = sent(idc, pinnedMachineId);
    const RefreshResult r = TokenRefresher::parseReply(status, body, before, kNow);
    QCOMPARE(r.ok, ok);
    QVERIFY(r.error.duringRefresh);
    if (!ok) {
        QCOMPARE(int(r.error.kind), kind);
        QCOMPARE(int(r.error.cause()), cause);
        QCOMPARE(r.error.httpStatus, status);
        QCOMPARE(r.error.message, message);
        QVERIFY(!r.error.describe().contains(before.refreshToken)); // never the token itself
        return;
    }
    QCOMPARE(r.credential.accessToken, accessToken);
    QCOMPARE(r.credential.refreshToken, refreshToken);
    QCOMPARE(r.credential.profileArn, profileArn);
    QCOMPARE(r.credential.expiresAt, kNow.addSecs(expiresInSecs));
    QCOMPARE(r.credential.authMethod, before.authMethod);
    QCOMPARE(r.credential.clientId, before.clientId);
    // The fingerprint is pinned to the token that was sent, so it survives rotation.
    QCOMPARE(r.credential.machineId, MachineId::derive(before, QString()));
}

void TestTokenRefresher::localProblem_data()
{
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<bool>("idc");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<int>("kind"); ///< -1: no problem
    QTest::addColumn<QString>("wording");
    const QString good = QString(120, QLatin1Char('t'));
    using K = UpstreamError::Kind;
    QTest::newRow("social, good token") << good << false << QString() << -1 << QString();
    QTest::newRow("IdC with client secret") << good << true << QStringLiteral("s") << -1 << QString();
    QTest::newRow("missing") << QString() << false << QString() << int(K::InvalidToken) << "missing";
    QTest::newRow("truncated") << QStringLiteral("aorAAA...xyz") << false << QString() << int(K::InvalidToken)
                               << "truncated";
    QTest::newRow("too short") << QString(99, QLatin1Char('t')) << false << QString() << int(K::InvalidToken)
                               << "too short";
    QTest::newRow("IdC without client secret")
        << good << true << QString() << int(K::Configuration) << "clientId and clientSecret";
}

void TestTokenRefresher::localProblem()
{
    QFETCH(QString, refreshToken);
    QFETCH(bool, idc);
    QFETCH(QString, clientSecret);
    QFETCH(int, kind);
    QFETCH(QString, wording);
    KiroCredential c;
    c.refreshToken = refreshToken;
    c.authMethod = idc ? KiroCredential::AuthMethod::Idc : KiroCredential::AuthMethod::Social;
    c.clientId = QStringLiteral("cid");
    c.clientSecret = clientSecret;
    const std::optional<UpstreamError> problem = TokenRefresher::localProblem(c);
    QCOMPARE(problem.has_value(), kind >= 0);
    if (!problem)
        return;
    QCOMPARE(int(problem->kind), kind);
    QVERIFY2(problem->message.contains(wording), qPrintable(problem->message));
}

QTEST_GUILESS_MAIN(TestTokenRefresher)
#include "tst_tokenrefresher.moc"
