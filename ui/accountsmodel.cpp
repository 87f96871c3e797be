// SPDX-License-Identifier: MIT
// AccountsModel: row updates in place (selection survives), full reset only when accounts come or go. Row updates
// are collected, so a busy account is repainted a few times a second, not several times per request.
#include "accountsmodel.h"

#include <QColor>
#include <QLocale>
#include <utility>

#include "accounts/accountpresenter.h"
#include "accounts/accountservice.h"
#include "accounts/credentialimporter.h"
#include "statuscolors.h"

AccountsModel::AccountsModel(AccountService &accounts, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(accounts)
{
    reload();
    connect(&m_service, &AccountService::accountsChanged, this, &AccountsModel::reload);
    connect(&m_service, &AccountService::accountChanged, this, &AccountsModel::markChanged);
}

void AccountsModel::setLive(bool live)
{
    if (m_batch.setLive(live))
        flush();
}

void AccountsModel::reload()
{
    m_batch.cancel();
    beginResetModel();
    m_changed.clear();
    m_accounts = m_service.accounts();
    endResetModel();
}

void AccountsModel::markChanged(const QString &id)
{
    m_changed.insert(id);
    m_batch.schedule();
}

void AccountsModel::flush()
{
    m_batch.cancel();
    const QSet<QString> changed = std::exchange(m_changed, {});
    for (const QString &id : changed) {
        const int row = rowOf(id);
        if (row < 0) {
            reload(); // an account this model has not seen yet
            return;
        }
        m_accounts[row] = m_service.account(id);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int AccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AccountsModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts.at(i).id == id)
            return i;
    }
    return -1;
}

Account AccountsModel::accountAt(int row) const
{
    return row >= 0 && row < m_accounts.size() ? m_accounts.at(row) : Account();
}

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const Account &a = m_accounts.at(index.row());
    if (role == AccountIdRole)
        return a.id;
    if (role == QuotaPercentRole)
        return AccountPresenter::quotaGauge(a).remainingPercent;
    if (role == QuotaTextRole)
        return AccountPresenter::quotaGauge(a).text;
    if (role == QuotaGaugeRole)
        return QVariant::fromValue(AccountPresenter::quotaGauge(a));
    const QLocale locale;
    switch (index.column()) {
    case Name:
        if (role == Qt::DisplayRole)
            return AccountPresenter::displayName(a);
        if (role == Qt::ToolTipRole)
            return a.email.isEmpty() ? a.name : a.email;
        if (role == RawValueRole)
            return a.name.toLower();
        break;
    case Method:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return CredentialImporter::loginKind(a.authMethod, a.provider); // the words the import dialog used
        break;
    case Status:
        if (role == Qt::DisplayRole)
            return AccountPresenter::statusLabel(a);
        if (role == Qt::ToolTipRole)
            return AccountPresenter::statusDetail(a);
        if (role == RawValueRole)
            return int(a.status);
        if (role == Qt::ForegroundRole) {
            switch (a.status) {
            case Account::Status::Active:
                return StatusColors::good();
            case Account::Status::Cooldown:
                return StatusColors::warningText();
            case Account::Status::Exhausted:
                return StatusColors::bad();
            case Account::Status::Disabled:
                return QColor(0x80, 0x80, 0x80);
            }
        }
        break;
    case Quota:
        if (role == Qt::DisplayRole)
            return AccountPresenter::quotaGauge(a).text; // what the bar shows; the reset is in the tooltip
        if (role == Qt::ToolTipRole)
            return AccountPresenter::quotaText(a);
        if (role == RawValueRole)
            return AccountPresenter::quotaGauge(a).remainingPercent;
        break;
    case Requests:
        if (role == Qt::DisplayRole)
            return locale.toString(a.requests);
        if (role == RawValueRole)
            return a.requests;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Errors:
        if (role == Qt::DisplayRole)
            return locale.toString(a.errors);
        if (role == RawValueRole)
            return a.errors;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case LastUsed:
        if (role == Qt::DisplayRole) {
            // Today: the time; earlier: the date. The full stamp is in the tooltip.
            if (!a.lastUsed.isValid())
                return tr("never");
            const QDateTime local = a.lastUsed.toLocalTime();
            return local.date() == QDate::currentDate() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                        : locale.toString(local.date(), QLocale::ShortFormat);
        }
        if (role == Qt::ToolTipRole && a.lastUsed.isValid())
            return locale.toString(a.lastUsed.toLocalTime(), QLocale::LongFormat);
        if (role == RawValueRole)
            return a.lastUsed;
        break;
    default:
        break;
    }
    return {};
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Account");
    case Method:
        return tr("Login");
    case Status:
        return tr("Status");
    case Quota:
        return tr("Quota");
    case Requests:
        return tr("Requests");
    case Errors:
        return tr("Errors");
    case LastUsed:
        return tr("Last used");
    default:
        return {};
    }
}
