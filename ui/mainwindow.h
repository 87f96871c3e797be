// SPDX-License-Identifier: MIT
// MainWindow: Overview, Accounts, Logs and Settings pages; closing hides to the tray.
#pragma once

#include <QMainWindow>

class ProxyService;
class OverviewPage;
class AccountsPage;
class LogsPage;
class SettingsPage;
class QTabWidget;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum Page { Overview, Accounts, Logs, Settings };
    explicit MainWindow(ProxyService &service, QWidget *parent = nullptr);

    /// Shows `page` (making it if needed) as the current tab.
    void showPage(Page page);
    void openImportDialog();
    /// Shows the window on the Accounts page with account `id` selected.
    void showAccount(const QString &id);
    /// With a tray icon, closing the window only hides it.
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }

signals:
    void hiddenToTray();

public slots:
    void raiseWindow();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    /// Makes the page of tab `index` if it does not exist yet: pages are made when first shown, so a window that
    /// stays in the tray costs neither their memory nor their work under load.
    void ensurePage(int index);

    ProxyService &m_service;
    QTabWidget *m_tabs;
    QList<QWidget *> m_slots; ///< one placeholder per tab; the page goes into it
    OverviewPage *m_overview = nullptr;
    AccountsPage *m_accounts = nullptr;
    LogsPage *m_logs = nullptr;
    SettingsPage *m_settings = nullptr;
    bool m_hideOnClose = false;
};
