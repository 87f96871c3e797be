// SPDX-License-Identifier: MIT
// CredentialCodec: the one place where credential JSON and auth-method names become a KiroCredential and back.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "common/expected.h"
#include "kiro/kirocredential.h"

/// What one credential object says: the credential, the account details that came with it, and what is wrong.
struct CredentialReading
{
    KiroCredential credential; ///< every field that could be read; unreadable ones keep their defaults
    QString name;              ///< name or label
    QString email;
    QString provider;     ///< Kiro IDE's provider: Github, Google, BuilderId, Enterprise, ExternalIdp
    QStringList problems; ///< malformed or unsupported values, each naming its key; empty = read completely
};

/// Reads credential JSON (docs/protocol.md §3.1) in every spelling in use — camelCase and snake_case, kiro.rs
/// credentials.json, Kiro IDE kiro-auth-token.json, pool accounts.json exports — and writes the camelCase form the
/// secret stores keep. Missing fields are not errors here (callers decide what a credential needs); values of the
/// wrong type, unreadable dates and unknown auth methods are.
class CredentialCodec
{
    Q_DECLARE_TR_FUNCTIONS(CredentialCodec) // problems are shown to people (the import dialog)

public:
    enum class Field {
        RefreshToken,
        AccessToken,
        ExpiresAt,
        AuthMethod,
        ClientId,
        ClientSecret,
        Region, ///< the auth region (refresh host)
        ApiRegion,
        ProfileArn,
        MachineId,
        Provider,
        Email,
        Name,
    };

    /// The keys a field is read from, in precedence order (e.g. authRegion before region, camelCase before snake).
    static QStringList keys(Field field);

    /// The auth method a name means, case-insensitive: "social"; "idc", "builder-id", "iam" (IdC). Anything else,
    /// including an empty name, is an error.
    static Expected<KiroCredential::AuthMethod, QString> authMethodFromName(const QString &name);
    /// The auth method of a credential: its explicit name when it has one; otherwise IdC when clientId and
    /// clientSecret are both set or the provider is BuilderId or Enterprise, else social. ExternalIdp is an error.
    static Expected<KiroCredential::AuthMethod, QString> resolveAuthMethod(const QString &name, const QString &clientId,
                                                                           const QString &clientSecret,
                                                                           const QString &provider = {});

    /// Reads everything an object says, collecting every problem instead of stopping at the first.
    static CredentialReading read(const QJsonObject &object);
    /// The credential an object holds, or its problems joined by "; ".
    static Expected<KiroCredential, QString> fromJson(const QJsonObject &object);
    /// camelCase; refreshToken and authMethod always, every other field only when set.
    static QJsonObject toJson(const KiroCredential &credential);
    /// Writes what a token refresh changes (refreshToken, accessToken; expiresAt, profileArn, machineId when set)
    /// into `object` under every spelling it already uses (camelCase when none), keeping all other keys.
    static QJsonObject writeRefreshed(QJsonObject object, const KiroCredential &credential);
};
