// SPDX-License-Identifier: MIT
// MainWindow: a tab per page; the import dialog is shared by the toolbar and the welcome block.
#include "mainwindow.h"

#include <QCloseEvent>
#include <QTabWidget>

#include "accountspage.h"
#include "importdialog.h"
#include "logspage.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "settingspage.h"
#include "trayicons.h"

MainWindow::MainWindow(ProxyService &service, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewPage(service, this))
    , m_accounts(new AccountsPage(service, this))
    , m_logs(new LogsPage(service, this))
    , m_settings(new SettingsPage(service, this))
{
    setWindowTitle(tr("Kiro Tray"));
    setWindowIcon(TrayIcons::appIcon());
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_overview->setObjectName(QStringLiteral("overviewPage"));
    m_accounts->setObjectName(QStringLiteral("accountsPage"));
    m_logs->setObjectName(QStringLiteral("logsPage"));
    m_settings->setObjectName(QStringLiteral("settingsPage"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_accounts, tr("Accounts"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_tabs->addTab(m_settings, tr("Settings"));
    setCentralWidget(m_tabs);
    resize(1000, 680);
    connect(m_overview, &OverviewPage::importRequested, this, &MainWindow::openImportDialog);
    connect(m_accounts, &AccountsPage::importRequested, this, &MainWindow::openImportDialog);
}

void MainWindow::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void MainWindow::openImportDialog()
{
    auto *dialog = new ImportDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importFinished, this, [this](int added, int) {
        if (added > 0)
            showPage(Accounts);
    });
    dialog->open();
}

void MainWindow::raiseWindow()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_hideOnClose) {
        hide();
        event->ignore();
        emit hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}
