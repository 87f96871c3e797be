// SPDX-License-Identifier: MIT
// TrayController: the tray icon, its menu and tooltip, state icons and desktop notifications.
#pragma once

#include <QIcon>
#include <QObject>
#include <QTimer>

#include "proxyservice.h"
#include "trayicons.h"

#include "uiupdate.h"

class MainWindow;
class QMenu;
class QAction;
class QActionGroup;
class QSystemTrayIcon;

class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)
public:
    TrayController(ProxyService &service, MainWindow &window, QObject *parent = nullptr);
    ~TrayController() override;

    /// Shows the tray icon when a tray is available; otherwise keeps retrying for `retryMs` (tray hosts often start
    /// after autostarted apps). Returns whether the icon is visible now.
    bool start(int retryMs = 60000);
    bool isVisible() const;
    QMenu *menu() const { return m_menu; }
    /// The icon and tooltip the tray shows (kept while no tray is available, for when one appears).
    QIcon icon() const { return m_icon; }
    QString toolTip() const { return m_toolTip; }
    /// The text "Copy Claude Code settings" puts on the clipboard.
    QString claudeCodeSettings() const;

    /// An account line of the menu: its dot for the account's state.
    TrayIcons::Mark markFor(const Account &account) const;

signals:
    void quitRequested();
    /// "Start proxy" / "Restart proxy" (shown while the proxy is stopped or failed).
    void startProxyRequested();
    /// The tray shows another icon (only when the state really changed; the icon of a state is painted once).
    void iconChanged(const QIcon &icon);
    void toolTipChanged(const QString &toolTip);

public slots:
    void notify(ProxyService::Notice kind, const QString &title, const QString &message);
    /// Takes the icon off the panel at once (quitting: the stop may take a moment).
    void hideIcon();

private:
    void buildMenu();
    void scheduleRefresh();
    void refresh();
    TrayIcons::State currentState() const;
    void updateState();
    void rebuildAccountLines();
    QString composeToolTip() const;

    ProxyService &m_service;
    MainWindow &m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_accountsEnd = nullptr;
    QList<QAction *> m_accountLines;
    /// What the account lines say (text and tooltip): the menu is rebuilt only when this changes.
    QStringList m_accountLineTexts;
    QActionGroup *m_strategyGroup = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_start = nullptr;
    QAction *m_copyEndpoint = nullptr;
    QAction *m_copySettings = nullptr;
    QIcon m_icon;
    QString m_toolTip;
    UiUpdate::Batch m_refresh{this, [this] { refresh(); }};
    QTimer m_retry;
    int m_retryLeftMs = 0;
    bool m_toldAboutHiding = false;
    QHash<int, qint64> m_lastNotice;
};
