// SPDX-License-Identifier: MIT
// SecretStore: where account secrets live (OS keychain, or an explicit 0600 file); asynchronous interface.
#pragma once

#include <functional>

#include <QObject>
#include <QString>

#include "common/expected.h"
#include "kiro/kirocredential.h"

/// Stores one KiroCredential per account id. Calls complete asynchronously in the event loop; `done` runs only
/// while `context` is alive. Implementations serialise their jobs and never log secret values.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using LoadCallback = std::function<void(const Expected<KiroCredential, QString> &)>;
    using DoneCallback = std::function<void(const Expected<bool, QString> &)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {}
    ~SecretStore() override = default;

    /// "keychain (Secret Service)", "file (/path/secrets.json)", "memory" — shown to the user.
    virtual QString backendName() const = 0;
    virtual void load(const QString &accountId, QObject *context, LoadCallback done) = 0;
    virtual void store(const QString &accountId, const KiroCredential &credential, QObject *context,
                       DoneCallback done) = 0;
    virtual void remove(const QString &accountId, QObject *context, DoneCallback done) = 0;

protected:
    /// Delivers a load result on the next event-loop turn (stores answer asynchronously, like the keychain does).
    void replyLater(QObject *context, LoadCallback done, const Expected<KiroCredential, QString> &result);
    void replyLater(QObject *context, DoneCallback done, const Expected<bool, QString> &result);

signals:
    /// A backend problem the user should see (e.g. keychain locked, file not writable).
    void problemOccurred(const QString &message);
};
