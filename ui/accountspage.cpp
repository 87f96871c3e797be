// SPDX-License-Identifier: MIT
// AccountsPage: actions act on the selection; quota refresh shows progress and per-account errors.
#include "accountspage.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "accountsmodel.h"
#include "proxyservice.h"
#include "quotabardelegate.h"

AccountsPage::AccountsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new AccountsModel(service.accounts(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_progress(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("accountsTable"));
    m_progress->setObjectName(QStringLiteral("quotaProgress"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AccountsModel::RawValueRole);
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(AccountsModel::Quota, new QuotaBarDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::Status, QHeaderView::ResizeToContents);
    m_view->setColumnWidth(AccountsModel::Quota, 250);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *import = bar->addAction(tr("Import…"));
    connect(import, &QAction::triggered, this, &AccountsPage::importRequested);
    bar->addSeparator();
    m_refreshSelected = bar->addAction(tr("Refresh quota"));
    connect(m_refreshSelected, &QAction::triggered, this, [this] { refreshQuota(false); });
    QAction *refreshAll = bar->addAction(tr("Refresh all"));
    connect(refreshAll, &QAction::triggered, this, [this] { refreshQuota(true); });
    bar->addSeparator();
    m_enable = bar->addAction(tr("Enable"));
    connect(m_enable, &QAction::triggered, this, [this] { enableSelected(true); });
    m_disable = bar->addAction(tr("Disable"));
    connect(m_disable, &QAction::triggered, this, [this] { enableSelected(false); });
    m_rename = bar->addAction(tr("Rename…"));
    connect(m_rename, &QAction::triggered, this, &AccountsPage::renameCurrent);
    m_delete = bar->addAction(tr("Delete…"));
    connect(m_delete, &QAction::triggered, this, &AccountsPage::deleteSelected);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_progress);
    m_progress->setWordWrap(true);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::updateActions);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(m_refreshSelected);
        menu.addSeparator();
        menu.addAction(m_enable);
        menu.addAction(m_disable);
        menu.addAction(m_rename);
        menu.addAction(m_delete);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    updateActions();
    m_model->setLive(false); // until the page is shown
}

// A hidden table has nothing to repaint: account changes wait until the page is shown.
void AccountsPage::showEvent(QShowEvent *event)
{
    m_model->setLive(true);
    QWidget::showEvent(event);
}

void AccountsPage::hideEvent(QHideEvent *event)
{
    m_model->setLive(false);
    QWidget::hideEvent(event);
}

QStringList AccountsPage::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids.append(i.data(AccountsModel::AccountIdRole).toString());
    return ids;
}

bool AccountsPage::selectAccount(const QString &id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(AccountsModel::AccountIdRole).toString() != id)
            continue;
        m_view->selectionModel()->setCurrentIndex(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
        return true;
    }
    return false;
}

void AccountsPage::updateActions()
{
    const int n = int(selectedIds().size());
    for (QAction *a : {m_enable, m_disable, m_delete, m_refreshSelected})
        a->setEnabled(n > 0);
    m_rename->setEnabled(n == 1);
}

void AccountsPage::refreshQuota(bool all)
{
    const QStringList ids = all ? QStringList() : selectedIds();
    const int total = all ? m_service.accounts().size() : int(ids.size());
    if (total == 0)
        return;
    auto done = std::make_shared<int>(0);
    auto errors = std::make_shared<QStringList>();
    m_progress->setText(tr("Refreshing quota: 0 of %1…").arg(total));
    m_service.accounts().refreshQuota(
        ids, this,
        [this, done, errors, total](const QString &id, const QString &error) {
            ++*done;
            if (!error.isEmpty())
                errors->append(QStringLiteral("%1: %2").arg(m_service.accounts().accountName(id), error));
            m_progress->setText(tr("Refreshing quota: %1 of %2…").arg(*done).arg(total));
        },
        [this, errors, total] {
            if (errors->isEmpty())
                m_progress->setText(tr("Quota refreshed for %n account(s).", nullptr, total));
            else
                m_progress->setText(tr("Quota refresh failed for %n account(s): ", nullptr, int(errors->size())) +
                                    errors->join(QStringLiteral("; ")));
        });
}

void AccountsPage::enableSelected(bool enable)
{
    for (const QString &id : selectedIds()) {
        if (enable)
            m_service.accounts().enable(id);
        else
            m_service.accounts().disable(id);
    }
    reportIfNotSaved();
}

// The change is live at once; if it cannot be made durable, the user is told instead of believing it was kept.
void AccountsPage::reportIfNotSaved()
{
    m_service.accounts().whenDurable(this, [this](const QString &error) {
        if (!error.isEmpty())
            m_progress->setText(tr("The change could not be saved: %1").arg(error));
    });
}

void AccountsPage::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (const QString &id : ids)
        names.append(m_service.accounts().accountName(id));
    const auto answer =
        QMessageBox::question(this, tr("Delete accounts"),
                              tr("Delete %n account(s) and their stored secrets?\n\n%1", nullptr, int(ids.size()))
                                  .arg(names.join(QLatin1Char('\n'))));
    if (answer != QMessageBox::Yes)
        return;
    for (const QString &id : ids)
        m_service.accounts().remove(id);
    reportIfNotSaved();
}

void AccountsPage::renameCurrent()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename account"), tr("Name:"), QLineEdit::Normal,
                                               m_service.accounts().accountName(ids.first()), &ok);
    if (ok && !name.trimmed().isEmpty() && m_service.accounts().rename(ids.first(), name))
        reportIfNotSaved();
}
