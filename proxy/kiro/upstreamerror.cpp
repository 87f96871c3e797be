// SPDX-License-Identifier: MIT
// UpstreamError: the one table from Kiro's answers to causes, and the one mapping to client errors (§11.1).
#include "kiro/upstreamerror.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "common/redactor.h"

namespace {

using Cause = UpstreamError::Cause;

enum class Field {
    Reason,  ///< `reason` equals the text (Kiro's reason codes, the OAuth "error")
    Wording, ///< `message` contains the text, case-insensitively
    Status   ///< the status alone
};

enum class Calls {
    All,
    Refresh ///< only answers of the token refresh endpoints
};

struct Rule
{
    Field field;
    const char *text;
    int statusFrom; ///< 0: any status
    int statusTo;
    Calls calls;
    Cause cause;
};

constexpr int kAny = 0;
constexpr Calls kAll = Calls::All;

// Every Kiro failure we know (docs/protocol.md §3.6, §11.1). First match wins: the refresh endpoints' own answers,
// then reason codes, then wording, then the status alone. A new Kiro error is one row here (and one row in
// tst_upstreamcause).
constexpr Rule kRules[] = {
    {Field::Reason, "invalid_grant", kAny, kAny, Calls::Refresh, Cause::RefreshRevoked},
    {Field::Wording, "Invalid refresh token", kAny, kAny, Calls::Refresh, Cause::RefreshRevoked},

    {Field::Reason, "MONTHLY_REQUEST_COUNT", kAny, kAny, kAll, Cause::QuotaExhausted},
    {Field::Reason, "TEMPORARILY_SUSPENDED", kAny, kAny, kAll, Cause::Suspended},
    {Field::Reason, "CONTENT_LENGTH_EXCEEDS_THRESHOLD", kAny, kAny, kAll, Cause::ContextOverflow},
    {Field::Reason, "INVALID_MODEL_ID", kAny, kAny, kAll, Cause::InvalidModel},
    {Field::Reason, "INSUFFICIENT_MODEL_CAPACITY", kAny, kAny, kAll, Cause::Capacity},
    {Field::Reason, "REQUEST_BODY_INVALID", kAny, kAny, kAll, Cause::BadRequest},

    {Field::Wording, "reached the limit", 402, 402, kAll, Cause::QuotaExhausted},
    {Field::Wording, "temporarily is suspended", 403, 403, kAll, Cause::Suspended},
    {Field::Wording, "temporarily suspended", 403, 403, kAll, Cause::Suspended},
    {Field::Wording, "locked your account", 403, 403, kAll, Cause::Suspended},
    {Field::Wording, "locked it as a", 403, 403, kAll, Cause::Suspended},
    {Field::Wording, "Input is too long", kAny, kAny, kAll, Cause::ContextOverflow},
    {Field::Wording, "Context window is full", kAny, kAny, kAll, Cause::ContextOverflow},
    {Field::Wording, "bearer token", 401, 401, kAll, Cause::BearerRejected},
    {Field::Wording, "bearer token", 403, 403, kAll, Cause::BearerRejected},

    {Field::Status, nullptr, 400, 400, kAll, Cause::BadRequest},
    {Field::Status, nullptr, 401, 401, kAll, Cause::CredentialsRefused},
    {Field::Status, nullptr, 403, 403, kAll, Cause::CredentialsRefused},
    {Field::Status, nullptr, 408, 408, kAll, Cause::Transient},
    {Field::Status, nullptr, 429, 429, kAll, Cause::Throttled},
    {Field::Status, nullptr, 503, 503, kAll, Cause::Capacity},
    {Field::Status, nullptr, 500, 599, kAll, Cause::Transient},
};

bool matches(const Rule &rule, int status, const QString &reason, const QString &message, bool duringRefresh)
{
    if (rule.calls == Calls::Refresh && !duringRefresh)
        return false;
    if (rule.statusFrom != kAny && (status < rule.statusFrom || status > rule.statusTo))
        return false;
    switch (rule.field) {
    case Field::Reason:
        return reason == QLatin1String(rule.text);
    case Field::Wording:
        return message.contains(QLatin1String(rule.text), Qt::CaseInsensitive);
    case Field::Status:
        return true;
    }
    return false;
}

} // namespace

UpstreamError::Cause UpstreamError::classify(Kind kind, int httpStatus, const QString &reason, const QString &message,
                                             bool duringRefresh)
{
    switch (kind) {
    case Kind::Http:
        break;
    case Kind::Network:
        return Cause::Transient;
    case Kind::Timeout:
        return duringRefresh ? Cause::SignInTimeout : Cause::Transient;
    case Kind::Stream:
        return Cause::StreamBroken;
    case Kind::InvalidToken:
        return Cause::RefreshRevoked;
    case Kind::Configuration:
        return Cause::Configuration;
    case Kind::Truncated:
        return Cause::Truncated;
    }
    for (const Rule &rule : kRules) {
        if (matches(rule, httpStatus, reason, message, duringRefresh))
            return rule.cause;
    }
    return Cause::Unknown;
}

UpstreamError::Cause UpstreamError::cause() const
{
    return m_cause ? *m_cause : classify(kind, httpStatus, reason, message, duringRefresh);
}

UpstreamError UpstreamError::fromHttp(int status, const QByteArray &body, bool duringRefresh)
{
    UpstreamError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.duringRefresh = duringRefresh;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue error = o.value(QStringLiteral("error"));
    const QJsonObject inner = error.toObject();
    // The OAuth shape of the refresh endpoints: {"error":"invalid_grant","error_description":"..."}.
    e.reason = error.toString();
    e.message = o.value(QStringLiteral("error_description")).toString();
    for (const QJsonObject &source : {o, inner}) {
        if (e.message.isEmpty())
            e.message = source.value(QStringLiteral("message")).toString();
        if (e.message.isEmpty())
            e.message = source.value(QStringLiteral("Message")).toString();
        if (e.reason.isEmpty())
            e.reason = source.value(QStringLiteral("reason")).toString();
    }
    // Classified on Kiro's own words; then nothing of the body that could be a secret is kept (a gateway that echoes
    // the request puts the refresh token here). The whole body is scrubbed before it is cut, so no head survives.
    if (e.message.isEmpty())
        e.message = QString::fromUtf8(Redactor::scrub(body)).simplified().left(duringRefresh ? 200 : 300);
    e.m_cause = classify(e.kind, status, e.reason, e.message, duringRefresh);
    e.reason = Redactor::scrub(e.reason);
    e.message = Redactor::scrub(e.message);
    return e;
}

UpstreamError UpstreamError::make(Kind kind, Cause cause, const QString &message)
{
    UpstreamError e;
    e.kind = kind;
    e.message = Redactor::scrub(message);
    e.m_cause = cause;
    return e;
}

UpstreamError UpstreamError::network(const QString &message)
{
    return make(Kind::Network, Cause::Transient, message);
}

UpstreamError UpstreamError::timeout(const QString &message)
{
    return make(Kind::Timeout, Cause::Transient, message);
}

UpstreamError UpstreamError::signInTimeout(const QString &message)
{
    UpstreamError e = make(Kind::Timeout, Cause::SignInTimeout, message);
    e.duringRefresh = true;
    return e;
}

UpstreamError UpstreamError::stalled(const QString &message)
{
    return make(Kind::Timeout, Cause::StreamBroken, message);
}

UpstreamError UpstreamError::stream(const QString &message)
{
    return make(Kind::Stream, Cause::StreamBroken, message);
}

UpstreamError UpstreamError::truncated(const QString &message)
{
    return make(Kind::Truncated, Cause::Truncated, message);
}

UpstreamError UpstreamError::configuration(const QString &message)
{
    return make(Kind::Configuration, Cause::Configuration, message);
}

UpstreamError UpstreamError::unusableRefreshToken(const QString &message)
{
    return make(Kind::InvalidToken, Cause::RefreshRevoked, message);
}

UpstreamError UpstreamError::unreadableAnswer(const QString &message)
{
    UpstreamError e = make(Kind::Http, Cause::Unknown, message);
    e.httpStatus = 200;
    return e;
}

namespace {
// What a cause means for the call itself, one row per cause (the compiler lists a new cause here).
struct CallTraits
{
    bool retriesOnSameAccount; ///< KiroCall tries the same account again (with backoff)
    bool blamesAccount;        ///< a background quota scan reports it against the account
};

CallTraits traits(UpstreamError::Cause cause)
{
    using C = UpstreamError::Cause;
    switch (cause) {
    case C::Transient:
        return {true, false};
    case C::QuotaExhausted:
    case C::Suspended:
    case C::BearerRejected:
    case C::CredentialsRefused:
        return {false, true};
    case C::SignInTimeout: // the refresh already waited its full timeout; another account is the better bet
    case C::RefreshRevoked:
    case C::Throttled:
    case C::Capacity:
    case C::ContextOverflow:
    case C::InvalidModel:
    case C::BadRequest:
    case C::StreamBroken:
    case C::Truncated:
    case C::Configuration:
    case C::Unknown:
        break;
    }
    return {false, false};
}
} // namespace

bool UpstreamError::retriesOnSameAccount() const
{
    return traits(cause()).retriesOnSameAccount;
}

bool UpstreamError::blamesAccount() const
{
    return traits(cause()).blamesAccount;
}

QString UpstreamError::describe() const
{
    switch (kind) {
    case Kind::Http: {
        QString s = QStringLiteral("HTTP %1").arg(httpStatus);
        if (!reason.isEmpty())
            s += QStringLiteral(" %1").arg(reason);
        if (!message.isEmpty())
            s += QStringLiteral(": %1").arg(message.left(300));
        return s;
    }
    case Kind::Network:
        return QStringLiteral("network error: %1").arg(message);
    case Kind::Timeout:
        return QStringLiteral("timeout: %1").arg(message);
    case Kind::Stream:
        return QStringLiteral("stream error: %1").arg(message);
    case Kind::InvalidToken:
        return QStringLiteral("refresh token rejected: %1").arg(message);
    case Kind::Configuration:
        return QStringLiteral("configuration: %1").arg(message);
    case Kind::Truncated:
        return QStringLiteral("truncated: %1").arg(message);
    }
    return message;
}

QString UpstreamError::userMessage() const
{
    QString sentence;
    switch (cause()) {
    case Cause::QuotaExhausted:
        sentence = tr("This Kiro account has used up its monthly request limit.");
        break;
    case Cause::Suspended:
        sentence = tr("Kiro has suspended this account.");
        break;
    case Cause::BearerRejected:
    case Cause::CredentialsRefused:
        sentence = tr("Kiro refused the account's credentials (HTTP %1).").arg(httpStatus);
        break;
    case Cause::RefreshRevoked:
        // The local check (§3.2) never sent it; Kiro's invalid_grant has a status.
        sentence = kind == Kind::InvalidToken && httpStatus == 0
                       ? tr("The refresh token cannot be used (it is missing, cut short or incomplete); import the "
                            "account again.")
                       : tr("The login has expired or was revoked; import the account again.");
        break;
    case Cause::Throttled:
        sentence = tr("Kiro is limiting how fast this account may send requests; try again in a moment.");
        break;
    case Cause::Capacity:
        sentence = tr("Kiro is overloaded right now; try again shortly.");
        break;
    case Cause::ContextOverflow:
        sentence = tr("The conversation is longer than the model can take.");
        break;
    case Cause::InvalidModel:
        sentence = tr("Kiro does not offer this model to the account.");
        break;
    case Cause::BadRequest:
        sentence = tr("Kiro rejected the request (HTTP %1).").arg(httpStatus);
        break;
    case Cause::Transient:
        if (kind == Kind::Network)
            return tr("Cannot reach Kiro: %1").arg(message);
        if (kind == Kind::Timeout)
            return tr("Kiro did not answer in time; try again shortly.");
        sentence = tr("Kiro had a server error (HTTP %1); try again shortly.").arg(httpStatus);
        break;
    case Cause::SignInTimeout:
        return tr("Kiro's sign-in service did not answer in time; try again shortly.");
    case Cause::StreamBroken:
        return tr("Kiro's answer broke off before it was complete.");
    case Cause::Truncated:
        return tr("The connection to Kiro was lost before the answer was complete.");
    case Cause::Configuration:
        return tr("The account's sign-in details are incomplete (an IAM Identity Center or Builder ID account needs "
                  "its client ID and client secret); import it again.");
    case Cause::Unknown:
        sentence = httpStatus == 200 ? tr("Kiro's answer could not be read.")
                                     : tr("Kiro answered with an unexpected error (HTTP %1).").arg(httpStatus);
        break;
    }
    // Kiro's own words, as it said them: what a support request needs (a 200 answer we could not read has none).
    QString kiroSaid;
    if (kind == Kind::InvalidToken && httpStatus != 0) {
        kiroSaid = reason; // "invalid_grant" (the message is our own summary, for logs)
    } else if (kind == Kind::Http && httpStatus != 200) {
        kiroSaid = reason;
        if (!reason.isEmpty() && !message.isEmpty())
            kiroSaid += QStringLiteral(": ");
        kiroSaid += message.left(300);
    }
    return kiroSaid.isEmpty() ? sentence
                              : tr("%1 Kiro: “%2”", "a sentence, then Kiro's own words").arg(sentence, kiroSaid);
}

ApiError UpstreamError::toClientError() const
{
    switch (cause()) {
    case Cause::ContextOverflow:
        return ApiError::invalidRequest(
            QStringLiteral("prompt is too long: Kiro reports the conversation exceeds the model's context window "
                           "(CONTENT_LENGTH_EXCEEDS_THRESHOLD). Run /compact or start a new conversation."));
    case Cause::QuotaExhausted:
        return ApiError::make(402, QStringLiteral("This Kiro account has reached its monthly request limit (%1).")
                                       .arg(message.isEmpty() ? reason : message));
    case Cause::InvalidModel:
        return ApiError::invalidRequest(
            QStringLiteral("Kiro does not accept this model for the account (INVALID_MODEL_ID): %1").arg(message));
    case Cause::Suspended:
        return ApiError::permission(QStringLiteral("The Kiro account is suspended: %1").arg(message));
    case Cause::Capacity: {
        ApiError e =
            ApiError::make(529, QStringLiteral("Kiro is overloaded: %1").arg(message.isEmpty() ? reason : message));
        e.retryAfterSeconds = 10;
        return e;
    }
    case Cause::Throttled: {
        ApiError e = ApiError::make(429, QStringLiteral("Kiro is rate limiting this account: %1").arg(message));
        e.retryAfterSeconds = 30;
        return e;
    }
    case Cause::BadRequest:
        // Kiro's own wording is kept: clients react to it.
        return ApiError::invalidRequest(message.isEmpty() ? QStringLiteral("Kiro rejected the request (HTTP 400)")
                                                          : message);
    case Cause::BearerRejected:
    case Cause::CredentialsRefused:
        return ApiError::make(
            502, QStringLiteral("Kiro refused the account's credentials (HTTP %1): %2").arg(httpStatus).arg(message));
    case Cause::RefreshRevoked:
        return ApiError::make(
            502, QStringLiteral("Kiro rejected the account's refresh token (%1). Re-import the account.").arg(message));
    case Cause::Configuration:
        return ApiError::make(500, QStringLiteral("Account configuration problem: %1").arg(message));
    case Cause::Truncated:
        return ApiError::make(
            502, QStringLiteral("The upstream connection was lost before Kiro finished the answer (%1); the answer is "
                                "incomplete")
                     .arg(message));
    case Cause::SignInTimeout:
        return ApiError::make(
            504, QStringLiteral("Kiro's sign-in service did not answer (%1); try again shortly").arg(message));
    case Cause::Transient:
    case Cause::StreamBroken:
    case Cause::Unknown:
        break;
    }
    switch (kind) {
    case Kind::Timeout:
        return ApiError::make(504, QStringLiteral("Kiro did not answer in time (%1)").arg(message));
    case Kind::Network:
        return ApiError::make(502, QStringLiteral("Cannot reach Kiro: %1").arg(message));
    case Kind::Stream:
        return ApiError::make(502, QStringLiteral("Kiro's response stream broke: %1").arg(message));
    case Kind::Http:
    case Kind::InvalidToken:
    case Kind::Configuration:
    case Kind::Truncated:
        break;
    }
    return ApiError::make(502, QStringLiteral("Kiro answered HTTP %1: %2").arg(httpStatus).arg(message.left(500)));
}
