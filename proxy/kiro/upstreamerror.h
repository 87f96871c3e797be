// SPDX-License-Identifier: MIT
// UpstreamError: what went wrong talking to Kiro (chat, refresh or usage call), before any classification.
#pragma once

#include <QByteArray>
#include <QString>

#include "anthropic/apierror.h"

struct UpstreamError
{
    enum class Kind {
        Http,          ///< a non-2xx HTTP answer: `httpStatus`, `body`, `reason`, `message`
        Network,       ///< connection refused/reset, DNS, TLS, proxy failure
        Timeout,       ///< connect, first-byte or idle-read timeout
        Stream,        ///< the event stream broke (decoder gave up, exception/invalidState mid-stream)
        InvalidToken,  ///< refresh token rejected locally (§3.2 sanity check) or upstream invalid_grant
        Configuration, ///< bad credential/config (missing clientId for IdC, bad proxy URL, ...)
        Canceled,      ///< aborted because the client went away
        Truncated      ///< the stream ended before Kiro finished the answer (connection lost, partial frame, open tool)
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString reason;  ///< upstream JSON "reason" (or error.reason / OAuth "error"), e.g. MONTHLY_REQUEST_COUNT
    QString message; ///< human-readable upstream message (JSON "message" / "error_description" / Qt error text)
    QByteArray body; ///< raw upstream body (bounded, never logged verbatim if it could hold secrets)
    QString exceptionType;
    bool duringRefresh = false; ///< happened while refreshing the access token

    /// A non-2xx Kiro answer: status, bounded body, and the reason/message from any of Kiro's error shapes.
    static UpstreamError fromHttp(int status, const QByteArray &body);

    /// A short one-line description for logs and UI (no secrets).
    QString describe() const;
    /// Maps the upstream failure to the error the client sees (kiro-protocol.md §11.1, peers-and-clients.md §4.2).
    /// The one function that owns upstream → client status mapping.
    ApiError toClientError() const;
};
