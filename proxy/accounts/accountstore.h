// SPDX-License-Identifier: MIT
// AccountStore: accounts.json — account metadata only, written atomically, corrupt files kept aside.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "accounts/account.h"
#include "common/expected.h"

class AccountStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountStore)
public:
    struct Contents
    {
        QList<Account> accounts;
        QString strategy; ///< only in files of earlier versions (the setting lives in config.json now)
        QString notice;   ///< set when a bad file was moved aside
    };

    explicit AccountStore(const QString &path, QObject *parent = nullptr);

    /// Reads the file. A missing file is an empty pool. A corrupt, unknown-version or plaintext-token file is moved
    /// aside (accounts.json.corrupt-<time>) and reported in `notice`; it is never silently overwritten.
    Contents load();
    /// Coalesces bursts of changes into one write shortly after.
    void scheduleSave(const QList<Account> &accounts);
    /// Writes now. Error: why (disk full, permissions).
    /// `strategy` only writes files the way earlier versions did (tests of the migration use it).
    Expected<bool, QString> save(const QList<Account> &accounts, const QString &strategy = QString());
    Expected<bool, QString> flush();

    static constexpr int kVersion = 1;

signals:
    void saveFailed(const QString &message);

private:
    QString m_path;
    QTimer m_timer;
    QList<Account> m_pending;
    bool m_dirty = false;
    QByteArray m_written; ///< what the file holds since our last load or save
};
