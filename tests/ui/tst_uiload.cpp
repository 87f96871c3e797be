// SPDX-License-Identifier: MIT
// The UI under load (issue 12): a thousand requests, statistics changes and account changes arrive in one event-loop
// turn; the models, pages and tray must show all of them, in a bounded number of updates, and nothing while hidden.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QHash>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "accounts/accountpool.h"
#include "accounts/accountservice.h"
#include "accountsmodel.h"
#include "accountspage.h"
#include "config/config.h"
#include "kiro/upstreamerror.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "logsmodel.h"
#include "logspage.h"
#include "mainwindow.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "servicefixture.h"
#include "testfixtures.h"
#include "traycontroller.h"
#include "uiupdate.h"

class TestUiLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void hiddenWindowMakesNoPages();
    void logsModelInsertsABurstAtOnce();
    void logsModelBurstPastTheCapacity();
    void hiddenLogsPageWaitsUntilShown();
    void shownLogsPageFollowsInBatches();
    void accountsModelUpdatesEachAccountOnce();
    void hiddenAccountsPageWaitsUntilShown();
    void overviewRefreshesOncePerBatch();
    void trayFollowsLoadWithoutRepainting();

private:
    QString addAccount(const QString &name);
    /// `n` finished requests as the proxy reports them, all in the current event-loop turn: with `throughPool`, an
    /// account acquired and its success reported (as MessageExchange does), then a log row (which feeds the
    /// statistics).
    void serve(int first, int n, bool throughPool = false);

    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

namespace {
constexpr int kBurst = 1000;

RequestLogRow logRow(int i, const QString &account = QString())
{
    RequestLogRow row;
    row.id = QStringLiteral("req_%1").arg(i);
    row.time = QDateTime::currentDateTimeUtc();
    row.accountId = account;
    row.accountName = QStringLiteral("acc");
    row.status = 200;
    row.inputTokens = 10;
    row.outputTokens = 2;
    return row;
}

QString requestId(const QModelIndex &index)
{
    const QStringList words = index.data(LogsModel::SearchTextRole).toString().split(QLatin1Char(' '));
    for (const QString &word : words) {
        if (word.startsWith(QLatin1String("req_")))
            return word;
    }
    return {};
}

/// The request ids a model shows, top to bottom.
QStringList shownIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << requestId(model.index(r, 0));
    return ids;
}

QStringList logIds(const RequestLog &log)
{
    QStringList ids;
    for (const RequestLogRow &row : log.rows())
        ids << row.id;
    return ids;
}

/// Waits long enough for any pending batch to have been shown (used only to show that nothing happened).
void waitPastOneBatch()
{
    QTest::qWait(3 * UiUpdate::kIntervalMs);
}

/// Counts actions added to a widget: each rebuild of the tray menu adds one action per account.
class ActionAdditions final : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ActionAdded)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

/// The accounts page's table model (the sort proxy the view shows).
QAbstractItemModel *accountsView(MainWindow &window)
{
    auto *view = window.findChild<QTableView *>(QStringLiteral("accountsTable"));
    return view ? view->model() : nullptr;
}

QAbstractItemModel *logsView(MainWindow &window)
{
    auto *view = window.findChild<QTableView *>(QStringLiteral("requestTable"));
    return view ? view->model() : nullptr;
}
} // namespace

void TestUiLoad::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
}

void TestUiLoad::init()
{
    const QString why = m_env.startService(QStringLiteral("ui-load-key"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_service->requestLog().setCapacity(2 * kBurst);
}

void TestUiLoad::cleanup()
{
    m_env.stopService();
}

QString TestUiLoad::addAccount(const QString &name)
{
    return TestFixtures::addAccount(*m_service, name, TestFixtures::longToken(name));
}

void TestUiLoad::serve(int first, int n, bool throughPool)
{
    AccountPool &pool = m_service->accounts().pool();
    for (int i = first; i < first + n; ++i) {
        QString account;
        if (throughPool) {
            const auto acquired = pool.acquire({});
            QVERIFY(acquired.ok());
            account = acquired.value();
            pool.reportSuccess(account, 10, 2);
        }
        m_service->requestLog().add(logRow(i, account));
    }
}

void TestUiLoad::hiddenWindowMakesNoPages()
{
    // kiro-tray --hidden: the window exists for the tray, its pages do not until shown.
    MainWindow window(*m_service);
    serve(0, 10);
    QVERIFY(!window.findChild<OverviewPage *>());
    QVERIFY(!window.findChild<AccountsPage *>());
    QVERIFY(!window.findChild<LogsPage *>());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<OverviewPage *>()); // the current page, made on show
    QVERIFY(!window.findChild<LogsPage *>());
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    QVERIFY(pages);
    pages->setCurrentIndex(MainWindow::Logs); // a click on the tab
    QVERIFY(window.findChild<LogsPage *>());
    QTRY_COMPARE(logsView(window)->rowCount(), 10);
}

void TestUiLoad::logsModelInsertsABurstAtOnce()
{
    RequestLog log(QString(), 2 * kBurst);
    for (int i = 0; i < 100; ++i)
        log.add(logRow(i));
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    for (int i = 100; i < 100 + kBurst; ++i)
        log.add(logRow(i));
    QCOMPARE(inserted.count(), 0); // nothing while the burst runs

    QTRY_COMPARE(model.rowCount(), 100 + kBurst);
    QCOMPARE(inserted.count(), 1); // one batch: rows 0…999 in one insertion
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), kBurst - 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(shownIds(model), logIds(log)); // every row, newest first

    // The next request starts a new batch of its own.
    log.add(logRow(100 + kBurst));
    QTRY_COMPARE(inserted.count(), 2);
    QCOMPARE(requestId(model.index(0, 0)), QStringLiteral("req_%1").arg(100 + kBurst));
}

void TestUiLoad::logsModelBurstPastTheCapacity()
{
    RequestLog log(QString(), 300);
    for (int i = 0; i < 250; ++i)
        log.add(logRow(i));
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // 100 more: 50 of the old rows go, in one removal, and the batch comes in one insertion.
    for (int i = 250; i < 350; ++i)
        log.add(logRow(i));
    QTRY_COMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(shownIds(model), logIds(log));

    // A burst larger than the log replaces every row: one reset, and the rows the log dropped are never shown.
    for (int i = 350; i < 350 + kBurst; ++i)
        log.add(logRow(i));
    QTRY_COMPARE(resets.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(shownIds(model), logIds(log));
}

void TestUiLoad::hiddenLogsPageWaitsUntilShown()
{
    MainWindow window(*m_service);
    window.showPage(MainWindow::Logs); // the current page of a window in the tray
    serve(0, 10);
    serve(10, kBurst);
    waitPastOneBatch();
    QAbstractItemModel *view = logsView(window);
    if (view) {
        // A page that exists but is not shown tells its table nothing.
        QSignalSpy inserted(view, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(view, &QAbstractItemModel::modelReset);
        serve(10 + kBurst, 10);
        waitPastOneBatch();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(resets.count(), 0);
    }

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    view = logsView(window);
    QVERIFY(view);
    QTRY_COMPARE(view->rowCount(), int(m_service->requestLog().rows().size()));
    QCOMPARE(shownIds(*view), logIds(m_service->requestLog()));
}

void TestUiLoad::shownLogsPageFollowsInBatches()
{
    MainWindow window(*m_service);
    window.showPage(MainWindow::Logs);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModel *view = logsView(window);
    QVERIFY(view);
    QSignalSpy inserted(view, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(view, &QAbstractItemModel::modelReset);
    serve(0, kBurst);
    QTRY_COMPARE(view->rowCount(), kBurst);
    QVERIFY2(inserted.count() + resets.count() <= 2, qPrintable(QString::number(inserted.count())));
    QCOMPARE(shownIds(*view), logIds(m_service->requestLog()));

    // Another tab: the logs page is hidden and its table is told nothing until it is shown again.
    window.showPage(MainWindow::Overview);
    inserted.clear();
    serve(kBurst, 10);
    waitPastOneBatch();
    QCOMPARE(inserted.count(), 0);
    window.showPage(MainWindow::Logs);
    QTRY_COMPARE(view->rowCount(), kBurst + 10);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(shownIds(*view), logIds(m_service->requestLog()));
}

void TestUiLoad::accountsModelUpdatesEachAccountOnce()
{
    const QStringList ids = {addAccount(QStringLiteral("a")), addAccount(QStringLiteral("b")),
                             addAccount(QStringLiteral("c"))};
    AccountsModel model(m_service->accounts());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    serve(0, kBurst, true);
    QCOMPARE(changed.count(), 0); // nothing while the burst runs

    auto requestsOf = [&model](const QString &id) {
        return model.index(model.rowOf(id), AccountsModel::Requests).data(AccountsModel::RawValueRole).toLongLong();
    };
    QTRY_COMPARE(requestsOf(ids.at(0)) + requestsOf(ids.at(1)) + requestsOf(ids.at(2)), qint64(kBurst));
    for (const QString &id : ids)
        QCOMPARE(requestsOf(id), m_service->accounts().account(id).requests);
    QHash<int, int> perRow;
    for (const QList<QVariant> &signal : std::as_const(changed))
        ++perRow[signal.at(0).toModelIndex().row()];
    QCOMPARE(perRow.size(), 3);
    for (auto it = perRow.cbegin(); it != perRow.cend(); ++it)
        QVERIFY2(it.value() <= 2, qPrintable(QStringLiteral("row %1: %2").arg(it.key()).arg(it.value())));
    QCOMPARE(resets.count(), 0);
}

void TestUiLoad::hiddenAccountsPageWaitsUntilShown()
{
    const QStringList ids = {addAccount(QStringLiteral("a")), addAccount(QStringLiteral("b"))};
    MainWindow window(*m_service);
    window.showPage(MainWindow::Accounts);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModel *view = accountsView(window);
    QVERIFY(view);
    window.hide(); // to the tray
    QSignalSpy changed(view, &QAbstractItemModel::dataChanged);
    serve(0, kBurst, true);
    waitPastOneBatch();
    QCOMPARE(changed.count(), 0);

    window.show();
    QTRY_VERIFY(!changed.isEmpty());
    QVERIFY(changed.count() <= 2);
    qint64 total = 0;
    for (int r = 0; r < view->rowCount(); ++r)
        total += view->index(r, AccountsModel::Requests).data(AccountsModel::RawValueRole).toLongLong();
    QCOMPARE(total, qint64(kBurst));
}

void TestUiLoad::overviewRefreshesOncePerBatch()
{
    addAccount(QStringLiteral("a"));
    addAccount(QStringLiteral("b"));
    MainWindow window(*m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *page = window.findChild<OverviewPage *>();
    QVERIFY(page);
    auto *activity = page->findChild<QLabel *>(QStringLiteral("activity"));
    auto *setup = page->findChild<QPlainTextEdit *>(QStringLiteral("clientSetup"));
    QVERIFY(activity && setup);
    QSignalSpy refreshed(page, &OverviewPage::refreshed);
    QSignalSpy setupChanged(setup, &QPlainTextEdit::textChanged);
    serve(0, kBurst, true);
    QCOMPARE(refreshed.count(), 0);

    const QString today = QStringLiteral("Today: %1 request").arg(QLocale().toString(kBurst));
    QTRY_VERIFY2(activity->text().contains(today), qPrintable(activity->text()));
    QVERIFY2(refreshed.count() <= 2, qPrintable(QString::number(refreshed.count())));
    QCOMPARE(setupChanged.count(), 0); // the same endpoint and key: the setup block is not laid out again

    // Hidden in the tray: no refresh at all; shown again: one, with the current numbers.
    window.hide();
    refreshed.clear();
    serve(kBurst, kBurst, true);
    waitPastOneBatch();
    QCOMPARE(refreshed.count(), 0);
    window.show();
    QTRY_COMPARE(refreshed.count(), 1);
    QVERIFY2(activity->text().contains(QStringLiteral("Today: %1 request").arg(QLocale().toString(2 * kBurst))),
             qPrintable(activity->text()));
}

void TestUiLoad::trayFollowsLoadWithoutRepainting()
{
    const QStringList ids = {addAccount(QStringLiteral("a")), addAccount(QStringLiteral("b")),
                             addAccount(QStringLiteral("c"))};
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QTRY_COMPARE(tray.icon().cacheKey(), TrayIcons::icon(TrayIcons::State::Normal).cacheKey());
    QTRY_VERIFY(tray.toolTip().contains(
        QCoreApplication::translate("TrayController", "%1 of %Ln account(s) usable", nullptr, 3).arg(3)));
    ActionAdditions added;
    tray.menu()->installEventFilter(&added);
    QSignalSpy icons(&tray, &TrayController::iconChanged);
    QSignalSpy toolTips(&tray, &TrayController::toolTipChanged);

    serve(0, kBurst, true);
    QCOMPARE(toolTips.count(), 0);
    QTRY_VERIFY2(tray.toolTip().contains(
                     QCoreApplication::translate("TrayController", "%Ln request(s) today", nullptr, int(kBurst))),
                 qPrintable(tray.toolTip()));
    QVERIFY2(toolTips.count() <= 2, qPrintable(QString::number(toolTips.count())));
    QCOMPARE(icons.count(), 0); // still healthy: the same icon
    QCOMPARE(added.count, 0);   // every menu line says the same: the menu is not rebuilt

    // A real change of state: the icon changes once, however many failures caused it.
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    for (int i = 0; i < kBurst; ++i)
        m_service->accounts().pool().reportFailure(ids.at(0), throttle);
    QTRY_COMPARE(tray.icon().cacheKey(), TrayIcons::icon(TrayIcons::State::Degraded).cacheKey());
    waitPastOneBatch();
    QCOMPARE(icons.count(), 1);
    QCOMPARE(added.count, 3); // the throttled account's line changed: one rebuild
}

QTEST_MAIN(TestUiLoad)
#include "tst_uiload.moc"
