// SPDX-License-Identifier: MIT
// CredentialCodec: camelCase, matching the seed's credentials.json field names.
#include "accounts/credentialcodec.h"

QJsonObject CredentialCodec::toJson(const KiroCredential &c)
{
    QJsonObject o{{QStringLiteral("authMethod"), KiroCredential::authMethodName(c.authMethod)},
                  {QStringLiteral("refreshToken"), c.refreshToken}};
    auto put = [&o](const char *key, const QString &v) {
        if (!v.isEmpty())
            o.insert(QLatin1String(key), v);
    };
    put("accessToken", c.accessToken);
    if (c.expiresAt.isValid())
        o.insert(QStringLiteral("expiresAt"), c.expiresAt.toUTC().toString(Qt::ISODate));
    put("clientId", c.clientId);
    put("clientSecret", c.clientSecret);
    put("profileArn", c.profileArn);
    put("region", c.region);
    put("apiRegion", c.apiRegion);
    put("machineId", c.machineId);
    return o;
}

KiroCredential CredentialCodec::fromJson(const QJsonObject &o)
{
    KiroCredential c;
    const QString method = o.value(QStringLiteral("authMethod")).toString().toLower();
    c.authMethod =
        (method == QLatin1String("idc") || method == QLatin1String("builder-id") || method == QLatin1String("iam"))
            ? KiroCredential::AuthMethod::Idc
            : KiroCredential::AuthMethod::Social;
    c.refreshToken = o.value(QStringLiteral("refreshToken")).toString();
    c.accessToken = o.value(QStringLiteral("accessToken")).toString();
    c.expiresAt = QDateTime::fromString(o.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    c.clientId = o.value(QStringLiteral("clientId")).toString();
    c.clientSecret = o.value(QStringLiteral("clientSecret")).toString();
    c.profileArn = o.value(QStringLiteral("profileArn")).toString();
    c.region = o.value(QStringLiteral("region")).toString();
    c.apiRegion = o.value(QStringLiteral("apiRegion")).toString();
    c.machineId = o.value(QStringLiteral("machineId")).toString();
    return c;
}
