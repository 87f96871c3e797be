// SPDX-License-Identifier: MIT
// Tests UpstreamError::toClientError: the one mapping of Kiro failures to Anthropic errors (docs/protocol.md §11.1).
#include <QTest>

#include "kiro/upstreamerror.h"

class TestUpstreamError : public QObject
{
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
};

void TestUpstreamError::mapping_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("wording");
    using K = UpstreamError::Kind;
    auto row = [](const char *n, K k, int s, const char *r, const char *m, int cs, const char *t, const char *w) {
        QTest::newRow(n) << int(k) << s << QString::fromLatin1(r) << QString::fromLatin1(m) << cs
                         << QString::fromLatin1(t) << QString::fromLatin1(w);
    };
    row("context overflow", K::Http, 400, "CONTENT_LENGTH_EXCEEDS_THRESHOLD", "Input is too long.", 400,
        "invalid_request_error", "prompt is too long");
    row("input too long wording", K::Http, 400, "", "Input is too long.", 400, "invalid_request_error",
        "prompt is too long");
    row("improperly formed keeps wording", K::Http, 400, "", "Improperly formed request.", 400, "invalid_request_error",
        "Improperly formed request.");
    row("invalid model", K::Http, 400, "INVALID_MODEL_ID", "nope", 400, "invalid_request_error", "INVALID_MODEL_ID");
    row("monthly quota", K::Http, 402, "MONTHLY_REQUEST_COUNT", "You have reached the limit.", 402, "billing_error",
        "monthly request limit");
    row("suspended", K::Http, 403, "TEMPORARILY_SUSPENDED", "locked", 403, "permission_error", "suspended");
    row("throttled", K::Http, 429, "", "Due to suspicious activity", 429, "rate_limit_error", "rate limiting");
    row("capacity", K::Http, 429, "INSUFFICIENT_MODEL_CAPACITY", "busy", 529, "overloaded_error", "overloaded");
    row("503", K::Http, 503, "", "Service unavailable", 529, "overloaded_error", "overloaded");
    row("500", K::Http, 500, "", "boom", 502, "api_error", "HTTP 500");
    row("bearer after refresh", K::Http, 403, "", "The bearer token included in the request is invalid.", 502,
        "api_error", "credentials");
    row("network", K::Network, 0, "", "Connection refused", 502, "api_error", "Cannot reach Kiro");
    row("timeout", K::Timeout, 0, "", "no response", 504, "api_error", "did not answer");
    row("invalid grant", K::InvalidToken, 400, "invalid_grant", "revoked", 502, "api_error", "Re-import");
    row("digits in a request id mean nothing", K::Http, 400, "", "Improperly formed request. id 402-429", 400,
        "invalid_request_error", "Improperly formed");
}

void TestUpstreamError::mapping()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    QFETCH(int, clientStatus);
    QFETCH(QString, type);
    QFETCH(QString, wording);
    UpstreamError e;
    e.kind = UpstreamError::Kind(kind);
    e.httpStatus = status;
    e.reason = reason;
    e.message = message;
    const ApiError a = e.toClientError();
    QCOMPARE(a.status, clientStatus);
    QCOMPARE(a.type, type);
    QVERIFY2(a.message.contains(wording), qPrintable(a.message));
    if (clientStatus == 429 || clientStatus == 529)
        QVERIFY(a.retryAfterSeconds > 0);
}

QTEST_GUILESS_MAIN(TestUpstreamError)
#include "tst_upstreamerror.moc"
