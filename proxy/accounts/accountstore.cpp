// SPDX-License-Identifier: MIT
// AccountStore: versioned JSON with QSaveFile; anything we cannot read safely is kept, not overwritten.
#include "accounts/accountstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcStore, "kiro.accounts.store")

AccountStore::AccountStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const auto r = flush();
        if (!r)
            emit saveFailed(r.error());
    });
}

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
        c.notice = QStringLiteral("%1 %2; it was moved to %3 and an empty pool was started").arg(m_path, why, aside);
        qCWarning(lcStore).noquote() << c.notice;
        c.accounts.clear();
    };
    if (!f.open(QIODevice::ReadOnly)) {
        c.notice = QStringLiteral("%1 cannot be read: %2").arg(m_path, f.errorString());
        return c;
    }
    const QByteArray data = f.readAll();
    f.close();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        setAside(QStringLiteral("is not valid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
        return c;
    }
    if (doc.isArray()) {
        setAside(
            QStringLiteral("is a pool-fork accounts.json with plaintext tokens — import it from the Accounts page or "
                           "with kiro-proxyd --import"));
        return c;
    }
    const QJsonObject root = doc.object();
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version != kVersion) {
        setAside(QStringLiteral("has unknown version %1").arg(version));
        return c;
    }
    c.strategy = root.value(QStringLiteral("strategy")).toString();
    m_written = data;
    for (const QJsonValue &v : root.value(QStringLiteral("accounts")).toArray()) {
        const Account a = Account::fromJson(v.toObject());
        if (a.id.isEmpty())
            continue;
        c.accounts.append(a);
    }
    return c;
}

void AccountStore::scheduleSave(const QList<Account> &accounts)
{
    m_pending = accounts;
    m_dirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

Expected<bool, QString> AccountStore::flush()
{
    if (!m_dirty)
        return true;
    m_timer.stop();
    m_dirty = false;
    return save(m_pending);
}

Expected<bool, QString> AccountStore::save(const QList<Account> &accounts, const QString &strategy)
{
    QJsonArray list;
    for (const Account &a : accounts)
        list.append(a.toJson());
    QJsonObject root{{QStringLiteral("version"), kVersion}, {QStringLiteral("accounts"), list}};
    if (!strategy.isEmpty()) // files of earlier versions carried the strategy; config.json owns it now
        root.insert(QStringLiteral("strategy"), strategy);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (bytes == m_written && QFile::exists(m_path))
        return true; // the file already says this (e.g. secrets arriving at start-up change nothing on disk)
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(m_path, out.errorString()));
    out.write(bytes);
    if (!out.commit())
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(m_path, out.errorString()));
    m_written = bytes;
    return true;
}
