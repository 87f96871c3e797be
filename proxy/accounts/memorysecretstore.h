// SPDX-License-Identifier: MIT
// MemorySecretStore: secrets kept in memory only (tests, and the single-account mode whose file is the user's).
#pragma once

#include <QHash>

#include "accounts/secretstore.h"

class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)
public:
    explicit MemorySecretStore(QObject *parent = nullptr)
        : SecretStore(parent)
    {}
    QString backendName() const override { return QStringLiteral("memory"); }
    void load(const QString &accountId, QObject *context, LoadCallback done) override;
    void store(const QString &accountId, const KiroCredential &credential, QObject *context,
               DoneCallback done) override;
    void remove(const QString &accountId, QObject *context, DoneCallback done) override;

private:
    QHash<QString, KiroCredential> m_secrets;
};
