// SPDX-License-Identifier: MIT
// TrayController: health at a glance (icon), details on hover (tooltip), everything else one click away (menu).
#include "traycontroller.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontMetrics>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>

#include "accounts/accountpresenter.h"
#include "accounts/accountservice.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "kiro/usagelimits.h"
#include "logs/usagestatistics.h"
#include "mainwindow.h"
#include "overviewpage.h"

TrayController::TrayController(ProxyService &service, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_window(window)
{
    buildMenu();
    // Every finished request and every account change would otherwise repaint the tray and rebuild its menu: one
    // refresh collects them (and bounds the rate under load; the first signal starts the wait, later ones join it).
    connect(&m_service.accounts(), &AccountService::healthChanged, this, &TrayController::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountChanged, this, &TrayController::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountsChanged, this, &TrayController::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::strategyChanged, this, [this](SelectionStrategy::Kind kind) {
        for (QAction *a : m_strategyGroup->actions())
            a->setChecked(a->data().toString() == SelectionStrategy::name(kind));
        scheduleRefresh(); // the tooltip names the strategy
    });
    connect(&m_service, &ProxyService::stateChanged, this, &TrayController::scheduleRefresh);
    connect(&m_service, &ProxyService::endpointChanged, this, &TrayController::scheduleRefresh);
    connect(&m_service.statistics(), &UsageStatistics::changed, this, &TrayController::scheduleRefresh);
    connect(&m_service, &ProxyService::noticeRaised, this, &TrayController::notify);
    connect(&m_window, &MainWindow::hiddenToTray, this, [this] {
        if (m_toldAboutHiding || !isVisible())
            return;
        m_toldAboutHiding = true;
        m_tray->showMessage(
            tr("Kiro Tray is still running"),
            tr("The proxy keeps serving in the background. Use the tray icon to open the window or quit."));
    });
    m_retry.setInterval(2000);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_retryLeftMs -= m_retry.interval();
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            m_retry.stop();
            start(0);
        } else if (m_retryLeftMs <= 0) {
            m_retry.stop();
        }
    });
    refresh();
}

TrayController::~TrayController()
{
    // The menu has no QObject parent (a widget cannot be owned by a plain QObject); the tray icon refers to it.
    delete m_tray;
    delete m_menu;
}

void TrayController::buildMenu()
{
    m_menu = new QMenu;
    m_menu->setToolTipsVisible(true);
    QAction *open = m_menu->addAction(tr("Open Kiro Tray"));
    connect(open, &QAction::triggered, &m_window, &MainWindow::raiseWindow);
    m_menu->addSeparator();
    m_menu->addSection(tr("Accounts"));
    m_accountsEnd = m_menu->addSeparator();
    QMenu *strategy = m_menu->addMenu(tr("Strategy"));
    m_strategyGroup = new QActionGroup(this);
    m_strategyGroup->setObjectName(QStringLiteral("strategies"));
    m_strategyGroup->setExclusive(true);
    const SettingDescriptor *setting = SettingDescriptor::find(QStringLiteral("strategy"));
    for (SelectionStrategy::Kind k : SelectionStrategy::all()) {
        const QString name = SelectionStrategy::name(k);
        QAction *a = strategy->addAction(setting ? setting->choiceLabel(name) : name);
        a->setCheckable(true);
        a->setData(name);
        a->setChecked(m_service.accounts().strategy() == k);
        m_strategyGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, k] {
            const auto saved = m_service.accounts().setStrategy(k);
            if (saved)
                return;
            // Not applied: the checks go back to the strategy in effect, and the user is told why.
            const QString current = SelectionStrategy::name(m_service.accounts().strategy());
            for (QAction *other : m_strategyGroup->actions())
                other->setChecked(other->data().toString() == current);
            if (m_tray)
                m_tray->showMessage(tr("Strategy not changed"), saved.error(), QSystemTrayIcon::Warning);
        });
    }
    m_menu->addSeparator();
    // An empty endpoint is never handed out: both copies are disabled while nothing listens.
    m_copyEndpoint = m_menu->addAction(tr("Copy endpoint"));
    connect(m_copyEndpoint, &QAction::triggered, this, [this] {
        if (!m_service.endpoint().isEmpty())
            QApplication::clipboard()->setText(m_service.endpoint());
    });
    m_copySettings = m_menu->addAction(tr("Copy Claude Code settings"));
    connect(m_copySettings, &QAction::triggered, this, [this] {
        if (!m_service.endpoint().isEmpty())
            QApplication::clipboard()->setText(claudeCodeSettings());
    });
    m_start = m_menu->addAction(tr("Start proxy"));
    m_start->setObjectName(QStringLiteral("startProxyAction"));
    connect(m_start, &QAction::triggered, this, &TrayController::startProxyRequested);
    m_pause = m_menu->addAction(tr("Pause proxy"));
    connect(m_pause, &QAction::triggered, this, [this] { m_service.setPaused(!m_service.isPaused()); });
    m_menu->addSeparator();
    QAction *about = m_menu->addAction(tr("About Kiro Tray"));
    connect(about, &QAction::triggered, &m_window, &MainWindow::showAbout);
    QAction *quit = m_menu->addAction(tr("Quit"));
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);
}

QString TrayController::claudeCodeSettings() const
{
    return OverviewPage::claudeCodeSnippet(m_service.endpoint(), m_service.config().apiKey);
}

bool TrayController::start(int retryMs)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_retryLeftMs = retryMs;
        if (retryMs > 0)
            m_retry.start();
        return false;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                m_window.raiseWindow();
        });
    }
    refresh();
    m_tray->setIcon(m_icon);
    m_tray->setToolTip(m_toolTip);
    m_tray->show();
    m_window.setHideOnClose(true);
    QApplication::setQuitOnLastWindowClosed(false);
    return true;
}

bool TrayController::isVisible() const
{
    return m_tray && m_tray->isVisible();
}

void TrayController::scheduleRefresh()
{
    m_refresh.schedule();
}

void TrayController::refresh()
{
    m_refresh.cancel();
    updateState();
    rebuildAccountLines();
}

QString TrayController::composeToolTip() const
{
    const AccountService &accounts = m_service.accounts();
    const SettingDescriptor *setting = SettingDescriptor::find(QStringLiteral("strategy"));
    const QString strategy = SelectionStrategy::name(accounts.strategy());
    QStringList lines;
    lines << tr("Kiro Tray — %1").arg(m_service.stateText());
    lines << (m_service.endpoint().isEmpty() ? tr("Not listening") : m_service.endpoint());
    lines << tr("Strategy: %1").arg(setting ? setting->choiceLabel(strategy) : strategy);
    lines << tr("%1 of %Ln account(s) usable", nullptr, accounts.size())
                     .arg(QLocale().toString(accounts.availableCount())) +
                 QStringLiteral(" · ") +
                 tr("%Ln request(s) today", nullptr, int(m_service.statistics().today().requests));
    // Why the icon is not green, in the words the Accounts page uses.
    QString why;
    if (m_service.state() == ProxyService::State::Failed)
        why = m_service.lastError();
    else if (m_service.state() == ProxyService::State::Stopped)
        why = tr("The proxy is stopped.");
    else if (accounts.size() == 0)
        why = tr("No account yet: import one.");
    else if (accounts.health() != AccountPool::Health::Healthy) {
        QStringList reasons;
        if (const QString unavailable = accounts.unavailableSummary(); !unavailable.isEmpty())
            reasons << unavailable;
        // The other way to amber: a quota bar in the red band.
        int low = 0;
        for (const Account &a : accounts.accounts()) {
            const double left = a.quotaRemainingPercent();
            low += left >= 0 && UsageLimits::bandFor(left) == UsageLimits::Band::Red ? 1 : 0;
        }
        if (low > 0)
            reasons << tr("%Ln account(s) almost out of quota", nullptr, low);
        why = reasons.join(QLatin1Char('\n'));
    }
    if (!why.isEmpty())
        lines << why;
    return lines.join(QLatin1Char('\n'));
}

TrayIcons::State TrayController::currentState() const
{
    if (m_service.isPaused())
        return TrayIcons::State::Paused;
    if (m_service.state() != ProxyService::State::Running)
        return TrayIcons::State::Unavailable;
    switch (m_service.accounts().health()) {
    case AccountPool::Health::Healthy:
        return TrayIcons::State::Normal;
    case AccountPool::Health::Degraded:
        return TrayIcons::State::Degraded;
    case AccountPool::Health::Unavailable:
        break;
    }
    return TrayIcons::State::Unavailable;
}

void TrayController::updateState()
{
    const ProxyService::State state = m_service.state();
    const bool down = state == ProxyService::State::Stopped || state == ProxyService::State::Failed;
    m_pause->setText(m_service.isPaused() ? tr("Resume proxy") : tr("Pause proxy"));
    m_pause->setVisible(!down);
    m_start->setText(state == ProxyService::State::Failed ? tr("Restart proxy") : tr("Start proxy"));
    m_start->setVisible(down);
    const bool listening = !m_service.endpoint().isEmpty();
    m_copyEndpoint->setEnabled(listening);
    m_copySettings->setEnabled(listening);
    // Only real changes reach the platform: each setIcon()/setToolTip() is a round trip to the tray host.
    const QIcon icon = TrayIcons::icon(currentState());
    if (icon.cacheKey() != m_icon.cacheKey()) {
        m_icon = icon;
        if (m_tray)
            m_tray->setIcon(m_icon);
        emit iconChanged(m_icon);
    }
    const QString toolTip = composeToolTip();
    if (toolTip != m_toolTip) {
        m_toolTip = toolTip;
        if (m_tray)
            m_tray->setToolTip(m_toolTip);
        emit toolTipChanged(m_toolTip);
    }
}

TrayIcons::Mark TrayController::markFor(const Account &account) const
{
    switch (account.status) {
    case Account::Status::Active:
        // An account whose secret has not arrived (keychain still locked) cannot serve yet: state unknown.
        return m_service.accounts().hasSecret(account.id) ? TrayIcons::Mark::Active : TrayIcons::Mark::Unknown;
    case Account::Status::Cooldown:
        return TrayIcons::Mark::Cooling;
    case Account::Status::Exhausted:
    case Account::Status::Disabled:
        break;
    }
    return TrayIcons::Mark::Unavailable;
}

void TrayController::rebuildAccountLines()
{
    // Requests change counters and "last used", which the menu does not show: when every line still says the same,
    // the menu stays as it is (a rebuilt menu is sent to the tray host again).
    const QList<Account> accounts = m_service.accounts().accounts();
    QStringList texts;
    for (const Account &a : accounts)
        texts << a.id << AccountPresenter::menuLine(a) << AccountPresenter::statusDetail(a)
              << QString::number(int(markFor(a)));
    if (!m_accountLines.isEmpty() && texts == m_accountLineTexts)
        return;
    m_accountLineTexts = texts;
    for (QAction *a : std::as_const(m_accountLines)) {
        m_menu->removeAction(a);
        a->deleteLater();
    }
    m_accountLines.clear();
    if (accounts.isEmpty()) {
        QAction *import = new QAction(tr("Import account…"), m_menu);
        import->setObjectName(QStringLiteral("importAccountAction"));
        import->setToolTip(tr("No accounts yet: import one to start serving."));
        connect(import, &QAction::triggered, &m_window, &MainWindow::openImportDialog);
        m_menu->insertAction(m_accountsEnd, import);
        m_accountLines.append(import);
        return;
    }
    // Long names and reasons would widen the whole menu: about 40 characters, the full line in the tooltip.
    const QFontMetrics metrics(m_menu->font());
    const int width = metrics.horizontalAdvance(QLatin1Char('x')) * 40;
    for (const Account &a : accounts) {
        const QString line = AccountPresenter::menuLine(a);
        const QString shown = metrics.elidedText(line, Qt::ElideRight, width);
        QAction *action = new QAction(TrayIcons::mark(markFor(a)), shown, m_menu);
        action->setData(a.id);
        const QString detail = AccountPresenter::statusDetail(a);
        action->setToolTip(shown == line ? detail : line + QLatin1Char('\n') + detail);
        const QString id = a.id;
        connect(action, &QAction::triggered, &m_window, [this, id] { m_window.showAccount(id); });
        m_menu->insertAction(m_accountsEnd, action);
        m_accountLines.append(action);
    }
}

void TrayController::hideIcon()
{
    m_retry.stop();
    if (m_tray)
        m_tray->hide();
}

void TrayController::notify(ProxyService::Notice kind, const QString &title, const QString &message)
{
    if (kind == ProxyService::Notice::Info || !isVisible())
        return;
    // One notification per kind per minute: a failing pool must not flood the desktop.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastNotice.value(int(kind), 0) < 60000)
        return;
    m_lastNotice.insert(int(kind), now);
    m_tray->showMessage(title, message,
                        kind == ProxyService::Notice::AllAccountsUnavailable ? QSystemTrayIcon::Critical
                                                                             : QSystemTrayIcon::Warning);
}
