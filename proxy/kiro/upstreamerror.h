// SPDX-License-Identifier: MIT
// UpstreamError: what went wrong talking to Kiro (chat, refresh or runtime call), and what that means (its Cause).
#pragma once

#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include "anthropic/apierror.h"

struct UpstreamError
{
    Q_DECLARE_TR_FUNCTIONS(UpstreamError)

public:
    /// How the failure showed itself.
    enum class Kind {
        Http,          ///< a non-2xx HTTP answer: `httpStatus`, `reason`, `message`
        Network,       ///< connection refused/reset, DNS, TLS, proxy failure
        Timeout,       ///< connect, first-byte or idle-read timeout
        Stream,        ///< the event stream broke (decoder gave up, exception/invalidState mid-stream)
        InvalidToken,  ///< refresh token rejected locally (§3.2 sanity check) or upstream invalid_grant
        Configuration, ///< bad credential/config (missing clientId for IdC, bad proxy URL, ...)
        Truncated      ///< the stream ended before Kiro finished the answer (connection lost, partial frame, open tool)
    };

    /// What the failure means. Every decision about a failure (account health, the client's error, retries,
    /// forced refresh, quota scans) switches over this; only the table in upstreamerror.cpp looks at wording.
    enum class Cause {
        QuotaExhausted,     ///< the account's monthly request limit is used up
        Suspended,          ///< Kiro suspended or locked the account
        BearerRejected,     ///< 401/403 "bearer token … invalid": one forced refresh may cure it
        CredentialsRefused, ///< any other 401/403
        RefreshRevoked,     ///< the refresh token is unusable: invalid_grant upstream, or the §3.2 local check
        Throttled,          ///< account-level rate limiting (429)
        Capacity,           ///< Kiro lacks capacity (INSUFFICIENT_MODEL_CAPACITY, 503): not the account's fault
        ContextOverflow,    ///< the conversation exceeds the model's context window
        InvalidModel,       ///< Kiro does not serve the model id (to this account)
        BadRequest,         ///< any other 400: the request itself is the problem
        Transient,          ///< network error, no answer in time, 408, 5xx: retry, then try another account
        SignInTimeout,      ///< the token refresh got no answer in time: try another account, cool this one briefly
        StreamBroken,       ///< a started stream became unreadable or went silent
        Truncated,          ///< the stream ended before Kiro finished the answer
        Configuration,      ///< the account's configuration is unusable; nothing was sent
        Unknown             ///< any other status, or a 200 answer we could not use
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString reason;  ///< upstream JSON "reason" (or error.reason / OAuth "error"), e.g. MONTHLY_REQUEST_COUNT
    QString message; ///< human-readable upstream message (JSON "message" / "error_description" / Qt error text)
    bool duringRefresh = false; ///< happened while refreshing the access token

    /// A non-2xx answer: status, reason and message parsed once from any of Kiro's shapes
    /// ({"reason","message"}, {"error":{...}}, "Message") or the OAuth shape of the refresh endpoints
    /// ({"error","error_description"}), and the cause from the table.
    static UpstreamError fromHttp(int status, const QByteArray &body, bool duringRefresh = false);
    static UpstreamError network(const QString &message);
    /// No answer (or no first byte) in time.
    static UpstreamError timeout(const QString &message);
    /// Kiro's sign-in service (a token refresh) gave no answer in time.
    static UpstreamError signInTimeout(const QString &message);
    /// A started 200 stream went silent.
    static UpstreamError stalled(const QString &message);
    /// The 200 stream could not be decoded.
    static UpstreamError stream(const QString &message);
    static UpstreamError truncated(const QString &message);
    static UpstreamError configuration(const QString &message);
    /// The refresh token failed the local sanity check (§3.2) and was never sent.
    static UpstreamError unusableRefreshToken(const QString &message);
    /// A 200 answer whose body could not be used.
    static UpstreamError unreadableAnswer(const QString &message);

    /// The cause set where the failure was read; an error assembled field by field is classified from its fields by
    /// the same table (prefer the constructors above).
    Cause cause() const;
    /// The table: the cause of a failure with these fields.
    static Cause classify(Kind kind, int httpStatus, const QString &reason, const QString &message, bool duringRefresh);

    /// KiroCall retries it on the same account (with backoff) while nothing reached the caller.
    bool retriesOnSameAccount() const;
    /// It says something about the account itself (quota, suspension, refused credentials): a background quota
    /// scan reports it against the account.
    bool blamesAccount() const;

    /// A short one-line description for logs and `/api` (English, no secrets).
    QString describe() const;
    /// What the failure means, for people: one translated sentence per cause, with the technical data (HTTP status,
    /// Kiro's own words) inside it as data (no secrets). The UI shows this; logs and clients never do.
    QString userMessage() const;
    /// Maps the upstream failure to the error the client sees (docs/protocol.md §11.1, §9.7).
    /// The one function that owns upstream → client status mapping.
    ApiError toClientError() const;

private:
    static UpstreamError make(Kind kind, Cause cause, const QString &message);
    std::optional<Cause> m_cause;
};
