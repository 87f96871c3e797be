// SPDX-License-Identifier: MIT
// FileSecretStore: the file is created 0600 before a secret is written and replaced atomically.
#include "accounts/filesecretstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

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
        m_problem = QStringLiteral("%1 was unreadable and was moved to %2").arg(m_path, aside);
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
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(m_path, out.errorString()));
    // Restrict before any secret byte is written (QSaveFile writes a temporary file first).
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("accounts"), accounts}}).toJson());
    if (!out.commit())
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(m_path, out.errorString()));
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

void FileSecretStore::load(const QString &accountId, QObject *context, LoadCallback done)
{
    using R = Expected<KiroCredential, QString>;
    if (!m_entries.contains(accountId)) {
        replyLater(context, std::move(done),
                   R::failure(QStringLiteral("no secret stored for account %1").arg(accountId)));
        return;
    }
    const R credential = CredentialCodec::fromJson(m_entries.value(accountId));
    if (credential)
        replyLater(context, std::move(done), credential);
    else
        replyLater(context, std::move(done),
                   R::failure(QStringLiteral("the secret of account %1 in %2 is unreadable: %3")
                                  .arg(accountId, m_path, credential.error())));
}

void FileSecretStore::store(const QString &accountId, const KiroCredential &credential, QObject *context,
                            DoneCallback done)
{
    m_entries.insert(accountId, CredentialCodec::toJson(credential));
    const auto result = write();
    if (!result)
        emit problemOccurred(result.error());
    replyLater(context, std::move(done), result);
}

void FileSecretStore::remove(const QString &accountId, QObject *context, DoneCallback done)
{
    m_entries.remove(accountId);
    replyLater(context, std::move(done), write());
}
