// SPDX-License-Identifier: MIT
// SecretStore: the shared asynchronous reply helpers.
#include "accounts/secretstore.h"

#include <QPointer>
#include <QTimer>

void SecretStore::replyLater(QObject *context, LoadCallback done, const Expected<KiroCredential, QString> &result)
{
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done, result] {
        if (guard && done)
            done(result);
    });
}

void SecretStore::replyLater(QObject *context, DoneCallback done, const Expected<bool, QString> &result)
{
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done, result] {
        if (guard && done)
            done(result);
    });
}
