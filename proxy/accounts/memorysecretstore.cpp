// SPDX-License-Identifier: MIT
// MemorySecretStore: asynchronous like the real stores, so callers behave the same.
#include "accounts/memorysecretstore.h"

#include <QPointer>
#include <QTimer>

void MemorySecretStore::load(const QString &accountId, QObject *context, LoadCallback done)
{
    const bool found = m_secrets.contains(accountId);
    const KiroCredential c = m_secrets.value(accountId);
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done, found, c, accountId] {
        if (!guard)
            return;
        if (found)
            done(c);
        else
            done(Expected<KiroCredential, QString>::failure(
                QStringLiteral("no secret stored for account %1").arg(accountId)));
    });
}

void MemorySecretStore::store(const QString &accountId, const KiroCredential &credential, QObject *context,
                              DoneCallback done)
{
    m_secrets.insert(accountId, credential);
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done] {
        if (guard && done)
            done(true);
    });
}

void MemorySecretStore::remove(const QString &accountId, QObject *context, DoneCallback done)
{
    m_secrets.remove(accountId);
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done] {
        if (guard && done)
            done(true);
    });
}
