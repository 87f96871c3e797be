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

    void showPage(Page page);
    void openImportDialog();
    /// With a tray icon, closing the window only hides it.
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }

signals:
    void hiddenToTray();

public slots:
    void raiseWindow();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    ProxyService &m_service;
    QTabWidget *m_tabs;
    OverviewPage *m_overview;
    AccountsPage *m_accounts;
    LogsPage *m_logs;
    SettingsPage *m_settings;
    bool m_hideOnClose = false;
};
