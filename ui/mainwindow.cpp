// SPDX-License-Identifier: MIT
// MainWindow: a tab per page, each page made when it is first shown; the import dialog is shared by the toolbar and
// the welcome block.
#include "mainwindow.h"

#include <QCloseEvent>
#include <QTabWidget>
#include <QVBoxLayout>

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
{
    setWindowTitle(tr("Kiro Tray"));
    setWindowIcon(TrayIcons::appIcon());
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    for (const QString &title : {tr("Overview"), tr("Accounts"), tr("Logs"), tr("Settings")}) {
        auto *slot = new QWidget(m_tabs);
        auto *layout = new QVBoxLayout(slot);
        layout->setContentsMargins(0, 0, 0, 0);
        m_slots.append(slot);
        m_tabs->addTab(slot, title);
    }
    setCentralWidget(m_tabs);
    resize(1000, 680);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (isVisible())
            ensurePage(index);
    });
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

void MainWindow::showEvent(QShowEvent *event)
{
    ensurePage(m_tabs->currentIndex());
    QMainWindow::showEvent(event);
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
