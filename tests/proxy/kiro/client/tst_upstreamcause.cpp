// SPDX-License-Identifier: MIT
// Tests the one upstream-error taxonomy: each Kiro answer (status + body) or transport failure → its cause, and what
// every consumer does with that cause (account health, the client's error, same-account retry, forced refresh, quota
// scan). A new Kiro error is one row in upstreamerror.cpp and one row here.
#include <QTest>

#include "accounts/healthpolicy.h"
#include "kiro/upstreamerror.h"

class TestUpstreamCause : public QObject
{
    Q_OBJECT

private slots:
    void decisions_data();
    void decisions();
    void parsesEveryShape_data();
    void parsesEveryShape();
    void fieldByFieldMatchesTheTable();
    void signInTimeout();
};

namespace {

using C = UpstreamError::Cause;
using H = HealthAction::Kind;
using R = Account::Reason;

/// How the failure is produced: an HTTP answer (chat/runtime or refresh endpoint) or a named constructor.
enum class Source {
    Http,
    Refresh,
    Network,
    Timeout,
    SignInTimeout,
    Stalled,
    Stream,
    Truncated,
    Configuration,
    UnusableRefreshToken,
    UnreadableAnswer
};

UpstreamError make(Source source, int status, const QByteArray &body)
{
    const QString text = QString::fromUtf8(body);
    switch (source) {
    case Source::Http:
        return UpstreamError::fromHttp(status, body);
    case Source::Refresh:
        return UpstreamError::fromHttp(status, body, true);
    case Source::Network:
        return UpstreamError::network(text);
    case Source::Timeout:
        return UpstreamError::timeout(text);
    case Source::SignInTimeout:
        return UpstreamError::signInTimeout(text);
    case Source::Stalled:
        return UpstreamError::stalled(text);
    case Source::Stream:
        return UpstreamError::stream(text);
    case Source::Truncated:
        return UpstreamError::truncated(text);
    case Source::Configuration:
        return UpstreamError::configuration(text);
    case Source::UnusableRefreshToken:
        return UpstreamError::unusableRefreshToken(text);
    case Source::UnreadableAnswer:
        return UpstreamError::unreadableAnswer(text);
    }
    return {};
}

/// What every consumer does with one cause.
struct Outcome
{
    C cause;
    H health;
    R accountReason;
    bool failover;
    int clientStatus;
    const char *clientType;
    bool retrySameAccount;
    bool forceRefresh;
    bool quotaScanReports;
};

// clang-format off
constexpr Outcome kQuota       {C::QuotaExhausted,     H::Exhausted,    R::QuotaExhausted,      true,  402, "billing_error",         false, false, true};
constexpr Outcome kSuspended   {C::Suspended,          H::Disable,      R::Suspended,           true,  403, "permission_error",      false, false, true};
constexpr Outcome kBearer      {C::BearerRejected,     H::CountFailure, R::None,                true,  502, "api_error",             false, true,  true};
constexpr Outcome kRefused     {C::CredentialsRefused, H::CountFailure, R::None,                true,  502, "api_error",             false, false, true};
constexpr Outcome kRevoked     {C::RefreshRevoked,     H::Disable,      R::InvalidRefreshToken, true,  502, "api_error",             false, false, false};
constexpr Outcome kThrottled   {C::Throttled,          H::Cooldown,     R::RateLimited,         true,  429, "rate_limit_error",      false, false, false};
constexpr Outcome kCapacity    {C::Capacity,           H::None,         R::None,                true,  529, "overloaded_error",      false, false, false};
constexpr Outcome kContext     {C::ContextOverflow,    H::None,         R::None,                false, 400, "invalid_request_error", false, false, false};
constexpr Outcome kModel       {C::InvalidModel,       H::None,         R::None,                false, 400, "invalid_request_error", false, false, false};
constexpr Outcome kBadRequest  {C::BadRequest,         H::None,         R::None,                false, 400, "invalid_request_error", false, false, false};
constexpr Outcome kTransient   {C::Transient,          H::None,         R::None,                true,  502, "api_error",             true,  false, false};
constexpr Outcome kSlow        {C::Transient,          H::None,         R::None,                true,  504, "api_error",             true,  false, false};
constexpr Outcome kSignIn      {C::SignInTimeout,      H::Cooldown,     R::None,                true,  504, "api_error",             false, false, false};
constexpr Outcome kBroken      {C::StreamBroken,       H::None,         R::None,                true,  502, "api_error",             false, false, false};
constexpr Outcome kStalled     {C::StreamBroken,       H::None,         R::None,                true,  504, "api_error",             false, false, false};
constexpr Outcome kTruncated   {C::Truncated,          H::None,         R::None,                true,  502, "api_error",             false, false, false};
constexpr Outcome kConfig      {C::Configuration,      H::CountFailure, R::None,                true,  500, "api_error",             false, false, false};
constexpr Outcome kUnknown     {C::Unknown,            H::None,         R::None,                false, 502, "api_error",             false, false, false};
// clang-format on

void row(const char *name, Source source, int status, const char *body, const Outcome &o)
{
    QTest::newRow(name) << int(source) << status << QByteArray(body) << int(o.cause) << int(o.health)
                        << int(o.accountReason) << o.failover << o.clientStatus << QString::fromLatin1(o.clientType)
                        << o.retrySameAccount << o.forceRefresh << o.quotaScanReports;
}

} // namespace

void TestUpstreamCause::decisions_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("cause");
    QTest::addColumn<int>("health");
    QTest::addColumn<int>("accountReason");
    QTest::addColumn<bool>("failover");
    QTest::addColumn<int>("clientStatus");
    QTest::addColumn<QString>("clientType");
    QTest::addColumn<bool>("retrySameAccount");
    QTest::addColumn<bool>("forceRefresh");
    QTest::addColumn<bool>("quotaScanReports");
    using S = Source;

    // The refresh endpoints' own answers (OAuth shape), only while refreshing.
    row("refresh: invalid_grant", S::Refresh, 400,
        R"({"error":"invalid_grant","error_description":"Invalid refresh token provided"})", kRevoked);
    row("refresh: invalid refresh token wording", S::Refresh, 401, R"({"message":"Invalid refresh token"})", kRevoked);
    row("refresh: other OAuth error is a bad request", S::Refresh, 400,
        R"({"error":"invalid_request","error_description":"clientId, clientSecret and grantType are required"})",
        kBadRequest);
    row("refresh: 401 without the wording", S::Refresh, 401, R"({"error":"invalid_client"})", kRefused);
    row("refresh: 500", S::Refresh, 500, R"({"message":"Internal server error"})", kTransient);
    row("chat: invalid_grant means nothing outside a refresh", S::Http, 400,
        R"({"error":"invalid_grant","error_description":"Invalid refresh token provided"})", kBadRequest);

    // Reason codes, in both of Kiro's shapes; they win over status and wording.
    row("MONTHLY_REQUEST_COUNT", S::Http, 402,
        R"({"message":"You have reached the limit.","reason":"MONTHLY_REQUEST_COUNT"})", kQuota);
    row("MONTHLY_REQUEST_COUNT nested", S::Http, 402,
        R"({"error":{"message":"You have reached the limit.","reason":"MONTHLY_REQUEST_COUNT"}})", kQuota);
    row("MONTHLY_REQUEST_COUNT on another status", S::Http, 429, R"({"reason":"MONTHLY_REQUEST_COUNT"})", kQuota);
    row("TEMPORARILY_SUSPENDED", S::Http, 403, R"({"message":"x","reason":"TEMPORARILY_SUSPENDED"})", kSuspended);
    row("CONTENT_LENGTH_EXCEEDS_THRESHOLD", S::Http, 400,
        R"({"message":"Input is too long.","reason":"CONTENT_LENGTH_EXCEEDS_THRESHOLD"})", kContext);
    row("INVALID_MODEL_ID", S::Http, 400,
        R"({"message":"Invalid model. Please select a different model to continue.","reason":"INVALID_MODEL_ID"})",
        kModel);
    row("REQUEST_BODY_INVALID", S::Http, 400,
        R"({"message":"Invalid tool use format.","reason":"REQUEST_BODY_INVALID"})", kBadRequest);
    row("REQUEST_BODY_INVALID wins over a 5xx status", S::Http, 500,
        R"({"message":"Invalid tool use format.","reason":"REQUEST_BODY_INVALID"})", kBadRequest);
    row("INSUFFICIENT_MODEL_CAPACITY on 429 is not the account", S::Http, 429,
        R"({"message":"capacity","reason":"INSUFFICIENT_MODEL_CAPACITY"})", kCapacity);

    // Wording, with its status constraint.
    row("reached the limit on 402", S::Http, 402, R"({"message":"You have reached the limit."})", kQuota);
    row("reached the limit on 400 is the request", S::Http, 400, R"({"message":"You have reached the limit."})",
        kBadRequest);
    row("temporarily is suspended", S::Http, 403,
        R"({"message":"Your User ID (u) temporarily is suspended. We detected unusual user activity and locked it as a security precaution."})",
        kSuspended);
    row("temporarily suspended", S::Http, 403, R"({"message":"Your account is temporarily suspended"})", kSuspended);
    row("locked your account", S::Http, 403, R"({"Message":"We locked your account"})", kSuspended);
    row("locked it as a", S::Http, 403, R"({"message":"and locked it as a security precaution"})", kSuspended);
    row("suspension wording on 400 is the request", S::Http, 400, R"({"message":"the user was not suspended"})",
        kBadRequest);
    row("Input is too long", S::Http, 400, R"({"message":"Input is too long.","reason":null})", kContext);
    row("Context window is full", S::Http, 400, R"({"error":{"Message":"Context window is full"}})", kContext);
    row("bearer token on 403", S::Http, 403, R"({"message":"The bearer token included in the request is invalid."})",
        kBearer);
    row("bearer token on 401", S::Http, 401, R"({"message":"The bearer token included in the request is invalid."})",
        kBearer);
    row("bearer token on 400 is the request", S::Http, 400, R"({"message":"bearer token missing"})", kBadRequest);

    // The status alone.
    row("400 keeps Kiro's wording", S::Http, 400, R"({"message":"Improperly formed request.","reason":null})",
        kBadRequest);
    row("401", S::Http, 401, R"({"message":"Unauthorized"})", kRefused);
    row("403 other", S::Http, 403, R"({"message":"AccessDeniedException"})", kRefused);
    row("408", S::Http, 408, R"({"message":"timeout"})", kTransient);
    row("429 account throttling", S::Http, 429,
        R"({"message":"Due to suspicious activity, we are imposing temporary limits on how frequently your account can send a request to Kiro.","reason":null})",
        kThrottled);
    row("503 is capacity", S::Http, 503, R"({"message":"Service unavailable"})", kCapacity);
    row("500", S::Http, 500, R"({"message":"Internal server error"})", kTransient);
    row("504 not JSON", S::Http, 504, "<html>gateway timeout</html>", kTransient);
    row("402 without the wording", S::Http, 402, R"({"message":"Payment required"})", kUnknown);
    row("404", S::Http, 404, R"({"message":"not found"})", kUnknown);
    row("trap: digits in a request id", S::Http, 400,
        R"({"message":"Improperly formed request. RequestId: 402-403-429"})", kBadRequest);
    row("trap: rate in generate", S::Http, 400, R"({"message":"Failed to generate accurate rate"})", kBadRequest);
    row("trap: 500 body mentions 402", S::Http, 500, R"({"message":"upstream said 402 somewhere"})", kTransient);

    // Failures that are not an HTTP answer.
    row("network", S::Network, 0, "Connection refused", kTransient);
    row("timeout", S::Timeout, 0, "no response from Kiro within 90000 ms", kSlow);
    row("sign-in timeout", S::SignInTimeout, 0, "no answer from prod.us-east-1.auth.desktop.kiro.dev within 15000 ms",
        kSignIn);
    row("stalled stream", S::Stalled, 0, "Kiro's stream was silent for 300000 ms", kStalled);
    row("stream broke", S::Stream, 0, "corrupt frame", kBroken);
    row("truncated", S::Truncated, 0, "the stream ended inside a tool call", kTruncated);
    row("configuration", S::Configuration, 0, "IdC accounts need clientId and clientSecret", kConfig);
    row("unusable refresh token", S::UnusableRefreshToken, 0, "the refresh token is truncated", kRevoked);
    row("unreadable 200 answer", S::UnreadableAnswer, 0, "refresh answer has no accessToken", kUnknown);
}

void TestUpstreamCause::decisions()
{
    QFETCH(int, source);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, cause);
    QFETCH(int, health);
    QFETCH(int, accountReason);
    QFETCH(bool, failover);
    QFETCH(int, clientStatus);
    QFETCH(QString, clientType);
    QFETCH(bool, retrySameAccount);
    QFETCH(bool, forceRefresh);
    QFETCH(bool, quotaScanReports);

    const UpstreamError e = make(Source(source), status, body);
    QCOMPARE(int(e.cause()), cause);

    const HealthAction a = HealthPolicy::classify(e);
    QCOMPARE(int(a.kind), health);
    QCOMPARE(int(a.reason), accountReason);
    QCOMPARE(a.failover, failover);
    QCOMPARE(a.message, e.describe());

    const ApiError client = e.toClientError();
    QCOMPARE(client.status, clientStatus);
    QCOMPARE(client.type, clientType);
    QVERIFY(!client.message.isEmpty());
    if (clientStatus == 429 || clientStatus == 529)
        QVERIFY(client.retryAfterSeconds > 0);

    QCOMPARE(e.retriesOnSameAccount(), retrySameAccount);
    QCOMPARE(e.cause() == UpstreamError::Cause::BearerRejected, forceRefresh); // MessageExchange refreshes once
    QCOMPARE(e.blamesAccount(), quotaScanReports);
}

void TestUpstreamCause::parsesEveryShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("refresh");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::newRow("top level") << QByteArray(R"({"message":"m","reason":"R"})") << false << "R"
                               << "m";
    QTest::newRow("nested error") << QByteArray(R"({"error":{"message":"m","reason":"R"}})") << false << "R"
                                  << "m";
    QTest::newRow("capital Message") << QByteArray(R"({"Message":"m"})") << false << ""
                                     << "m";
    QTest::newRow("nested capital Message") << QByteArray(R"({"error":{"Message":"m"}})") << false << ""
                                            << "m";
    QTest::newRow("top level wins over nested")
        << QByteArray(R"({"message":"top","error":{"message":"inner","reason":"R"}})") << false << "R"
        << "top";
    QTest::newRow("null reason") << QByteArray(R"({"message":"m","reason":null})") << false << ""
                                 << "m";
    QTest::newRow("OAuth") << QByteArray(R"({"error":"invalid_grant","error_description":"d"})") << true
                           << "invalid_grant"
                           << "d";
    QTest::newRow("OAuth without description") << QByteArray(R"({"error":"invalid_grant"})") << true << "invalid_grant"
                                               << R"({"error":"invalid_grant"})";
    QTest::newRow("not JSON") << QByteArray("  <html>\n bad   gateway </html>") << false << ""
                              << "<html> bad gateway </html>";
    QTest::newRow("not JSON: 300 characters") << QByteArray(400, 'x') << false << "" << QString(300, QLatin1Char('x'));
    QTest::newRow("not JSON while refreshing: 200 characters")
        << QByteArray(400, 'x') << true << "" << QString(200, QLatin1Char('x'));
}

void TestUpstreamCause::parsesEveryShape()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, refresh);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const UpstreamError e = UpstreamError::fromHttp(418, body, refresh);
    QCOMPARE(e.kind, UpstreamError::Kind::Http);
    QCOMPARE(e.httpStatus, 418);
    QCOMPARE(e.duringRefresh, refresh);
    QCOMPARE(e.reason, reason);
    QCOMPARE(e.message, message);
}

// An error assembled field by field (older call sites, other tests) gets the cause the table gives its fields.
void TestUpstreamCause::fieldByFieldMatchesTheTable()
{
    const UpstreamError read = UpstreamError::fromHttp(
        403, R"({"message":"The bearer token included in the request is invalid.","reason":null})");
    UpstreamError assembled;
    assembled.kind = UpstreamError::Kind::Http;
    assembled.httpStatus = read.httpStatus;
    assembled.reason = read.reason;
    assembled.message = read.message;
    QCOMPARE(assembled.cause(), read.cause());
    QCOMPARE(assembled.cause(), UpstreamError::Cause::BearerRejected);

    UpstreamError truncated;
    truncated.kind = UpstreamError::Kind::Truncated;
    QCOMPARE(truncated.cause(), UpstreamError::Cause::Truncated);
    UpstreamError invalidToken;
    invalidToken.kind = UpstreamError::Kind::InvalidToken;
    QCOMPARE(invalidToken.cause(), UpstreamError::Cause::RefreshRevoked);
}

// A refresh that timed out is its own cause (however it is assembled), with the sign-in wording for the client and a
// short cooldown for the account; any other timeout stays transient.
void TestUpstreamCause::signInTimeout()
{
    UpstreamError assembled;
    assembled.kind = UpstreamError::Kind::Timeout;
    assembled.message = QStringLiteral("no answer");
    QCOMPARE(assembled.cause(), C::Transient);
    assembled.duringRefresh = true;
    QCOMPARE(assembled.cause(), C::SignInTimeout);

    const UpstreamError e = UpstreamError::signInTimeout(QStringLiteral("no answer from host within 800 ms"));
    QVERIFY(e.duringRefresh);
    QCOMPARE(e.kind, UpstreamError::Kind::Timeout);
    const ApiError client = e.toClientError();
    QVERIFY2(client.message.startsWith(QLatin1String("Kiro's sign-in service did not answer")),
             qPrintable(client.message));
    QVERIFY(client.message.contains(QLatin1String("within 800 ms")));
    QCOMPARE(HealthPolicy::classify(e).cooldownSeconds, HealthPolicy::kSignInCooldownSeconds);
    QCOMPARE(HealthPolicy::classify(UpstreamError::timeout(QStringLiteral("x"))).cooldownSeconds, 0);
}

QTEST_GUILESS_MAIN(TestUpstreamCause)
#include "tst_upstreamcause.moc"
