// SPDX-License-Identifier: MIT
// Redactor: every secret kind and shape goes, ordinary text (ids, models, paths, Kiro's wording) stays.
#include <atomic>
#include <thread>
#include <vector>

#include <QtTest>

#include "anthropic/apierror.h"
#include "common/redactor.h"
#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

namespace {
const QString R = QStringLiteral("[redacted]");
// Shaped like Kiro's real tokens: a prefix, a long base64 run, a colon and a signature.
const QString kKiroRefresh =
    QStringLiteral("aorAAAAAGj0Wq3sBmL9xK2vT7yQn4ZpR8cUe1hFd6wJ0gXo5:MGUCMQDx4Pk9Lr2TnV7bZ3cW8yF1sH6jQ0eA5uM+/gIK");
const QString kKiroAccess =
    QStringLiteral("aoaAAAAAGj0Wq3sBmL9xK2vT7yQn4ZpR8cUe1hFd6wJ0gXo5:MGQCMGx4Pk9Lr2TnV7bZ3cW8yF1sH6jQ0eA5uM");
const QString kJwt =
    QStringLiteral("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dGVzdHNpZ25hdHVyZQ");
const QString kBase64 = QStringLiteral("Zq8Lr2TnV7bZ3cW8yF1sH6jQ0eA5uMx4Pk9Lr2TnV7bZ3cW8");
const QString kHex64 = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT
private slots:
    void removesShapes_data();
    void removesShapes();
    void keepsOrdinaryText_data();
    void keepsOrdinaryText();
    void registeredValues();
    void truncatedRegisteredValue();
    void registrationIsCounted();
    void shortValuesAreIgnored();
    void credentialFields();
    void bytes();
    void upstreamErrorKeepsNoSecret();
    void clientErrorBodyIsScrubbed();
    void concurrentUse();
};

void TestRedactor::removesShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("authorization header")
        << QStringLiteral("Authorization: Bearer abc.def-123") << QStringLiteral("Authorization: Bearer ") + R;
    QTest::newRow("authorization basic") << QStringLiteral("authorization=Basic dXNlcjpwYXNz")
                                         << QStringLiteral("authorization=Basic ") + R;
    QTest::newRow("authorization json") << QStringLiteral(R"({"authorization":"Bearer access-1234abcd"})")
                                        << QStringLiteral(R"({"authorization":"Bearer )") + R + QStringLiteral("\"}");
    QTest::newRow("bearer in prose") << QStringLiteral("sent Bearer access-9f1c2e7a-77 to Kiro")
                                     << QStringLiteral("sent Bearer ") + R + QStringLiteral(" to Kiro");
    QTest::newRow("refreshToken json") << QStringLiteral(R"({"refreshToken":"plain-value-1","x":1})")
                                       << QStringLiteral(R"({"refreshToken":")") + R + QStringLiteral(R"(","x":1})");
    QTest::newRow("refresh_token form") << QStringLiteral("grant_type=refresh_token&refresh_token=abcdefg&client_id=c1")
                                        << QStringLiteral("grant_type=refresh_token&refresh_token=") + R +
                                               QStringLiteral("&client_id=c1");
    QTest::newRow("accessToken spaced") << QStringLiteral(R"("accessToken" : "tok")")
                                        << QStringLiteral(R"("accessToken" : ")") + R + QStringLiteral("\"");
    QTest::newRow("access_token") << QStringLiteral("access_token=tok123") << QStringLiteral("access_token=") + R;
    QTest::newRow("clientSecret") << QStringLiteral(R"({"clientSecret":"s3cr3t"})")
                                  << QStringLiteral(R"({"clientSecret":")") + R + QStringLiteral("\"}");
    QTest::newRow("client_secret") << QStringLiteral("client_secret: s3cr3t") << QStringLiteral("client_secret: ") + R;
    QTest::newRow("idToken") << QStringLiteral(R"("idToken":"abc")") << QStringLiteral(R"("idToken":")") + R + "\"";
    QTest::newRow("apiKey") << QStringLiteral(R"("apiKey":"k-1")") << QStringLiteral(R"("apiKey":")") + R + "\"";
    QTest::newRow("adminApiKey") << QStringLiteral(R"("adminApiKey":"adm")")
                                 << QStringLiteral(R"("adminApiKey":")") + R + "\"";
    QTest::newRow("x-api-key header") << QStringLiteral("x-api-key: mykey") << QStringLiteral("x-api-key: ") + R;
    QTest::newRow("password") << QStringLiteral(R"({"password":"hunter2"})")
                              << QStringLiteral(R"({"password":")") + R + "\"}";
    QTest::newRow("proxyPassword") << QStringLiteral("proxyPassword=pw") << QStringLiteral("proxyPassword=") + R;
    QTest::newRow("escaped json in a message")
        << QStringLiteral(R"(echo: {\"refreshToken\":\"abc12345\",\"clientId\":\"c\"})")
        << QStringLiteral(R"(echo: {\"refreshToken\":\")") + R + QStringLiteral(R"(\",\"clientId\":\"c\"})");
    QTest::newRow("jwt") << QStringLiteral("id ") + kJwt + QStringLiteral(" end")
                         << QStringLiteral("id ") + R + QStringLiteral(" end");
    QTest::newRow("kiro refresh token") << QStringLiteral("token ") + kKiroRefresh + QStringLiteral(" rejected")
                                        << QStringLiteral("token ") + R + QStringLiteral(" rejected");
    QTest::newRow("kiro access token") << QStringLiteral("(") + kKiroAccess + QStringLiteral(")")
                                       << QStringLiteral("(") + R + QStringLiteral(")");
    QTest::newRow("our api key") << QStringLiteral("key kt-Ab3dEf6hIj9lMn2pQr5tUv8xYz1B2c3D was wrong")
                                 << QStringLiteral("key ") + R + QStringLiteral(" was wrong");
    QTest::newRow("anthropic key") << QStringLiteral("sk-ant-api03-abcdefghijklmnopqrstuvwxyz") << R;
    QTest::newRow("base64 run") << QStringLiteral("got ") + kBase64 + QStringLiteral("==, done")
                                << QStringLiteral("got ") + R + QStringLiteral(", done");
    QTest::newRow("base64 after =") << QStringLiteral("code=") + kBase64 << QStringLiteral("code=") + R;
    QTest::newRow("hex 64") << QStringLiteral("seed ") + kHex64 << QStringLiteral("seed ") + R;
    QTest::newRow("hex 40") << QStringLiteral("sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709")
                            << QStringLiteral("sha1 ") + R;
    QTest::newRow("url credentials") << QStringLiteral("proxy http://bob:pa55word@proxy.local:3128 failed")
                                     << QStringLiteral("proxy http://bob:") + R +
                                            QStringLiteral("@proxy.local:3128 failed");
    QTest::newRow("two in one line") << QStringLiteral("Bearer abc-12345678 and refresh_token=zzz")
                                     << QStringLiteral("Bearer ") + R + QStringLiteral(" and refresh_token=") + R;
}

void TestRedactor::removesShapes()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Redactor::scrub(input), expected);
}

void TestRedactor::keepsOrdinaryText_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << QString();
    QTest::newRow("model") << QStringLiteral("model claude-sonnet-4.5 → CLAUDE_SONNET_4_5_20250929_V1_0 not served");
    // Request and message ids are logged on purpose; they are shorter than a long run or not random-looking.
    QTest::newRow("request id") << QStringLiteral("req_0123456789abcdef01234567 POST /v1/messages 200");
    QTest::newRow("message id") << QStringLiteral("msg_4f0c6e1d2a3b4c5d6e7f8091a2b3c4d5");
    QTest::newRow("server tool id") << QStringLiteral("srvtoolu_4f0c6e1d2a3b4c5d6e7f8091a2b3c4d5");
    QTest::newRow("tool use id") << QStringLiteral("tooluse_Ab3dEf6hIj9lMn2pQr5tUv");
    QTest::newRow("account id") << QStringLiteral("account 3f2b8a4e-9c1d-4e7f-a2b3-c4d5e6f70812 cooling down");
    QTest::newRow("profile arn") << QStringLiteral("arn:aws:codewhisperer:us-east-1:699475941385:profile/EHGA3GRVQMUK");
    QTest::newRow("data path") << QStringLiteral("cannot append to /home/alice/.local/share/kiro-tray/requests.jsonl");
    QTest::newRow("long lower path") << QStringLiteral("/usr/lib/x86_64-linux-gnu/qt6/plugins/platforms/libqxcb.so");
    QTest::newRow("long mixed path") << QStringLiteral("/home/Alice/Documents/Projects2024/KiroTray/build/x");
    QTest::newRow("camel case") << QStringLiteral("AccountServiceValidateAndAddCallbackHandlerForImports failed");
    QTest::newRow("long tool name") << QStringLiteral(
        "mcp__github__create_pull_request_with_reviewers_and_lab_0a1b2c3d");
    QTest::newRow("claude code user id") << QStringLiteral("user_") + QString(QStringLiteral("ab12")).repeated(16) +
                                                QStringLiteral(
                                                    "_account__session_3f2b8a4e-9c1d-4e7f-a2b3-c4d5e6f70812");
    QTest::newRow("kiro bearer wording") << QStringLiteral("The bearer token included in the request is invalid.");
    QTest::newRow("bearer prose") << QStringLiteral("Bearer authentication failed");
    QTest::newRow("oauth wording") << QStringLiteral("invalid_grant: Invalid refresh token provided");
    QTest::newRow("kiro reason") << QStringLiteral("HTTP 400 CONTENT_LENGTH_EXCEEDS_THRESHOLD: Input is too long.");
    QTest::newRow("secret store setting") << QStringLiteral(R"({"secretStore":"file","maxTokens":4096})");
    QTest::newRow("missing key") << QStringLiteral("missing x-api-key header; token refresh failed");
    QTest::newRow("grant type") << QStringLiteral("grant_type=refresh_token");
    QTest::newRow("url without credentials") << QStringLiteral("http://127.0.0.1:8080/v1/messages?beta=true");
    QTest::newRow("email") << QStringLiteral("user0@example.com imported");
    QTest::newRow("chinese") << QStringLiteral("账户的刷新令牌已失效");
}

void TestRedactor::keepsOrdinaryText()
{
    QFETCH(QString, input);
    QCOMPARE(Redactor::scrub(input), input);
}

void TestRedactor::registeredValues()
{
    // Shapes no pattern knows: only the registration removes them.
    const QString secret = QStringLiteral("plain-lowercase-words-secret");
    const QString text = QStringLiteral("Kiro said: unknown token plain-lowercase-words-secret (HTTP 500)");
    QCOMPARE(Redactor::scrub(text), text);
    Redactor::registerSecret(secret);
    QCOMPARE(Redactor::scrub(text), QStringLiteral("Kiro said: unknown token ") + R + QStringLiteral(" (HTTP 500)"));
    QCOMPARE(Redactor::scrub(QStringLiteral("x") + secret + secret), QStringLiteral("x") + R + R);
    Redactor::unregisterSecret(secret);
    QCOMPARE(Redactor::scrub(text), text);
}

void TestRedactor::truncatedRegisteredValue()
{
    const QString secret = QStringLiteral("echo-refresh-token-value-abcdefghijklmnop");
    Redactor::registerSecret(secret);
    // Cut at the end of a snippet, or followed by punctuation: still a secret.
    QCOMPARE(Redactor::scrub(QStringLiteral("body: ") + secret.left(20)), QStringLiteral("body: ") + R);
    QCOMPARE(Redactor::scrub(secret.left(25) + QStringLiteral("…")), R + QStringLiteral("…"));
    // The head followed by other text is something else.
    const QString other = secret.left(14) + QStringLiteral("zzzz");
    QCOMPARE(Redactor::scrub(other), other);
    Redactor::unregisterSecret(secret);
}

void TestRedactor::registrationIsCounted()
{
    const QString secret = QStringLiteral("counted-secret-value");
    const int before = Redactor::registeredCount();
    Redactor::registerSecret(secret);
    Redactor::registerSecret(secret);
    QCOMPARE(Redactor::registeredCount(), before + 1);
    Redactor::unregisterSecret(secret);
    QCOMPARE(Redactor::scrub(secret), R);
    Redactor::unregisterSecret(secret);
    QCOMPARE(Redactor::scrub(secret), secret);
    QCOMPARE(Redactor::registeredCount(), before);
    Redactor::unregisterSecret(secret); // one too many is harmless
    QCOMPARE(Redactor::registeredCount(), before);
}

void TestRedactor::shortValuesAreIgnored()
{
    Redactor::registerSecret(QStringLiteral("the"));
    QCOMPARE(Redactor::registeredCount(), 0);
    QCOMPARE(Redactor::scrub(QStringLiteral("the answer")), QStringLiteral("the answer"));
}

void TestRedactor::credentialFields()
{
    KiroCredential c;
    c.refreshToken = QStringLiteral("rt-lowercase-refresh-value");
    c.accessToken = QStringLiteral("at-lowercase-access-value");
    c.clientSecret = QStringLiteral("cs-lowercase-client-value");
    c.clientId = QStringLiteral("client-id-is-not-secret");
    const QString text = c.refreshToken + QLatin1Char(' ') + c.accessToken + QLatin1Char(' ') + c.clientSecret +
                         QLatin1Char(' ') + c.clientId;
    Redactor::registerCredential(c);
    QCOMPARE(Redactor::scrub(text), R + QLatin1Char(' ') + R + QLatin1Char(' ') + R + QLatin1Char(' ') + c.clientId);
    Redactor::unregisterCredential(c);
    QCOMPARE(Redactor::scrub(text), text);
    QCOMPARE(Redactor::registeredCount(), 0);
}

void TestRedactor::bytes()
{
    const QByteArray clean("plain \xff\xfe bytes that are not UTF-8");
    QCOMPARE(Redactor::scrub(clean), clean); // untouched, not re-encoded
    QCOMPARE(Redactor::scrub(QByteArray(R"({"refresh_token":"abc"})")),
             QByteArray(R"({"refresh_token":"[redacted]"})"));
}

void TestRedactor::upstreamErrorKeepsNoSecret()
{
    const QString secret = QStringLiteral("echo-refresh-plainsecret-0123456789");
    Redactor::registerSecret(secret);
    // A gateway echoes the request as plain text: the snippet is cut at 200 characters, in the middle of the token.
    const QByteArray echoed = QByteArray(190, 'x') + " refreshToken " + secret.toUtf8();
    const UpstreamError text = UpstreamError::fromHttp(500, echoed, true);
    QVERIFY(!text.message.contains(secret.left(8)));
    // The same in Kiro's JSON shape, and in the constructors.
    const QByteArray json =
        R"({"message":"bad request for )" + secret.toUtf8() + R"(","reason":")" + secret.toUtf8() + R"("})";
    const UpstreamError parsed = UpstreamError::fromHttp(400, json);
    QVERIFY(!parsed.message.contains(secret));
    QVERIFY(!parsed.reason.contains(secret));
    QVERIFY(!parsed.describe().contains(secret));
    QVERIFY(!parsed.toClientError().message.contains(secret));
    QCOMPARE(parsed.cause(), UpstreamError::Cause::BadRequest);
    QVERIFY(!UpstreamError::network(secret).describe().contains(secret));
    // Kiro's bearer wording still classifies after scrubbing.
    const UpstreamError bearer =
        UpstreamError::fromHttp(403, R"({"message":"The bearer token included in the request is invalid."})");
    QCOMPARE(bearer.cause(), UpstreamError::Cause::BearerRejected);
    QCOMPARE(bearer.message, QStringLiteral("The bearer token included in the request is invalid."));
    Redactor::unregisterSecret(secret);
}

void TestRedactor::clientErrorBodyIsScrubbed()
{
    // Also an ApiError made anywhere else (the stream's error event uses the same toJson).
    const ApiError e = ApiError::make(502, QStringLiteral("Kiro answered: Authorization: Bearer abc-12345678"));
    const QString message =
        e.toJson().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QCOMPARE(message, QStringLiteral("Kiro answered: Authorization: Bearer ") + R);
}

void TestRedactor::concurrentUse()
{
    // The message handler scrubs from any thread while the pool registers and unregisters.
    std::atomic<bool> stop{false};
    std::atomic<int> leaks{0};
    const QString stable = QStringLiteral("stable-registered-secret");
    Redactor::registerSecret(stable);
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            while (!stop) {
                if (Redactor::scrub(QStringLiteral("x ") + stable + QStringLiteral(" y")).contains(stable))
                    ++leaks;
            }
        });
    }
    for (int i = 0; i < 2000; ++i) {
        const QString v = QStringLiteral("churn-secret-%1").arg(i);
        Redactor::registerSecret(v);
        Redactor::unregisterSecret(v);
    }
    stop = true;
    for (std::thread &t : readers)
        t.join();
    Redactor::unregisterSecret(stable);
    QCOMPARE(leaks.load(), 0);
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
