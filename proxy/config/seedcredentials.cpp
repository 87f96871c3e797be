// SPDX-License-Identifier: MIT
// SeedCredentials: camelCase fields of kiro-protocol.md §3.1; authMethod canonicalised.
#include "config/seedcredentials.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

KiroCredential SeedCredentials::fromJson(const QJsonObject &o)
{
    KiroCredential c;
    c.refreshToken = o.value(QStringLiteral("refreshToken")).toString().trimmed();
    c.accessToken = o.value(QStringLiteral("accessToken")).toString();
    c.expiresAt = QDateTime::fromString(o.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    c.clientId = o.value(QStringLiteral("clientId")).toString();
    c.clientSecret = o.value(QStringLiteral("clientSecret")).toString();
    c.profileArn = o.value(QStringLiteral("profileArn")).toString();
    c.region = o.value(QStringLiteral("authRegion")).toString(o.value(QStringLiteral("region")).toString());
    c.apiRegion = o.value(QStringLiteral("apiRegion")).toString();
    c.machineId = o.value(QStringLiteral("machineId")).toString();
    const QString method = o.value(QStringLiteral("authMethod")).toString().toLower();
    if (method == QLatin1String("idc") || method == QLatin1String("builder-id") || method == QLatin1String("iam"))
        c.authMethod = KiroCredential::AuthMethod::Idc;
    else if (method.isEmpty() && !c.clientId.isEmpty() && !c.clientSecret.isEmpty())
        c.authMethod = KiroCredential::AuthMethod::Idc;
    else
        c.authMethod = KiroCredential::AuthMethod::Social;
    return c;
}

Expected<QList<KiroCredential>, QString> SeedCredentials::read(const QString &path)
{
    using R = Expected<QList<KiroCredential>, QString>;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(error.offset).arg(error.errorString()));
    QList<KiroCredential> out;
    if (doc.isObject()) {
        out.append(fromJson(doc.object()));
    } else if (doc.isArray()) {
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("disabled")).toBool(false))
                continue;
            out.append(fromJson(o));
        }
    } else {
        return R::failure(QStringLiteral("%1: expected an object or an array of credentials").arg(path));
    }
    for (int i = 0; i < out.size(); ++i) {
        if (out.at(i).refreshToken.isEmpty())
            return R::failure(QStringLiteral("%1: credential %2 has no refreshToken").arg(path).arg(i));
    }
    if (out.isEmpty())
        return R::failure(QStringLiteral("%1: no enabled credential").arg(path));
    return out;
}

Expected<bool, QString> SeedCredentials::writeBack(const QString &path, int index, const KiroCredential &c)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Expected<bool, QString>::failure(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    f.close();
    auto update = [&c](QJsonObject o) {
        o.insert(QStringLiteral("refreshToken"), c.refreshToken);
        o.insert(QStringLiteral("accessToken"), c.accessToken);
        if (c.expiresAt.isValid())
            o.insert(QStringLiteral("expiresAt"), c.expiresAt.toUTC().toString(Qt::ISODate));
        if (!c.profileArn.isEmpty())
            o.insert(QStringLiteral("profileArn"), c.profileArn);
        if (!c.machineId.isEmpty())
            o.insert(QStringLiteral("machineId"), c.machineId);
        return o;
    };
    if (doc.isObject()) {
        doc.setObject(update(doc.object()));
    } else if (doc.isArray()) {
        QJsonArray a = doc.array();
        int enabled = -1;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a.at(i).toObject().value(QStringLiteral("disabled")).toBool(false))
                continue;
            if (++enabled == index) {
                a[i] = update(a.at(i).toObject());
                break;
            }
        }
        doc.setArray(a);
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Expected<bool, QString>::failure(QStringLiteral("%1: cannot write (%2)").arg(path, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(doc.toJson(QJsonDocument::Indented));
    if (!out.commit())
        return Expected<bool, QString>::failure(QStringLiteral("%1: cannot write (%2)").arg(path, out.errorString()));
    return true;
}
