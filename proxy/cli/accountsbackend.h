// SPDX-License-Identifier: MIT
// AccountsBackend: what `kiro-proxyd accounts` asks of whoever owns the account files — the running instance's /api
// (RemoteAccounts) or the data directory itself (DirectAccounts). Both answer in the shapes of docs/protocol.md §13.3.
#pragma once

#include <functional>

#include <QJsonValue>
#include <QString>

/// One operation's outcome: `exitCode` as the CLI returns it (AccountsCli::Exit), `value` in the /api shape, `error`
/// in plain words when it failed.
struct BackendReply
{
    int exitCode = 0;
    QJsonValue value;
    QString error;
};

class AccountsBackend
{
public:
    using Done = std::function<void(const BackendReply &)>;
    virtual ~AccountsBackend() = default;

    /// Every account as GET /api/accounts lists it.
    virtual void list(Done done) = 0;
    /// Adds every account of credential JSON `text` (CredentialImporter's shapes), each after a real sign-in:
    /// `value` is one row per entry {"name","result":"added"|"duplicate"|"invalid"|"rejected"|"not_saved","id"?,
    /// "error"?}; `error` when the text as a whole cannot be read.
    virtual void importText(const QString &text, Done done) = 0;
    virtual void setEnabled(const QString &id, bool enabled, Done done) = 0;
    virtual void remove(const QString &id, Done done) = 0;
    /// Refreshes the quota of one account (`id`) or of every enabled one (empty): `value` is one row per account
    /// {"id","success","usage"|"error"}.
    virtual void refreshUsage(const QString &id, Done done) = 0;
    /// `value` is the strategy's name.
    virtual void strategy(Done done) = 0;
    virtual void setStrategy(const QString &name, Done done) = 0;
};
