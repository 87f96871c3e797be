// SPDX-License-Identifier: MIT
// FileSecretStore: secrets.json (mode 0600) — used only when the user chose file storage or no keychain exists.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>

#include "accounts/secretstore.h"

class FileSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSecretStore)
public:
    explicit FileSecretStore(const QString &path, QObject *parent = nullptr);
    QString backendName() const override;
    void load(const QString &accountId, QObject *context, LoadCallback done) override;
    void store(const QString &accountId, const KiroCredential &credential, QObject *context,
               DoneCallback done) override;
    /// `done` runs once the secret is durably in the file (or the write failed).
    void remove(const QString &accountId, QObject *context, DoneCallback done) override;
    /// A problem found while reading the file (kept aside), empty when fine.
    QString loadProblem() const { return m_problem; }

private:
    void read();
    Expected<bool, QString> write();
    void writeSoon(QObject *context, DoneCallback done);

    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        DoneCallback done;
    };

    QString m_path;
    QHash<QString, QJsonObject> m_entries;
    QString m_problem;
    QList<Waiter> m_waiting;
    bool m_writeScheduled = false;
};
