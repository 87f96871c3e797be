// SPDX-License-Identifier: MIT
// KiroCredential: the secret material of one Kiro account (kept only in memory and in the SecretStore).
#pragma once

#include <QDateTime>
#include <QString>

struct KiroCredential
{
    enum class AuthMethod { Social, Idc };

    AuthMethod authMethod = AuthMethod::Social;
    QString refreshToken;
    QString accessToken;
    QDateTime expiresAt;  ///< access-token expiry (UTC); invalid = unknown, refresh first
    QString clientId;     ///< IdC only
    QString clientSecret; ///< IdC only
    QString profileArn;
    QString region;    ///< auth region (refresh host); empty = config region
    QString apiRegion; ///< chat/usage region; empty = config region
    QString machineId; ///< 64 hex; empty = derived (docs/protocol.md §4.3)

    static QString authMethodName(AuthMethod m)
    {
        return m == AuthMethod::Idc ? QStringLiteral("idc") : QStringLiteral("social");
    }
};
