// SPDX-License-Identifier: MIT
// AccountStore: versioned JSON written through DurableFile; anything we cannot read safely is kept, not overwritten.
#include "accounts/accountstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include "common/durablefile.h"

Q_LOGGING_CATEGORY(lcStore, "kiro.accounts.store")

AccountStore::AccountStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{}

AccountStore::Contents AccountStore::load()
{
    Contents c;
    QFile f(m_path);
    if (!f.exists())
        return c;
    auto setAside = [this, &c](const QString &why) {
        const QString aside = m_path + QStringLiteral(".corrupt-") +
                              QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss"));
        QFile::rename(m_path, aside);
        c.notice = tr("%1 It was moved to %2 and an empty pool was started.").arg(why, aside);
        qCWarning(lcStore).noquote() << c.notice;
        c.accounts.clear();
    };
    if (!f.open(QIODevice::ReadOnly)) {
        c.notice = tr("%1 cannot be read: %2").arg(m_path, f.errorString());
        return c;
    }
    const QByteArray data = f.readAll();
    f.close();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        setAside(tr("%1 is not valid JSON (%2 at offset %3).").arg(m_path, error.errorString()).arg(error.offset));
        return c;
    }
    if (doc.isArray()) {
        setAside(
            tr("%1 is an accounts.json of the pool fork, with plaintext tokens: import it from the Accounts page or "
               "with kiro-proxyd --import.")
                .arg(m_path));
        return c;
    }
    const QJsonObject root = doc.object();
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version != kVersion) {
        setAside(tr("%1 has unknown version %2.").arg(m_path).arg(version));
        return c;
    }
    c.strategy = root.value(QStringLiteral("strategy")).toString();
    m_written = data;
    for (const QJsonValue &v : root.value(QStringLiteral("secretsToDelete")).toArray())
        c.secretsToDelete.append(v.toString());
    for (const QJsonValue &v : root.value(QStringLiteral("accounts")).toArray()) {
        const QJsonObject o = v.toObject();
        const Account a = Account::fromJson(o);
        if (a.id.isEmpty())
            continue;
        if (o.value(QStringLiteral("pending")).toBool(false)) {
            // Added, but the secret store never confirmed its secret: the add was not acknowledged.
            qCInfo(lcStore).noquote() << "dropping account" << a.id << "whose add did not finish";
            c.secretsToDelete.append(a.id);
            continue;
        }
        c.accounts.append(a);
    }
    c.secretsToDelete.removeDuplicates();
    return c;
}

Expected<bool, QString> AccountStore::save(const QList<Account> &accounts, const QString &strategy)
{
    State state;
    state.accounts = accounts;
    state.strategy = strategy;
    return save(state);
}

Expected<bool, QString> AccountStore::save(const State &state)
{
    QJsonArray list;
    for (const Account &a : state.accounts) {
        QJsonObject o = a.toJson();
        if (state.unfinished.contains(a.id))
            o.insert(QStringLiteral("pending"), true);
        list.append(o);
    }
    QJsonObject root{{QStringLiteral("version"), kVersion}, {QStringLiteral("accounts"), list}};
    if (!state.secretsToDelete.isEmpty())
        root.insert(QStringLiteral("secretsToDelete"), QJsonArray::fromStringList(state.secretsToDelete));
    if (!state.strategy.isEmpty()) // files of earlier versions carried the strategy; config.json owns it now
        root.insert(QStringLiteral("strategy"), state.strategy);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (bytes == m_written && QFile::exists(m_path))
        return true; // the file already says this (e.g. secrets arriving at start-up change nothing on disk)
    const auto written = DurableFile::write(m_path, bytes);
    if (!written)
        return Expected<bool, QString>::failure(tr("Cannot write %1: %2").arg(m_path, written.error()));
    m_written = bytes;
    return true;
}
