// SPDX-License-Identifier: MIT
// AccountsPage: the accounts table with quota bars, toolbar, keys, context menu and the current account's details.
#pragma once

#include <QHash>
#include <QWidget>

class ProxyService;
class AccountsModel;
class QSortFilterProxyModel;
class QTableView;
class QLabel;
class QAction;
class QStackedWidget;
class QPushButton;
class QuotaChart;

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
    /// Sends one tiny real request through each selected account (the current one when none is selected).
    void testSelected();
    /// Opens the sign-in for the current account (ReloginDialog).
    void reloginCurrent();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateActions();
    void updateEmptyState();
    void selectFirstIfNone();
    void updateDetails();
    QString currentId() const;
    void enableSelected(bool enable);
    void deleteSelected();
    void reportIfNotSaved();
    void renameCurrent();

    ProxyService &m_service;
    AccountsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_stack;
    QTableView *m_view;
    QWidget *m_empty;
    QWidget *m_details;
    QLabel *m_detailsTitle;
    QLabel *m_detailsQuota;
    QLabel *m_forecast;
    QLabel *m_lastTest;
    QuotaChart *m_chart;
    QLabel *m_progress;
    QAction *m_import = nullptr;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_refreshSelected = nullptr;
    QAction *m_refreshAll = nullptr;
    QAction *m_test = nullptr;
    QAction *m_relogin = nullptr;
    QHash<QString, QString> m_testResults; ///< account id → the last test's line, shown in the details
};
