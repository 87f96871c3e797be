// SPDX-License-Identifier: MIT
// AccountStore: accounts.json — account metadata only, written atomically, corrupt files kept aside.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include "accounts/account.h"
#include "common/expected.h"

/// Reads and writes accounts.json. Writes are synchronous and durable (DurableFile); when to write is the owner's
/// decision (AccountService groups the changes of one event-loop turn into one write).
class AccountStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountStore)
public:
    struct Contents
    {
        QList<Account> accounts;     ///< complete accounts (their secret was stored)
        QStringList secretsToDelete; ///< deleted accounts, and adds a crash interrupted: their secrets must go
        QString strategy;            ///< only in files of earlier versions (the setting lives in config.json now)
        QString notice;              ///< set when a bad file was moved aside
    };
    /// What a save writes. An account in `unfinished` is written with "pending": true: its secret is not stored yet,
    /// so a load drops it (its id joins secretsToDelete) instead of starting an account without its secret.
    struct State
    {
        QList<Account> accounts;
        QSet<QString> unfinished;
        QStringList secretsToDelete;
        QString strategy; ///< only to write files the way earlier versions did (tests of the migration use it)
    };

    explicit AccountStore(const QString &path, QObject *parent = nullptr);

    /// Reads the file. A missing file is an empty pool. A corrupt, unknown-version or plaintext-token file is moved
    /// aside (accounts.json.corrupt-<time>) and reported in `notice`; it is never silently overwritten.
    Contents load();
    /// Writes now, atomically and durably; returns once the content is on disk. Error: why (disk full, permissions).
    Expected<bool, QString> save(const State &state);
    Expected<bool, QString> save(const QList<Account> &accounts, const QString &strategy = QString());

    static constexpr int kVersion = 1;

private:
    QString m_path;
    QByteArray m_written; ///< what the file holds since our last load or save
};
