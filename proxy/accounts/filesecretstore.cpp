// SPDX-License-Identifier: MIT
// FileSecretStore: the file is created 0600 before a secret is written, replaced atomically and durably; the
// changes of one event-loop turn share one write.
#include "accounts/filesecretstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>
#include <utility>

#include "common/durablefile.h"
#include "kiro/credentialcodec.h"

FileSecretStore::FileSecretStore(const QString &path, QObject *parent)
    : SecretStore(parent)
    , m_path(path)
{
    read();
}

QString FileSecretStore::backendName() const
{
    return QStringLiteral("file (%1, mode 0600)").arg(QDir::toNativeSeparators(m_path));
}

void FileSecretStore::read()
{
    QFile f(m_path);
    if (!f.exists() || !f.open(QIODevice::ReadOnly))
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    f.close();
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString aside = m_path + QStringLiteral(".corrupt-") +
                              QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss"));
        QFile::rename(m_path, aside);
        m_problem = tr("%1 was unreadable and was moved to %2.").arg(m_path, aside);
        return;
    }
    const QJsonObject accounts = doc.object().value(QStringLiteral("accounts")).toObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it)
        m_entries.insert(it.key(), it.value().toObject());
}

Expected<bool, QString> FileSecretStore::write()
{
    QJsonObject accounts;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        accounts.insert(it.key(), it.value());
    // DurableFile creates the file 0600 before any secret byte is written, and fsyncs it and its directory.
    return DurableFile::write(
        m_path,
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("accounts"), accounts}}).toJson());
}

// Every change made during one event-loop turn is written once; each caller hears back after that write.
void FileSecretStore::writeSoon(QObject *context, DoneCallback done)
{
    m_waiting.append({QPointer<QObject>(context), context != nullptr, std::move(done)});
    if (m_writeScheduled)
        return;
    m_writeScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_writeScheduled = false;
        const auto result = write();
        if (!result)
            emit problemOccurred(result.error());
        const QList<Waiter> waiting = std::exchange(m_waiting, {});
        for (const Waiter &w : waiting) {
            if (w.done && (!w.hasContext || w.context))
                w.done(result);
        }
    });
}

void FileSecretStore::load(const QString &accountId, QObject *context, LoadCallback done)
{
    using R = Expected<KiroCredential, QString>;
    if (!m_entries.contains(accountId)) {
        replyLater(context, std::move(done), R::failure(tr("no secret stored for account %1").arg(accountId)));
        return;
    }
    const R credential = CredentialCodec::fromJson(m_entries.value(accountId));
    if (credential)
        replyLater(context, std::move(done), credential);
    else
        replyLater(
            context, std::move(done),
            R::failure(
                tr("the secret of account %1 in %2 is unreadable: %3").arg(accountId, m_path, credential.error())));
}

void FileSecretStore::store(const QString &accountId, const KiroCredential &credential, QObject *context,
                            DoneCallback done)
{
    m_entries.insert(accountId, CredentialCodec::toJson(credential));
    writeSoon(context, std::move(done));
}

void FileSecretStore::remove(const QString &accountId, QObject *context, DoneCallback done)
{
    if (m_entries.remove(accountId) == 0) {
        replyLater(context, std::move(done), true);
        return;
    }
    writeSoon(context, std::move(done));
}
