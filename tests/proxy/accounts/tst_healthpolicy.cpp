// SPDX-License-Identifier: MIT
// Tests HealthPolicy: reason codes first, wording second, never digits or substrings that merely look alike.
#include <QTest>

#include "accounts/healthpolicy.h"

class TestHealthPolicy : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
};

void TestHealthPolicy::classify_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("failover");
    using K = UpstreamError::Kind;
    using A = HealthAction::Kind;
    auto row = [](const char *name, K kind, int status, const char *reason, const char *message, A action,
                  bool failover) {
        QTest::newRow(name) << int(kind) << status << QString::fromLatin1(reason) << QString::fromUtf8(message)
                            << int(action) << failover;
    };
    row("monthly quota by reason", K::Http, 402, "MONTHLY_REQUEST_COUNT", "You have reached the limit.", A::Exhausted,
        true);
    row("monthly quota by wording", K::Http, 402, "", "You have reached the limit.", A::Exhausted, true);
    row("suspension by reason", K::Http, 403, "TEMPORARILY_SUSPENDED", "x", A::Disable, true);
    row("suspension by wording", K::Http, 403, "",
        "Your User ID (u) temporarily is suspended. We detected unusual user activity and locked it as a security "
        "precaution",
        A::Disable, true);
    row("locked your account", K::Http, 403, "", "We locked your account", A::Disable, true);
    row("bearer invalid after refresh", K::Http, 403, "", "The bearer token included in the request is invalid.",
        A::CountFailure, true);
    row("401", K::Http, 401, "", "Unauthorized", A::CountFailure, true);
    row("account throttling", K::Http, 429, "", "Due to suspicious activity, we are imposing temporary limits",
        A::Cooldown, true);
    row("capacity 429 is not the account", K::Http, 429, "INSUFFICIENT_MODEL_CAPACITY", "capacity", A::None, true);
    row("500 transient", K::Http, 500, "", "Internal error", A::None, true);
    row("503 transient", K::Http, 503, "", "Service unavailable", A::None, true);
    row("408 transient", K::Http, 408, "", "timeout", A::None, true);
    row("context too long is the request", K::Http, 400, "CONTENT_LENGTH_EXCEEDS_THRESHOLD", "Input is too long.",
        A::None, false);
    row("improperly formed is the request", K::Http, 400, "", "Improperly formed request.", A::None, false);
    row("invalid model is the request", K::Http, 400, "INVALID_MODEL_ID", "bad model", A::None, false);
    row("network error", K::Network, 0, "", "Connection refused", A::None, true);
    row("timeout", K::Timeout, 0, "", "no response", A::None, true);
    row("stream broke", K::Stream, 0, "", "corrupt", A::None, true);
    row("invalid grant", K::InvalidToken, 400, "invalid_grant", "Invalid refresh token provided", A::Disable, true);
    row("configuration", K::Configuration, 0, "", "missing clientSecret", A::CountFailure, true);
    row("trap: 402 digits in a request id", K::Http, 400, "", "Improperly formed request. RequestId: 402-403-429",
        A::None, false);
    row("trap: rate in generate", K::Http, 400, "", "Failed to generate accurate rate", A::None, false);
    row("trap: suspended word on a 400", K::Http, 400, "", "the user was not suspended", A::None, false);
    row("trap: 500 body mentions 402", K::Http, 500, "", "upstream said 402 somewhere", A::None, true);
}

void TestHealthPolicy::classify()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    QFETCH(int, action);
    QFETCH(bool, failover);
    UpstreamError e;
    e.kind = UpstreamError::Kind(kind);
    e.httpStatus = status;
    e.reason = reason;
    e.message = message;
    const HealthAction a = HealthPolicy::classify(e);
    QCOMPARE(int(a.kind), action);
    QCOMPARE(a.failover, failover);
}

QTEST_GUILESS_MAIN(TestHealthPolicy)
#include "tst_healthpolicy.moc"
