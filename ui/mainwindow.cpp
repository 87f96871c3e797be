// SPDX-License-Identifier: MIT
// MainWindow: a tab per page, each page made when it is first shown; the import dialog is shared by the toolbar and
// the welcome block. Banners above the pages say when the proxy or the keychain needs the user.
#include "mainwindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "aboutdialog.h"
#include "accountspage.h"
#include "config/config.h"
#include "importdialog.h"
#include "logspage.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "settingspage.h"
#include "statuscolors.h"
#include "trayicons.h"
#include "uistate.h"

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kPageKey = QStringLiteral("window/page");

/// `text` with an Alt mnemonic on `key`: on its first occurrence when the text has that letter (English), else
/// appended as "(&K)", the usual form for Chinese labels, so a translation never loses its shortcut.
QString withMnemonic(const QString &text, QChar key)
{
    const int at = text.indexOf(key, 0, Qt::CaseInsensitive);
    if (at >= 0)
        return text.left(at) + QLatin1Char('&') + text.mid(at);
    return text + QStringLiteral("(&") + key.toUpper() + QLatin1Char(')');
}

/// A KMessageWidget-like strip: an icon, a message that wraps, then the buttons the caller adds.
QFrame *makeBanner(QWidget *parent, const QString &name, const QString &background, const QString &border,
                   const QString &foreground, QStyle::StandardPixmap pixmap, QLabel **text)
{
    auto *banner = new QFrame(parent);
    banner->setObjectName(name);
    // Fixed colours with a fixed text colour: readable on light and dark themes alike.
    banner->setStyleSheet(QStringLiteral("QFrame#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"
                                         "QFrame#%1 > QLabel { color: %4; }")
                              .arg(name, background, border, foreground));
    auto *layout = new QHBoxLayout(banner);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *icon = new QLabel(banner);
    const int size = banner->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, banner);
    icon->setPixmap(banner->style()->standardIcon(pixmap).pixmap(size, size));
    layout->addWidget(icon, 0, Qt::AlignTop);
    *text = new QLabel(banner);
    (*text)->setWordWrap(true);
    (*text)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(*text, 1);
    banner->hide();
    return banner;
}
} // namespace

MainWindow::MainWindow(ProxyService &service, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Kiro Tray"));
    setWindowIcon(TrayIcons::appIcon());
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    const QList<QPair<QString, QChar>> titles = {{tr("Overview"), QLatin1Char('O')},
                                                 {tr("Accounts"), QLatin1Char('A')},
                                                 {tr("Logs"), QLatin1Char('L')},
                                                 {tr("Settings"), QLatin1Char('S')}};
    for (const auto &[title, key] : titles) {
        auto *slot = new QWidget(m_tabs);
        auto *layout = new QVBoxLayout(slot);
        layout->setContentsMargins(0, 0, 0, 0);
        m_slots.append(slot);
        m_tabs->addTab(slot, withMnemonic(title, key));
    }

    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_bannerArea = new QWidget(central);
    auto *banners = new QVBoxLayout(m_bannerArea);
    banners->setContentsMargins(8, 6, 8, 6);
    banners->setSpacing(6);

    m_proxyBanner =
        makeBanner(central, QStringLiteral("proxyBanner"), QStringLiteral("#fdecea"), StatusColors::bad().name(),
                   QStringLiteral("#5a1414"), QStyle::SP_MessageBoxCritical, &m_proxyBannerText);
    m_startButton = new QPushButton(m_proxyBanner);
    m_startButton->setObjectName(QStringLiteral("startProxyButton"));
    m_proxyBanner->layout()->addWidget(m_startButton);
    connect(m_startButton, &QPushButton::clicked, this, &MainWindow::startProxyRequested);
    banners->addWidget(m_proxyBanner);

    m_keychainBanner =
        makeBanner(central, QStringLiteral("keychainBanner"), QStringLiteral("#fff4e0"), StatusColors::warning().name(),
                   QStringLiteral("#4a3000"), QStyle::SP_MessageBoxWarning, &m_keychainBannerText);
    auto *retry = new QPushButton(tr("&Retry"), m_keychainBanner);
    retry->setObjectName(QStringLiteral("keychainRetryButton"));
    auto *file = new QPushButton(tr("Use a &file"), m_keychainBanner);
    file->setObjectName(QStringLiteral("keychainFileButton"));
    m_keychainBanner->layout()->addWidget(retry);
    m_keychainBanner->layout()->addWidget(file);
    connect(retry, &QPushButton::clicked, this, &MainWindow::keychainRetryRequested);
    connect(file, &QPushButton::clicked, this, &MainWindow::keychainFileRequested);
    banners->addWidget(m_keychainBanner);

    column->addWidget(m_bannerArea);
    column->addWidget(m_tabs, 1);
    setCentralWidget(central);
    buildActions();

    // Nothing overlaps down to 800×500 (the pages lay out for it); smaller than that is not offered.
    setMinimumSize(720, 460);
    // Only what a previous run left in ui-state.ini: without a file (tests) every window starts the same way.
    const bool remembered = !UiState::file().isEmpty();
    const QByteArray geometry = remembered ? UiState::value(kGeometryKey).toByteArray() : QByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1000, 680);
    if (remembered)
        m_tabs->setCurrentIndex(qBound(0, UiState::value(kPageKey, 0).toInt(), m_slots.size() - 1));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (isVisible())
            ensurePage(index);
    });
    connect(&m_service, &ProxyService::stateChanged, this, &MainWindow::updateProxyBanner);
    updateProxyBanner();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto *menuButton = new QToolButton(m_tabs);
    menuButton->setObjectName(QStringLiteral("menuButton"));
    menuButton->setText(tr("&Menu"));
    menuButton->setToolTip(tr("Import, About and Quit"));
    menuButton->setPopupMode(QToolButton::InstantPopup);
    menuButton->setAutoRaise(true);
    menuButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(menuButton);
    menuButton->setMenu(menu);
    m_tabs->setCornerWidget(menuButton, Qt::TopRightCorner);

    QAction *import = menu->addAction(tr("&Import account…"));
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(import, &QAction::triggered, this, &MainWindow::openImportDialog);
    menu->addSeparator();
    QAction *about = menu->addAction(tr("&About Kiro Tray"));
    about->setObjectName(QStringLiteral("aboutAction"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = menu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, this, [this] { QMessageBox::aboutQt(this); });
    menu->addSeparator();
    QAction *close = menu->addAction(tr("&Close window"));
    close->setObjectName(QStringLiteral("closeAction"));
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(close, &QAction::triggered, this, &QWidget::close);
    QAction *quit = menu->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quit, &QAction::triggered, this, &MainWindow::quitRequested);
    // Window-wide shortcuts: the actions belong to the window too, not only to the (closed) menu.
    addActions({import, close, quit});

    m_escape = new QAction(this);
    m_escape->setObjectName(QStringLiteral("escapeAction"));
    m_escape->setShortcut(QKeySequence(Qt::Key_Escape));
    m_escape->setEnabled(false); // only with a tray: Esc must never quit the app
    connect(m_escape, &QAction::triggered, this, &QWidget::close);
    addAction(m_escape);
}

void MainWindow::setHideOnClose(bool hide)
{
    m_hideOnClose = hide;
    m_escape->setEnabled(hide);
}

void MainWindow::updateProxyBanner()
{
    const ProxyService::State state = m_service.state();
    const bool down = state == ProxyService::State::Stopped || state == ProxyService::State::Failed;
    // The keychain banner explains a proxy that waits for it; while quitting, "stopped" is what the user asked for.
    if (!down || m_quitting || !m_keychainBanner->isHidden()) {
        m_proxyBanner->hide();
        m_bannerArea->setVisible(!m_keychainBanner->isHidden());
        return;
    }
    if (state == ProxyService::State::Failed) {
        m_proxyBannerText->setText(tr("<b>The proxy is not running.</b> %1<br>Free the port or change the host or "
                                      "port in Settings, then restart it.")
                                       .arg(m_service.lastError().toHtmlEscaped()));
        m_startButton->setText(tr("&Restart proxy"));
    } else {
        m_proxyBannerText->setText(tr("<b>The proxy is stopped.</b> Clients cannot reach it until it is started."));
        m_startButton->setText(tr("&Start proxy"));
    }
    m_proxyBanner->show();
    m_bannerArea->show();
}

void MainWindow::setKeychainProblem(const QString &why)
{
    if (why.isEmpty()) {
        m_keychainBanner->hide();
    } else {
        m_keychainBannerText->setText(
            tr("<b>The system keychain is unavailable</b> (%1), so your accounts' secrets cannot be read and the "
               "proxy does not start. Unlock the keyring and retry, or keep the secrets in a file only you can read.")
                .arg(why.toHtmlEscaped()));
        m_keychainBanner->show();
    }
    updateProxyBanner();
}

void MainWindow::ensurePage(int index)
{
    if (index < 0 || index >= m_slots.size())
        return;
    QWidget *slot = m_slots.at(index);
    QWidget *page = nullptr;
    switch (Page(index)) {
    case Overview:
        if (!m_overview) {
            page = m_overview = new OverviewPage(m_service, slot);
            m_overview->setObjectName(QStringLiteral("overviewPage"));
            connect(m_overview, &OverviewPage::importRequested, this, &MainWindow::openImportDialog);
        }
        break;
    case Accounts:
        if (!m_accounts) {
            page = m_accounts = new AccountsPage(m_service, slot);
            m_accounts->setObjectName(QStringLiteral("accountsPage"));
            connect(m_accounts, &AccountsPage::importRequested, this, &MainWindow::openImportDialog);
        }
        break;
    case Logs:
        if (!m_logs) {
            page = m_logs = new LogsPage(m_service, slot);
            m_logs->setObjectName(QStringLiteral("logsPage"));
        }
        break;
    case Settings:
        if (!m_settings) {
            page = m_settings = new SettingsPage(m_service, slot);
            m_settings->setObjectName(QStringLiteral("settingsPage"));
        }
        break;
    }
    if (!page)
        return;
    slot->layout()->addWidget(page);
    page->show(); // shown with the tab (a child made after its parent was shown starts hidden)
}

void MainWindow::showPage(Page page)
{
    ensurePage(int(page));
    m_tabs->setCurrentIndex(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_tabs->currentIndex());
}

int MainWindow::pageFromName(const QString &name)
{
    for (Page page : {Overview, Accounts, Logs, Settings}) {
        if (name.compare(pageName(page), Qt::CaseInsensitive) == 0)
            return int(page);
    }
    return -1;
}

QString MainWindow::pageName(Page page)
{
    switch (page) {
    case Overview:
        return QStringLiteral("overview");
    case Accounts:
        return QStringLiteral("accounts");
    case Logs:
        return QStringLiteral("logs");
    case Settings:
        break;
    }
    return QStringLiteral("settings");
}

void MainWindow::showEvent(QShowEvent *event)
{
    ensurePage(m_tabs->currentIndex());
    QMainWindow::showEvent(event);
}

void MainWindow::hideEvent(QHideEvent *event)
{
    saveState();
    QMainWindow::hideEvent(event);
}

void MainWindow::saveState()
{
    UiState::setValue(kGeometryKey, saveGeometry());
    UiState::setValue(kPageKey, m_tabs->currentIndex());
}

void MainWindow::openImportDialog()
{
    raiseWindow();
    auto *dialog = new ImportDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importFinished, this, [this](int added, int) {
        if (added > 0)
            showPage(Accounts);
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    raiseWindow();
    auto *dialog = findChild<AboutDialog *>();
    if (!dialog) {
        dialog = new AboutDialog(m_service.config().dataDir, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showAccount(const QString &id)
{
    raiseWindow();
    showPage(Accounts);
    m_accounts->selectAccount(id);
}

void MainWindow::raiseWindow()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::prepareToQuit()
{
    if (isVisible())
        saveState();
    m_quitting = true;
    updateProxyBanner();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting) {
        QMainWindow::closeEvent(event);
        return;
    }
    if (m_hideOnClose) {
        hide();
        event->ignore();
        emit hiddenToTray();
        return;
    }
    // No tray: closing the window is quitting, which stops the proxy cleanly first (the shell hides the window).
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::quitRequested))) {
        event->ignore();
        emit quitRequested();
        return;
    }
    QMainWindow::closeEvent(event);
}
