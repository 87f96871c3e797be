// SPDX-License-Identifier: MIT
// AccountsModel: the pool's accounts as a table, updated live while requests run.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QTimer>

#include "uiupdate.h"

#include "accounts/account.h"

class AccountService;

class AccountsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsModel)
public:
    enum Column { Name, Method, Status, Quota, Requests, Errors, LastUsed, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1,
        AccountIdRole,
        QuotaPercentRole,
        QuotaTextRole,
        QuotaGaugeRole ///< AccountPresenter::QuotaGauge: what the quota bar draws
    };

    explicit AccountsModel(AccountService &accounts, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &id) const;
    /// The account as this model last showed it.
    Account accountAt(int row) const;

    /// While not live (its page is hidden), per-account changes only mark the row; they reach the views together
    /// when it is live again. Accounts coming or going always reset the model at once. A new model is live.
    void setLive(bool live);
    bool isLive() const { return m_batch.isLive(); }
    /// Shows the account changes collected so far now (a timer does it UiUpdate::kIntervalMs after the first).
    void flush();

private:
    void reload();
    void markChanged(const QString &id);

    AccountService &m_service;
    QList<Account> m_accounts;
    /// Accounts changed since the last flush: each request touches its account several times (acquire, result).
    QSet<QString> m_changed;
    UiUpdate::Batch m_batch{this, [this] { flush(); }};
};
