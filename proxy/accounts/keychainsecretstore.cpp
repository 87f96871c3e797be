// SPDX-License-Identifier: MIT
// KeychainSecretStore: one compact JSON entry per account; one delayed retry when the backend is not up yet.
#include "accounts/keychainsecretstore.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include "kiro/credentialcodec.h"

Q_LOGGING_CATEGORY(lcKeychain, "kiro.accounts.keychain")

namespace {
constexpr int kRetryDelayMs = 1500;
}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::backendName() const
{
    return QStringLiteral("OS keychain (service \"%1\")").arg(m_service);
}

void KeychainSecretStore::enqueue(Job job)
{
    m_queue.append(std::move(job));
    if (!m_busy)
        runNext();
}

void KeychainSecretStore::runNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    Job job = m_queue.takeFirst();
    QKeychain::Job *kj = nullptr;
    switch (job.op) {
    case Op::Read:
        kj = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service, this);
        w->setBinaryData(job.data);
        kj = w;
        break;
    }
    case Op::Delete:
        kj = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    kj->setKey(job.key);
    kj->setAutoDelete(true);
    connect(kj, &QKeychain::Job::finished, this, [this, job](QKeychain::Job *finished) mutable {
        const QKeychain::Error error = finished->error();
        const bool backendMissing = error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError;
        if (error != QKeychain::NoError && backendMissing && job.attempt == 0) {
            // Secret Service daemons are often started on demand; give it one more chance.
            job.attempt = 1;
            qCInfo(lcKeychain) << "keychain not ready, retrying in" << kRetryDelayMs
                               << "ms:" << finished->errorString();
            QTimer::singleShot(kRetryDelayMs, this, [this, job] {
                m_queue.prepend(job);
                runNext();
            });
            return;
        }
        QByteArray data;
        if (job.op == Op::Read && error == QKeychain::NoError)
            data = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
        if (job.done)
            job.done(error == QKeychain::NoError, data, finished->errorString(), error == QKeychain::EntryNotFound);
        runNext();
    });
    kj->start();
}

void KeychainSecretStore::load(const QString &accountId, QObject *context, LoadCallback done)
{
    QPointer<QObject> guard(context);
    enqueue(
        Job{Op::Read,
            accountId,
            {},
            [this, guard, done, accountId](bool ok, const QByteArray &data, const QString &error, bool notFound) {
                if (!guard)
                    return;
                if (!ok) {
                    const QString message = notFound ? tr("no secret in the keychain for account %1").arg(accountId)
                                                     : tr("keychain read failed: %1").arg(error);
                    if (!notFound)
                        emit problemOccurred(message);
                    done(Expected<KiroCredential, QString>::failure(message));
                    return;
                }
                const auto credential = CredentialCodec::fromJson(QJsonDocument::fromJson(data).object());
                if (credential)
                    done(credential);
                else
                    done(Expected<KiroCredential, QString>::failure(
                        tr("the keychain entry of account %1 is unreadable: %2").arg(accountId, credential.error())));
            },
            0});
}

void KeychainSecretStore::store(const QString &accountId, const KiroCredential &credential, QObject *context,
                                DoneCallback done)
{
    QPointer<QObject> guard(context);
    const QByteArray data = QJsonDocument(CredentialCodec::toJson(credential)).toJson(QJsonDocument::Compact);
    enqueue(Job{Op::Write, accountId, data,
                [this, guard, done](bool ok, const QByteArray &, const QString &error, bool) {
                    if (!ok)
                        emit problemOccurred(tr("keychain write failed: %1").arg(error));
                    if (!guard || !done)
                        return;
                    if (ok)
                        done(true);
                    else
                        done(Expected<bool, QString>::failure(tr("keychain write failed: %1").arg(error)));
                },
                0});
}

void KeychainSecretStore::remove(const QString &accountId, QObject *context, DoneCallback done)
{
    QPointer<QObject> guard(context);
    enqueue(Job{Op::Delete,
                accountId,
                {},
                [guard, done](bool ok, const QByteArray &, const QString &error, bool notFound) {
                    if (!guard || !done)
                        return;
                    if (ok || notFound)
                        done(true);
                    else
                        done(Expected<bool, QString>::failure(tr("keychain delete failed: %1").arg(error)));
                },
                0});
}

void KeychainSecretStore::probe(QObject *context, std::function<void(bool, const QString &)> done)
{
    QPointer<QObject> guard(context);
    const QString key = QStringLiteral("kiro-tray-probe");
    enqueue(Job{Op::Write, key, QByteArrayLiteral("probe"),
                [this, guard, done, key](bool ok, const QByteArray &, const QString &error, bool) {
                    if (!ok) {
                        if (guard)
                            done(false, error);
                        return;
                    }
                    enqueue(Job{
                        Op::Read,
                        key,
                        {},
                        [this, guard, done, key](bool readOk, const QByteArray &data, const QString &readError, bool) {
                            enqueue(Job{Op::Delete, key, {}, nullptr, 0});
                            if (guard)
                                done(readOk && data == "probe", readOk ? QString() : readError);
                        },
                        0});
                },
                0});
}
