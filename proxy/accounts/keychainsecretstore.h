// SPDX-License-Identifier: MIT
// KeychainSecretStore: secrets in the OS keychain through QtKeychain (service "kiro-tray"), jobs serialised.
#pragma once

#include <QList>
#include <functional>

#include "accounts/secretstore.h"

class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("kiro-tray"), QObject *parent = nullptr);
    ~KeychainSecretStore() override;
    QString backendName() const override;
    void load(const QString &accountId, QObject *context, LoadCallback done) override;
    void store(const QString &accountId, const KiroCredential &credential, QObject *context,
               DoneCallback done) override;
    void remove(const QString &accountId, QObject *context, DoneCallback done) override;

    /// Writes, reads back and deletes a probe entry: does a Secret Service backend answer?
    void probe(QObject *context, std::function<void(bool ok, const QString &error)> done);

private:
    enum class Op { Read, Write, Delete };
    struct Job
    {
        Op op;
        QString key;
        QByteArray data;
        std::function<void(bool ok, const QByteArray &data, const QString &error, bool notFound)> done;
        int attempt = 0;
    };
    void enqueue(Job job);
    void runNext();

    QString m_service;
    QList<Job> m_queue;
    bool m_busy = false;
};
