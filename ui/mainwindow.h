// SPDX-License-Identifier: MIT
// MainWindow: Overview, Accounts, Logs and Settings pages; closing hides to the tray.
#pragma once

#include <QMainWindow>

class ProxyService;
class OverviewPage;
class AccountsPage;
class LogsPage;
class SettingsPage;
class QFrame;
class QLabel;
class QPushButton;
class QTabWidget;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum Page { Overview, Accounts, Logs, Settings };
    Q_ENUM(Page)
    explicit MainWindow(ProxyService &service, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows `page` (making it if needed) as the current tab.
    void showPage(Page page);
    Page currentPage() const;
    /// "overview", "accounts", "logs", "settings" (the --page names); -1 for anything else.
    static int pageFromName(const QString &name);
    static QString pageName(Page page);
    void openImportDialog();
    /// Shows the window on the Accounts page with account `id` selected.
    void showAccount(const QString &id);
    void showAbout();
    /// With a tray icon, closing the window (and Ctrl+W, Esc) only hides it; without one, closing quits.
    void setHideOnClose(bool hide);
    /// From now on a close is accepted: the app is quitting (nothing may veto that).
    void prepareToQuit();
    /// Shows (non-empty `why`) or hides the "keychain unavailable" banner with its Retry and Use a file buttons.
    void setKeychainProblem(const QString &why);

signals:
    void hiddenToTray();
    /// Ctrl+Q, the menu's Quit, or closing the window when there is no tray.
    void quitRequested();
    /// The banner's Start/Restart proxy button.
    void startProxyRequested();
    void keychainRetryRequested();
    void keychainFileRequested();

public slots:
    void raiseWindow();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    /// Makes the page of tab `index` if it does not exist yet: pages are made when first shown, so a window that
    /// stays in the tray costs neither their memory nor their work under load.
    void ensurePage(int index);
    void buildActions();
    void updateProxyBanner();
    void saveState();

    ProxyService &m_service;
    QTabWidget *m_tabs;
    QList<QWidget *> m_slots; ///< one placeholder per tab; the page goes into it
    OverviewPage *m_overview = nullptr;
    AccountsPage *m_accounts = nullptr;
    LogsPage *m_logs = nullptr;
    SettingsPage *m_settings = nullptr;
    QWidget *m_bannerArea = nullptr;
    QFrame *m_proxyBanner = nullptr;
    QLabel *m_proxyBannerText = nullptr;
    QPushButton *m_startButton = nullptr;
    QFrame *m_keychainBanner = nullptr;
    QLabel *m_keychainBannerText = nullptr;
    QAction *m_escape = nullptr;
    bool m_hideOnClose = false;
    bool m_quitting = false;
};
