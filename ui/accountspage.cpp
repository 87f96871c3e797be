// SPDX-License-Identifier: MIT
// AccountsPage: actions act on the selection; quota refresh shows progress and per-account errors. The table keeps the
// pool's order until the user sorts by a header, and a sorted table does not re-sort while statuses change (rows
// never jump under the pointer). Keys: Ctrl+I import, Del delete, F2 rename, F5 refresh quota (the selection, or all).
#include "accountspage.h"

#include <QApplication>
#include <QFrame>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "accounts/accountpresenter.h"
#include "accounts/accountservice.h"
#include "accountsmodel.h"
#include "accounttester.h"
#include "proxyservice.h"
#include "quotabardelegate.h"
#include "quotachart.h"
#include "relogindialog.h"
#include "uistate.h"

namespace {
// The text with its mnemonic on both the menu and the tool button (QAction::iconText() would drop the '&').
QAction *makeAction(QWidget *owner, const QString &text, const QKeySequence &key = {})
{
    auto *a = new QAction(text, owner);
    a->setIconText(text);
    if (!key.isEmpty()) {
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                    key.toString(QKeySequence::NativeText)));
    }
    owner->addAction(a); // the page's shortcuts work wherever the focus is inside the page
    return a;
}
} // namespace

AccountsPage::AccountsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new AccountsModel(service.accounts(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTableView(m_stack))
    , m_empty(new QWidget(m_stack))
    , m_details(new QFrame(this))
    , m_detailsTitle(new QLabel(m_details))
    , m_detailsQuota(new QLabel(m_details))
    , m_forecast(new QLabel(m_details))
    , m_lastTest(new QLabel(m_details))
    , m_chart(new QuotaChart(m_details))
    , m_progress(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("accountsTable"));
    m_progress->setObjectName(QStringLiteral("quotaProgress"));
    m_empty->setObjectName(QStringLiteral("accountsEmpty"));
    m_details->setObjectName(QStringLiteral("accountDetails"));
    m_forecast->setObjectName(QStringLiteral("quotaForecast"));
    m_lastTest->setObjectName(QStringLiteral("lastTest"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AccountsModel::RawValueRole);
    m_proxy->setDynamicSortFilter(false); // sorted once per header click; live changes do not move rows
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(AccountsModel::Quota, new QuotaBarDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the pool's order until a header is clicked
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(48);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(AccountsModel::Name, QHeaderView::Stretch);
    // At 800 px the account name keeps about 150 px; wider windows give it the rest.
    m_view->setColumnWidth(AccountsModel::Method, 100);
    m_view->setColumnWidth(AccountsModel::Status, 120);
    m_view->setColumnWidth(AccountsModel::Quota, 210);
    m_view->setColumnWidth(AccountsModel::Requests, 66);
    m_view->setColumnWidth(AccountsModel::Errors, 52);
    m_view->setColumnWidth(AccountsModel::LastUsed, 80);
    UiState::rememberHeader(header, QStringLiteral("accounts/columns"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    // What to do when there is nothing to show.
    {
        auto *title = new QLabel(tr("No accounts yet"), m_empty);
        QFont big = title->font();
        big.setPointSizeF(big.pointSizeF() * 1.3);
        big.setBold(true);
        title->setFont(big);
        auto *text = new QLabel(tr("Import a Kiro login to start: paste its credential JSON, or use the login of the "
                                   "Kiro IDE on this computer. The proxy spreads requests over every account you add."),
                                m_empty);
        text->setWordWrap(true);
        text->setAlignment(Qt::AlignCenter);
        auto *button = new QPushButton(tr("Import… (Ctrl+I)"), m_empty);
        button->setObjectName(QStringLiteral("emptyImportButton"));
        connect(button, &QPushButton::clicked, this, &AccountsPage::importRequested);
        m_empty->setFocusProxy(button);
        auto *box = new QVBoxLayout(m_empty);
        box->addStretch(1);
        box->addWidget(title, 0, Qt::AlignHCenter);
        box->addWidget(text);
        box->addSpacing(8);
        box->addWidget(button, 0, Qt::AlignHCenter);
        box->addStretch(2);
        box->setContentsMargins(40, 20, 40, 20);
    }
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    // The current account: its quota, the forecast and the chart.
    {
        auto *frame = static_cast<QFrame *>(m_details);
        frame->setFrameShape(QFrame::StyledPanel);
        QFont bold = m_detailsTitle->font();
        bold.setBold(true);
        m_detailsTitle->setFont(bold);
        m_detailsTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_detailsQuota->setWordWrap(true);
        m_forecast->setWordWrap(true);
        m_lastTest->setWordWrap(true);
        m_lastTest->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *text = new QVBoxLayout;
        text->addWidget(m_detailsTitle);
        text->addWidget(m_detailsQuota);
        text->addWidget(m_forecast);
        text->addWidget(m_lastTest);
        text->addStretch(1);
        // Title, quota, checked, two lines of forecast and the test: never squeezed into each other.
        // (CJK text is taller than the default font's line spacing says: eight lines leave room for it.)
        m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 8 + 16);
        for (QLabel *l : {m_detailsTitle, m_detailsQuota, m_forecast, m_lastTest})
            l->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
        auto *row = new QHBoxLayout(m_details);
        row->addLayout(text, 2);
        row->addWidget(m_chart, 3);
    }

    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_import = makeAction(this, tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_import, &QAction::triggered, this, &AccountsPage::importRequested);
    bar->addAction(m_import);
    bar->addSeparator();
    m_refreshSelected = makeAction(this, tr("&Refresh quota"), QKeySequence(Qt::Key_F5));
    connect(m_refreshSelected, &QAction::triggered, this, [this] { refreshQuota(selectedIds().isEmpty()); });
    bar->addAction(m_refreshSelected);
    m_refreshAll = makeAction(this, tr("Refresh &all"), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_refreshAll, &QAction::triggered, this, [this] { refreshQuota(true); });
    bar->addAction(m_refreshAll);
    m_test = makeAction(this, tr("&Test"), QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_test, &QAction::triggered, this, &AccountsPage::testSelected);
    bar->addAction(m_test);
    bar->addSeparator();
    m_enable = makeAction(this, tr("&Enable"));
    connect(m_enable, &QAction::triggered, this, [this] { enableSelected(true); });
    bar->addAction(m_enable);
    m_disable = makeAction(this, tr("Di&sable"));
    connect(m_disable, &QAction::triggered, this, [this] { enableSelected(false); });
    bar->addAction(m_disable);
    m_rename = makeAction(this, tr("Re&name…"), QKeySequence(Qt::Key_F2));
    connect(m_rename, &QAction::triggered, this, &AccountsPage::renameCurrent);
    bar->addAction(m_rename);
    m_relogin = makeAction(this, tr("Sign in a&gain…"));
    connect(m_relogin, &QAction::triggered, this, &AccountsPage::reloginCurrent);
    bar->addAction(m_relogin);
    m_delete = makeAction(this, tr("&Delete…"), QKeySequence(QKeySequence::Delete));
    connect(m_delete, &QAction::triggered, this, &AccountsPage::deleteSelected);
    bar->addAction(m_delete);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("accountsSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_stack);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    const QByteArray splitState = UiState::value(QStringLiteral("accounts/splitter")).toByteArray();
    if (!splitState.isEmpty())
        split->restoreState(splitState);
    connect(split, &QSplitter::splitterMoved, this,
            [split] { UiState::setValue(QStringLiteral("accounts/splitter"), split->saveState()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_progress);
    m_progress->setWordWrap(true);
    setTabOrder(m_view, m_chart);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountsPage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &AccountsPage::updateDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        selectFirstIfNone();
        updateActions();
        updateEmptyState();
        updateDetails();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_model->rowOf(currentId());
        if (row >= from.row() && row <= to.row())
            updateDetails();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(m_refreshSelected);
        menu.addAction(m_test);
        menu.addSeparator();
        menu.addAction(m_enable);
        menu.addAction(m_disable);
        menu.addAction(m_rename);
        menu.addAction(m_relogin);
        menu.addSeparator();
        menu.addAction(m_delete);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    selectFirstIfNone();
    updateActions();
    updateEmptyState();
    updateDetails();
    m_model->setLive(false); // until the page is shown
}

// A hidden table has nothing to repaint: account changes wait until the page is shown.
// The page's keys (Del, F2, F5, Ctrl+I, Ctrl+T) work while the focus is inside it: coming to the page puts it on the
// table (or on the empty state's Import button) unless it is inside already.
void AccountsPage::showEvent(QShowEvent *event)
{
    m_model->setLive(true);
    QWidget::showEvent(event);
    QWidget *focus = QApplication::focusWidget();
    if (!focus || !isAncestorOf(focus))
        m_stack->currentWidget()->setFocus(Qt::OtherFocusReason);
}

void AccountsPage::hideEvent(QHideEvent *event)
{
    m_model->setLive(false);
    QWidget::hideEvent(event);
}

QStringList AccountsPage::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids.append(i.data(AccountsModel::AccountIdRole).toString());
    return ids;
}

QString AccountsPage::currentId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(AccountsModel::AccountIdRole).toString() : QString();
}

bool AccountsPage::selectAccount(const QString &id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(AccountsModel::AccountIdRole).toString() != id)
            continue;
        m_view->selectionModel()->setCurrentIndex(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
        return true;
    }
    return false;
}

// The details area always shows an account when there is one.
void AccountsPage::selectFirstIfNone()
{
    if (!m_view->selectionModel()->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->index(0, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void AccountsPage::updateActions()
{
    const int n = int(selectedIds().size());
    const bool any = m_model->rowCount() > 0;
    for (QAction *a : {m_enable, m_disable, m_delete})
        a->setEnabled(n > 0);
    m_rename->setEnabled(n == 1);
    m_relogin->setEnabled(n == 1);
    m_test->setEnabled(n > 0);
    // The one thing a login-expired account needs, said where the user looks.
    const Account current = m_model->accountAt(m_model->rowOf(currentId()));
    const bool expired = n == 1 && current.reason == Account::Reason::InvalidRefreshToken;
    QFont font = m_relogin->font();
    font.setBold(expired);
    m_relogin->setFont(font);
    m_refreshSelected->setEnabled(any);
    m_refreshAll->setEnabled(any);
    m_refreshSelected->setStatusTip(n > 0 ? tr("Refresh the quota of the selected accounts")
                                          : tr("Refresh the quota of every account"));
}

void AccountsPage::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? m_empty : static_cast<QWidget *>(m_view));
    m_details->setVisible(!empty);
}

void AccountsPage::updateDetails()
{
    const QString id = currentId();
    const int row = m_model->rowOf(id);
    if (row < 0) {
        m_detailsTitle->setText(tr("No account selected"));
        m_detailsQuota->setText(tr("Select an account to see its quota over time."));
        m_forecast->clear();
        m_chart->setHistory({}, {}, {}, QDateTime::currentDateTimeUtc());
        return;
    }
    const Account a = m_model->accountAt(row);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QuotaHistory &history = m_service.accounts().quotaHistory();
    const QuotaHistory::Forecast forecast = history.forecast(id, now, a.quotaResetAt);
    m_detailsTitle->setText(
        QStringLiteral("%1 — %2").arg(AccountPresenter::displayName(a), AccountPresenter::statusLabel(a)));
    const auto gauge = AccountPresenter::quotaGauge(a);
    QString quota = AccountPresenter::quotaText(a);
    if (a.quotaCheckedAt.isValid()) {
        // Today: the time it was checked; earlier: the day.
        const QDateTime checked = a.quotaCheckedAt.toLocalTime();
        const QLocale locale;
        quota +=
            tr(" · checked %1")
                .arg(checked.date() == QDate::currentDate() ? locale.toString(checked.time(), QLocale::ShortFormat)
                                                            : locale.toString(checked.date(), QLocale::ShortFormat));
    }
    m_detailsQuota->setText(quota);
    m_forecast->setText(gauge.state == AccountPresenter::QuotaGauge::State::Exhausted
                            ? QString()
                            : AccountPresenter::forecastText(forecast, now));
    m_chart->setHistory(history.points(id), forecast, a.quotaResetAt, now);
    m_lastTest->setText(m_testResults.value(id));
}

void AccountsPage::testSelected()
{
    QStringList ids = selectedIds();
    if (ids.isEmpty() && !currentId().isEmpty())
        ids.append(currentId());
    for (const QString &id : ids) {
        const QString name = AccountPresenter::displayName(m_service.accounts().account(id));
        m_testResults.insert(id, tr("Testing %1…").arg(name));
        m_progress->setText(m_testResults.value(id));
        m_service.testAccount(id, this, [this, name](const AccountTestResult &r) {
            const QString line = r.ok ? tr("%1: “%2” — %3 ms").arg(name, r.answer, QLocale().toString(r.latencyMs))
                                      : tr("%1: the test failed: %2").arg(name, r.error);
            m_testResults.insert(r.accountId, line);
            m_progress->setText(line);
            if (r.accountId == currentId())
                m_lastTest->setText(line);
        });
    }
    updateDetails();
}

void AccountsPage::reloginCurrent()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    const QString id = ids.first();
    auto *dialog = new ReloginDialog(m_service.accounts(), id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, id] {
        m_progress->setText(
            tr("%1 is signed in again.").arg(AccountPresenter::displayName(m_service.accounts().account(id))));
        m_testResults.remove(id);
        updateDetails();
    });
    dialog->open();
}

void AccountsPage::refreshQuota(bool all)
{
    const QStringList ids = all ? QStringList() : selectedIds();
    const int total = all ? m_service.accounts().size() : int(ids.size());
    if (total == 0)
        return;
    auto done = std::make_shared<int>(0);
    auto errors = std::make_shared<QStringList>();
    m_progress->setText(tr("Refreshing quota: 0 of %1…").arg(QLocale().toString(total)));
    m_service.accounts().refreshQuota(
        ids, this,
        [this, done, errors, total](const QString &id, const QString &error) {
            ++*done;
            if (!error.isEmpty())
                errors->append(
                    tr("%1: %2", "account: its quota refresh error").arg(m_service.accounts().accountName(id), error));
            m_progress->setText(
                tr("Refreshing quota: %1 of %2…").arg(QLocale().toString(*done), QLocale().toString(total)));
        },
        [this, errors, total] {
            if (errors->isEmpty())
                m_progress->setText(tr("Quota refreshed for %n account(s).", nullptr, total));
            else
                m_progress->setText(tr("Quota refresh failed for %n account(s): ", nullptr, int(errors->size())) +
                                    errors->join(tr("; ", "between the quota refresh errors of accounts")));
            updateDetails();
        });
}

void AccountsPage::enableSelected(bool enable)
{
    for (const QString &id : selectedIds()) {
        if (enable)
            m_service.accounts().enable(id);
        else
            m_service.accounts().disable(id);
    }
    reportIfNotSaved();
}

// The change is live at once; if it cannot be made durable, the user is told instead of believing it was kept.
void AccountsPage::reportIfNotSaved()
{
    m_service.accounts().whenDurable(this, [this](const QString &error) {
        if (!error.isEmpty())
            m_progress->setText(tr("The change could not be saved: %1").arg(error));
    });
}

void AccountsPage::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (const QString &id : ids)
        names.append(m_service.accounts().accountName(id));
    QMessageBox box(QMessageBox::Warning, tr("Delete accounts"),
                    tr("Delete %n account(s) and their stored secrets?", nullptr, int(ids.size())),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("deleteConfirmation"));
    box.setInformativeText(names.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                           tr("Their history and counters go too. To use an account again, import it again."));
    QPushButton *remove = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDelete"));
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    for (const QString &id : ids)
        m_service.accounts().remove(id);
    reportIfNotSaved();
}

void AccountsPage::renameCurrent()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename account"), tr("Name:"), QLineEdit::Normal,
                                               m_service.accounts().accountName(ids.first()), &ok);
    if (ok && !name.trimmed().isEmpty() && m_service.accounts().rename(ids.first(), name))
        reportIfNotSaved();
}
