// SPDX-License-Identifier: MIT
// AccountsModel: the pool's accounts as a table, updated live while requests run.
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "accounts/account.h"

class AccountService;

class AccountsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsModel)
public:
    enum Column { Name, Method, Status, Quota, Requests, Errors, LastUsed, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, AccountIdRole, QuotaPercentRole, QuotaTextRole };

    explicit AccountsModel(AccountService &accounts, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &id) const;

private:
    void reload();
    void refreshRow(const QString &id);

    AccountService &m_service;
    QList<Account> m_accounts;
};
