// SPDX-License-Identifier: MIT
// SeedCredentials: the file's shape (object or array, disabled entries) here; each entry read by CredentialCodec.
#include "config/seedcredentials.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/durablefile.h"
#include "kiro/credentialcodec.h"

Expected<QList<KiroCredential>, QString> SeedCredentials::read(const QString &path)
{
    using R = Expected<QList<KiroCredential>, QString>;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(
            QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(error.offset).arg(error.errorString()));
    QList<QJsonObject> entries;
    if (doc.isObject()) {
        entries.append(doc.object());
    } else if (doc.isArray()) {
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            if (!o.value(QStringLiteral("disabled")).toBool(false))
                entries.append(o);
        }
    } else {
        return R::failure(QStringLiteral("%1: expected an object or an array of credentials").arg(path));
    }
    QList<KiroCredential> out;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const auto credential = CredentialCodec::fromJson(entries.at(i));
        if (!credential)
            return R::failure(QStringLiteral("%1: credential %2: %3").arg(path).arg(i).arg(credential.error()));
        if (credential->refreshToken.isEmpty())
            return R::failure(QStringLiteral("%1: credential %2 has no refreshToken").arg(path).arg(i));
        out.append(credential.value());
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
    if (doc.isObject()) {
        doc.setObject(CredentialCodec::writeRefreshed(doc.object(), c));
    } else if (doc.isArray()) {
        QJsonArray a = doc.array();
        int enabled = -1;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a.at(i).toObject().value(QStringLiteral("disabled")).toBool(false))
                continue;
            if (++enabled == index) {
                a[i] = CredentialCodec::writeRefreshed(a.at(i).toObject(), c);
                break;
            }
        }
        doc.setArray(a);
    }
    // The user's file: replaced atomically and durably (a rotated refresh token is the only valid one left).
    const auto written = DurableFile::write(path, doc.toJson(QJsonDocument::Indented));
    if (!written)
        return Expected<bool, QString>::failure(QStringLiteral("%1: cannot write (%2)").arg(path, written.error()));
    return true;
}
