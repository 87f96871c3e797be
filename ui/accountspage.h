// SPDX-License-Identifier: MIT
// AccountsPage: the accounts table with quota bars, toolbar and context menu.
#pragma once

#include <QWidget>

class ProxyService;
class AccountsModel;
class QSortFilterProxyModel;
class QTableView;
class QLabel;
class QAction;

class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)
public:
    explicit AccountsPage(ProxyService &service, QWidget *parent = nullptr);
    QStringList selectedIds() const;
    /// Selects (and scrolls to) the account `id`; false when there is none.
    bool selectAccount(const QString &id);

signals:
    void importRequested();

public slots:
    void refreshQuota(bool all);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateActions();
    void enableSelected(bool enable);
    void deleteSelected();
    void reportIfNotSaved();
    void renameCurrent();

    ProxyService &m_service;
    AccountsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_progress;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_refreshSelected = nullptr;
};
