// SPDX-License-Identifier: MIT
// MachineId: KRS derivation rule, stable per refresh token unless the user pins one.
#include "kiro/machineid.h"

#include <QCryptographicHash>
#include <QRegularExpression>

QString MachineId::normalize(const QString &value)
{
    const QString v = value.trimmed().toLower();
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (hex64.match(v).hasMatch())
        return v;
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    if (uuid.match(v).hasMatch()) {
        const QString hex = QString(v).remove(QLatin1Char('-'));
        return hex + hex;
    }
    return {};
}

QString MachineId::derive(const KiroCredential &credential, const QString &configMachineId)
{
    QString id = normalize(credential.machineId);
    if (!id.isEmpty())
        return id;
    id = normalize(configMachineId);
    if (!id.isEmpty())
        return id;
    const QByteArray seed = QByteArrayLiteral("KotlinNativeAPI/") + credential.refreshToken.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
}
