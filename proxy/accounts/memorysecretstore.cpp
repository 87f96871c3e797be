// SPDX-License-Identifier: MIT
// MemorySecretStore: asynchronous like the real stores, so callers behave the same.
#include "accounts/memorysecretstore.h"

void MemorySecretStore::load(const QString &accountId, QObject *context, LoadCallback done)
{
    if (m_secrets.contains(accountId))
        replyLater(context, std::move(done), m_secrets.value(accountId));
    else
        replyLater(context, std::move(done),
                   Expected<KiroCredential, QString>::failure(
                       QStringLiteral("no secret stored for account %1").arg(accountId)));
}

void MemorySecretStore::store(const QString &accountId, const KiroCredential &credential, QObject *context,
                              DoneCallback done)
{
    m_secrets.insert(accountId, credential);
    replyLater(context, std::move(done), true);
}

void MemorySecretStore::remove(const QString &accountId, QObject *context, DoneCallback done)
{
    m_secrets.remove(accountId);
    replyLater(context, std::move(done), true);
}
