// SPDX-License-Identifier: MIT
// CredentialCodec: one alias table for fields, one for auth methods; the stores' camelCase is the seed file's.
#include "kiro/credentialcodec.h"
#include "common/jsonnumber.h"

#include <QDateTime>

namespace {

using Method = KiroCredential::AuthMethod;

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return CredentialCodec::tr("a boolean");
    case QJsonValue::Double:
        return CredentialCodec::tr("a number");
    case QJsonValue::Array:
        return CredentialCodec::tr("an array");
    case QJsonValue::Object:
        return CredentialCodec::tr("an object");
    default:
        return CredentialCodec::tr("a string");
    }
}

QString externalIdpProblem()
{
    return CredentialCodec::tr("logins through an external identity provider (ExternalIdp) are not supported yet");
}

bool sameName(const QString &a, const char *b)
{
    return a.compare(QLatin1String(b), Qt::CaseInsensitive) == 0;
}

/// A field as found: its trimmed text, or why it could not be read.
struct Found
{
    QString value;
    QString error;
};

/// The first of the field's keys holding a non-blank string; empty when none does. null counts as absent; any other
/// non-string value is an error naming the key.
Found find(const QJsonObject &o, CredentialCodec::Field field)
{
    for (const QString &key : CredentialCodec::keys(field)) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            continue;
        // Never quote the value: it may be a secret.
        if (!v.isString())
            return {{}, CredentialCodec::tr("%1: expected a string, not %2").arg(key, jsonTypeName(v))};
        const QString text = v.toString().trimmed();
        if (!text.isEmpty())
            return {text, {}};
    }
    return {};
}

} // namespace

QStringList CredentialCodec::keys(Field field)
{
    switch (field) {
    case Field::RefreshToken:
        return {QStringLiteral("refreshToken"), QStringLiteral("refresh_token")};
    case Field::AccessToken:
        return {QStringLiteral("accessToken"), QStringLiteral("access_token")};
    case Field::ExpiresAt:
        return {QStringLiteral("expiresAt"), QStringLiteral("expires_at")};
    case Field::AuthMethod:
        return {QStringLiteral("authMethod"), QStringLiteral("auth_method")};
    case Field::ClientId:
        return {QStringLiteral("clientId"), QStringLiteral("client_id")};
    case Field::ClientSecret:
        return {QStringLiteral("clientSecret"), QStringLiteral("client_secret")};
    case Field::Region: // docs/protocol.md §2.2: authRegion before region
        return {QStringLiteral("authRegion"), QStringLiteral("auth_region"), QStringLiteral("region")};
    case Field::ApiRegion:
        return {QStringLiteral("apiRegion"), QStringLiteral("api_region")};
    case Field::ProfileArn:
        return {QStringLiteral("profileArn"), QStringLiteral("profile_arn")};
    case Field::MachineId:
        return {QStringLiteral("machineId"), QStringLiteral("machine_id")};
    case Field::Provider:
        return {QStringLiteral("provider")};
    case Field::Email:
        return {QStringLiteral("email")};
    case Field::Name:
        return {QStringLiteral("name"), QStringLiteral("label")};
    }
    return {};
}

Expected<KiroCredential::AuthMethod, QString> CredentialCodec::authMethodFromName(const QString &name)
{
    using R = Expected<Method, QString>;
    const QString n = name.trimmed();
    if (sameName(n, "social"))
        return Method::Social;
    if (sameName(n, "idc") || sameName(n, "builder-id") || sameName(n, "iam"))
        return Method::Idc;
    if (sameName(n, "external_idp"))
        return R::failure(externalIdpProblem());
    if (n.isEmpty())
        return R::failure(tr("no auth method given (expected social, idc, builder-id or iam)"));
    return R::failure(tr("auth method \"%1\" is not one of social, idc, builder-id, iam").arg(n.left(40)));
}

Expected<KiroCredential::AuthMethod, QString> CredentialCodec::resolveAuthMethod(const QString &name,
                                                                                 const QString &clientId,
                                                                                 const QString &clientSecret,
                                                                                 const QString &provider)
{
    if (sameName(provider, "ExternalIdp"))
        return Expected<Method, QString>::failure(externalIdpProblem());
    if (!name.trimmed().isEmpty())
        return authMethodFromName(name);
    // Kiro IDE and kiro.rs leave the name out of some files; the fields show what the login is.
    if (sameName(provider, "BuilderId") || sameName(provider, "Enterprise") ||
        (!clientId.isEmpty() && !clientSecret.isEmpty()))
        return Method::Idc;
    return Method::Social;
}

// The access token's expiry: an RFC 3339 string or epoch seconds/milliseconds. It only saves a refresh, so a value
// that cannot be read is no reason to refuse the credential: the token is then refreshed before its first use.
QDateTime expiry(const QJsonObject &o)
{
    for (const QString &key : CredentialCodec::keys(CredentialCodec::Field::ExpiresAt)) {
        const QJsonValue v = o.value(key);
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return QDateTime::fromString(v.toString().trimmed(), Qt::ISODate);
        if (v.isDouble() && v.toDouble() > 0) {
            const qint64 n = JsonNumber::toInt64(v.toDouble());
            const QDateTime at = n > 100000000000LL ? QDateTime::fromMSecsSinceEpoch(n, Qt::UTC)
                                                    : QDateTime::fromSecsSinceEpoch(n, Qt::UTC);
            // Past year 9999 the secret store could not write it back as an ISO date (and the access token would
            // never count as expired): such an expiry is unknown.
            return at.isValid() && at.date().year() <= 9999 ? at : QDateTime();
        }
    }
    return {};
}

CredentialReading CredentialCodec::read(const QJsonObject &o)
{
    CredentialReading r;
    KiroCredential &c = r.credential;
    const auto get = [&o, &r](Field field, QString &out) {
        Found f = find(o, field);
        if (f.error.isEmpty())
            out = std::move(f.value);
        else
            r.problems.append(f.error);
    };
    get(Field::RefreshToken, c.refreshToken);
    get(Field::AccessToken, c.accessToken);
    get(Field::ClientId, c.clientId);
    get(Field::ClientSecret, c.clientSecret);
    get(Field::ProfileArn, c.profileArn);
    get(Field::Region, c.region);
    get(Field::ApiRegion, c.apiRegion);
    get(Field::MachineId, c.machineId);
    get(Field::Provider, r.provider);
    get(Field::Email, r.email);
    get(Field::Name, r.name);

    c.expiresAt = expiry(o);
    QString method;
    get(Field::AuthMethod, method);
    const auto resolved = resolveAuthMethod(method, c.clientId, c.clientSecret, r.provider);
    if (resolved)
        c.authMethod = *resolved;
    else
        r.problems.append(resolved.error());
    return r;
}

Expected<KiroCredential, QString> CredentialCodec::fromJson(const QJsonObject &object)
{
    CredentialReading r = read(object);
    if (!r.problems.isEmpty())
        return Expected<KiroCredential, QString>::failure(r.problems.join(QStringLiteral("; ")));
    return std::move(r.credential);
}

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

QJsonObject CredentialCodec::writeRefreshed(QJsonObject o, const KiroCredential &c)
{
    // Every spelling the object already has gets the new value, so a later read cannot pick up a stale one.
    const auto put = [&o](Field field, const QString &value) {
        const QStringList names = keys(field);
        bool written = false;
        for (const QString &key : names) {
            if (o.contains(key)) {
                o.insert(key, value);
                written = true;
            }
        }
        if (!written)
            o.insert(names.first(), value);
    };
    put(Field::RefreshToken, c.refreshToken);
    put(Field::AccessToken, c.accessToken);
    if (c.expiresAt.isValid())
        put(Field::ExpiresAt, c.expiresAt.toUTC().toString(Qt::ISODate));
    if (!c.profileArn.isEmpty())
        put(Field::ProfileArn, c.profileArn);
    if (!c.machineId.isEmpty())
        put(Field::MachineId, c.machineId);
    return o;
}
