// SPDX-License-Identifier: MIT
// Widget tests under offscreen: models (QAbstractItemModelTester), quota bands, tray state and menu, settings
// validation, overview numbers, import dialog against the fake Kiro upstream, autostart and single instance.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include "accounts/accountpool.h"
#include "accounts/accountpresenter.h"
#include "accountsmodel.h"
#include "autostart.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "importdialog.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "logsmodel.h"
#include "logspage.h"
#include "mainwindow.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "quotabardelegate.h"
#include "requestchart.h"
#include "servicefixture.h"
#include "settingspage.h"
#include "singleinstance.h"
#include "testfixtures.h"
#include "traycontroller.h"

class TestWidgets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void accountsModelIsConsistent();
    void logsModelIsConsistent();
    void logsModelInsertsAndTrims();
    void logsSelectionSurvivesNewRequests();
    void logsScrollPositionSurvivesNewRequests();
    void accountPresenterStatus_data();
    void accountPresenterStatus();
    void accountPresenterUnavailableSummary();
    void trayMenuWordsAccountsThroughPresenter();
    void quotaBands_data();
    void quotaBands();
    void trayStateFollowsHealth();
    void trayRefreshesOncePerBurst();
    void trayStrategyReachesPool();
    void trayStrategyThatCannotBeSavedIsNotShown();
    void trayCopiesClaudeCodeSettings();
    void settingsValidation_data();
    void settingsValidation();
    void serviceRefusesToExposeTheQuota();
    void settingsSayWhatWaitsForARestart();
    void settingsApplyFailureKeepsInput();
    void settingsPageFollowsTable();
    void settingsPageTranslated();
    void overviewNumbers();
    void requestsTodayAgreeBeyondLogCapacity();
    void chartPaints();
    void importDialogRejectsBadInput();
    void importDialogImportsAgainstFakeKiro();
    void importDialogReportsRefreshFailure();
    void autostartWritesDesktopFile();
    void singleInstanceForwardsActivation();
    void chineseTranslationLoads();
    void accountStatusTranslated();

private:
    QString addAccount(const QString &name, const QString &token);
    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

namespace {
RequestLogRow logRow(int i)
{
    RequestLogRow row;
    row.id = QStringLiteral("req_%1").arg(i);
    row.time = QDateTime::currentDateTimeUtc();
    row.accountName = QStringLiteral("acc");
    row.status = 200;
    return row;
}

/// The request id of a row, as the log's search sees it.
QString requestId(const QModelIndex &index)
{
    const QStringList words = index.data(LogsModel::SearchTextRole).toString().split(QLatin1Char(' '));
    for (const QString &word : words) {
        if (word.startsWith(QLatin1String("req_")))
            return word;
    }
    return {};
}

QImage rendered(QWidget &widget)
{
    QImage image(widget.size(), QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    widget.render(&image);
    return image;
}

/// The dialog's accept button ("Import").
QPushButton *importButton(const ImportDialog &dialog)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    for (QAbstractButton *button : box ? box->buttons() : QList<QAbstractButton *>()) {
        if (box->buttonRole(button) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

/// Pastes `text` as a user would: the dialog reads it after a short pause in typing.
void paste(ImportDialog &dialog, const QString &text)
{
    if (auto *edit = dialog.findChild<QPlainTextEdit *>())
        edit->setPlainText(text);
}

/// The "Result" column of the first candidate.
QString importResult(const ImportDialog &dialog)
{
    auto *list = dialog.findChild<QTreeWidget *>();
    return list && list->topLevelItem(0) ? list->topLevelItem(0)->text(2) : QString();
}

bool says(const QWidget &widget, const QString &text)
{
    for (const QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->text().contains(text))
            return true;
    }
    return false;
}
} // namespace

void TestWidgets::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
}

void TestWidgets::init()
{
    const QString why = m_env.startService(QStringLiteral("ui-test-key"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestWidgets::cleanup()
{
    m_env.stopService();
}

QString TestWidgets::addAccount(const QString &name, const QString &token)
{
    return TestFixtures::addAccount(*m_service, name, TestFixtures::longToken(token));
}

void TestWidgets::accountsModelIsConsistent()
{
    AccountsModel model(m_service->accounts());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    addAccount(QStringLiteral("b"), QStringLiteral("tb"));
    QCOMPARE(model.rowCount(), 2);
    m_service->accounts().pool().setQuota(a, 100, 95, QDateTime::currentDateTimeUtc().addDays(3), QString(), QString());
    QTRY_COMPARE(model.index(model.rowOf(a), AccountsModel::Quota).data(AccountsModel::QuotaPercentRole).toDouble(),
                 5.0);
    m_service->accounts().pool().disable(a);
    QTRY_COMPARE(model.index(model.rowOf(a), AccountsModel::Status).data().toString(), QStringLiteral("Disabled"));
    m_service->accounts().pool().removeAccount(a);
    QCOMPARE(model.rowCount(), 1);
}

void TestWidgets::logsModelIsConsistent()
{
    LogsModel model(m_service->requestLog());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 3; ++i) {
        RequestLogRow row;
        row.id = QStringLiteral("req_%1").arg(i);
        row.time = QDateTime::currentDateTimeUtc();
        row.status = i == 2 ? 502 : 200;
        row.errorMessage = i == 2 ? QStringLiteral("boom") : QString();
        row.errorClass = i == 2 ? QStringLiteral("api_error") : QString();
        row.hops = {{QStringLiteral("x"), QStringLiteral("first"), QStringLiteral("HTTP 402")}};
        m_service->requestLog().add(row);
    }
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, LogsModel::Status).data().toInt(), 502); // newest first
    QVERIFY(model.details(0).contains(QLatin1String("Failed over from first: HTTP 402")));
}

void TestWidgets::logsModelInsertsAndTrims()
{
    RequestLog log(QString(), 20);
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 15; ++i)
        log.add(logRow(i));
    model.flush(); // what the batch timer does
    QCOMPARE(model.rowCount(), 15);
    for (int i = 15; i < 25; ++i)
        log.add(logRow(i));
    model.flush();
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(inserted.count(), 2); // one insertion per batch
    QCOMPARE(removed.count(), 1);  // the 5 oldest rows past the capacity, in one removal before the insertion
    QCOMPARE(removed.last().at(1).toInt(), 10);
    QCOMPARE(removed.last().at(2).toInt(), 14);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(requestId(model.index(0, 0)), QStringLiteral("req_24"));
    QCOMPARE(requestId(model.index(19, 0)), QStringLiteral("req_5"));

    log.setCapacity(10); // the settings page shrinks the log: the oldest rows go, the rest stay
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.last().at(1).toInt(), 10);
    QCOMPARE(removed.last().at(2).toInt(), 19);
    QCOMPARE(requestId(model.index(9, 0)), QStringLiteral("req_15"));
    QCOMPARE(resets.count(), 0);

    log.clear();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 0);
}

void TestWidgets::logsSelectionSurvivesNewRequests()
{
    for (int i = 0; i < 5; ++i)
        m_service->requestLog().add(logRow(i));
    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    QVERIFY(view);
    QCOMPARE(requestId(view->model()->index(2, 0)), QStringLiteral("req_2"));
    view->selectRow(2);
    auto *details = page.findChild<QPlainTextEdit *>(QStringLiteral("requestDetails"));
    QVERIFY(details);
    QVERIFY(details->toPlainText().contains(QLatin1String("Request req_2 ")));

    for (int i = 5; i < 8; ++i)
        m_service->requestLog().add(logRow(i));
    QTRY_COMPARE(view->model()->rowCount(), 8);
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(requestId(selected.first()), QStringLiteral("req_2"));
    QCOMPARE(requestId(view->currentIndex()), QStringLiteral("req_2"));
    QVERIFY(details->toPlainText().contains(QLatin1String("Request req_2 ")));
}

void TestWidgets::logsScrollPositionSurvivesNewRequests()
{
    for (int i = 0; i < 200; ++i)
        m_service->requestLog().add(logRow(i));
    LogsPage page(*m_service);
    page.resize(900, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    QVERIFY(view);
    QScrollBar *scroll = view->verticalScrollBar();
    QTRY_VERIFY(scroll->maximum() > 100);

    // Scrolled down to read: the same request stays at the top while new ones arrive above it.
    scroll->setValue(50);
    const QString top = requestId(view->indexAt(QPoint(0, 0)));
    QCOMPARE(top, QStringLiteral("req_149"));
    for (int i = 200; i < 205; ++i)
        m_service->requestLog().add(logRow(i));
    QTRY_COMPARE(view->model()->rowCount(), 205);
    QTRY_COMPARE(requestId(view->indexAt(QPoint(0, 0))), top);
    QCOMPARE(scroll->value(), 55);

    // At the top: the view follows the newest request.
    scroll->setValue(0);
    m_service->requestLog().add(logRow(205));
    QTRY_COMPARE(requestId(view->indexAt(QPoint(0, 0))), QStringLiteral("req_205"));
    QCOMPARE(scroll->value(), 0);
}

void TestWidgets::accountPresenterStatus_data()
{
    QTest::addColumn<Account>("account");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("menuLine");
    const QDateTime at(QDate(2030, 12, 1), QTime(14, 5));
    const QString day = QLocale().toString(at.date(), QStringLiteral("MMM d"));
    auto account = [](Account::Status status, Account::Reason reason) {
        Account a;
        a.name = QStringLiteral("work");
        a.status = status;
        a.reason = reason;
        return a;
    };
    Account quota = account(Account::Status::Active, Account::Reason::None);
    quota.hasQuota = true;
    quota.quotaLimit = 50;
    quota.quotaUsed = 30;
    Account cooling = account(Account::Status::Cooldown, Account::Reason::RateLimited);
    cooling.cooldownUntil = at;
    Account exhausted = account(Account::Status::Exhausted, Account::Reason::QuotaExhausted);
    exhausted.exhaustedUntil = at;
    Account unnamed = account(Account::Status::Active, Account::Reason::None);
    unnamed.name.clear();
    unnamed.email = QStringLiteral("me@example.com");
    using S = Account::Status;
    using R = Account::Reason;
    QTest::newRow("active, quota unknown") << account(S::Active, R::None) << "Active"
                                           << "work";
    QTest::newRow("active with quota") << quota << "Active"
                                       << "work — 40 % left";
    QTest::newRow("active, e-mail only") << unnamed << "Active"
                                         << "me@example.com";
    QTest::newRow("cooling down until") << cooling << "Cooling down until 14:05"
                                        << "work — Cooling down until 14:05";
    QTest::newRow("cooling down") << account(S::Cooldown, R::RateLimited) << "Cooling down"
                                  << "work — Cooling down";
    QTest::newRow("exhausted until") << exhausted << QStringLiteral("Exhausted until %1").arg(day)
                                     << QStringLiteral("work — Exhausted until %1").arg(day);
    QTest::newRow("exhausted") << account(S::Exhausted, R::QuotaExhausted) << "Exhausted"
                               << "work — Exhausted";
    QTest::newRow("disabled by the user") << account(S::Disabled, R::Manual) << "Disabled"
                                          << "work — Disabled";
    QTest::newRow("suspended") << account(S::Disabled, R::Suspended) << "Disabled: suspended by Kiro"
                               << "work — Disabled: suspended by Kiro";
    QTest::newRow("login expired") << account(S::Disabled, R::InvalidRefreshToken)
                                   << "Disabled: login expired — sign in again"
                                   << "work — Disabled: login expired — sign in again";
    QTest::newRow("too many failures") << account(S::Disabled, R::TooManyFailures) << "Disabled: too many failures"
                                       << "work — Disabled: too many failures";
}

void TestWidgets::accountPresenterStatus()
{
    QFETCH(Account, account);
    QFETCH(QString, label);
    QFETCH(QString, menuLine);
    QCOMPARE(AccountPresenter::statusLabel(account), label);
    QCOMPARE(AccountPresenter::menuLine(account), menuLine);
    QCOMPARE(AccountPresenter::statusDetail(account), label);
    account.statusMessage = QStringLiteral("HTTP 429: Too many requests");
    QCOMPARE(AccountPresenter::statusDetail(account), label + QStringLiteral("\nHTTP 429: Too many requests"));
}

void TestWidgets::accountPresenterUnavailableSummary()
{
    auto account = [](Account::Status status, Account::Reason reason, const QDateTime &until = {}) {
        Account a;
        a.status = status;
        a.reason = reason;
        a.cooldownUntil = status == Account::Status::Cooldown ? until : QDateTime();
        a.exhaustedUntil = status == Account::Status::Exhausted ? until : QDateTime();
        return a;
    };
    const QDate day(2030, 12, 1);
    const QList<Account> unavailable{
        account(Account::Status::Cooldown, Account::Reason::RateLimited, QDateTime(day, QTime(14, 30))),
        account(Account::Status::Cooldown, Account::Reason::RateLimited, QDateTime(day, QTime(14, 5))),
        account(Account::Status::Exhausted, Account::Reason::QuotaExhausted),
        account(Account::Status::Disabled, Account::Reason::Suspended),
        account(Account::Status::Disabled, Account::Reason::Suspended),
        account(Account::Status::Disabled, Account::Reason::Manual),
        account(Account::Status::Active, Account::Reason::None), // its secret has not been loaded
    };
    QCOMPARE(AccountPresenter::unavailableSummary(unavailable),
             QStringLiteral("2 account(s) cooling down until 14:05\n" // English has no plural forms file
                            "1 account(s) exhausted\n"
                            "1 account(s) disabled\n"
                            "2 account(s) disabled: suspended by Kiro\n"
                            "1 account(s) still loading secrets"));
    QCOMPARE(AccountPresenter::unavailableSummary({}), QString());
}

void TestWidgets::trayMenuWordsAccountsThroughPresenter()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_service->accounts().pool().reportFailure(a, throttle);
    const Account cooling = m_service->accounts().pool().account(a);
    QCOMPARE(cooling.status, Account::Status::Cooldown);
    auto line = [&tray]() -> QAction * {
        for (QAction *action : tray.menu()->actions()) {
            if (action->text().startsWith(QLatin1String("a ")))
                return action;
        }
        return nullptr;
    };
    QTRY_VERIFY(line() && line()->text() == AccountPresenter::menuLine(cooling));
    QVERIFY2(line()->text().contains(QLatin1String("Cooling down until ")), qPrintable(line()->text()));
    QCOMPARE(line()->toolTip(), AccountPresenter::statusDetail(cooling));
}

void TestWidgets::quotaBands_data()
{
    QTest::addColumn<double>("remaining");
    QTest::addColumn<QColor>("color");
    const QColor green(0x2e, 0x9e, 0x5b), yellow(0xe0, 0x9b, 0x1a), red(0xd0, 0x3a, 0x3a);
    QTest::newRow("100") << 100.0 << green;
    QTest::newRow("30.1") << 30.1 << green;
    QTest::newRow("30 is yellow") << 30.0 << yellow;
    QTest::newRow("10 is yellow") << 10.0 << yellow;
    QTest::newRow("9.9 is red") << 9.9 << red;
    QTest::newRow("0") << 0.0 << red;
    QTest::newRow("unknown") << -1.0 << QColor(0x90, 0x90, 0x90);
}

void TestWidgets::quotaBands()
{
    QFETCH(double, remaining);
    QFETCH(QColor, color);
    QCOMPARE(QuotaBarDelegate::bandColor(remaining), color);
}

void TestWidgets::trayStateFollowsHealth()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    auto shows = [&tray](TrayIcons::State state) {
        return tray.icon().cacheKey() == TrayIcons::icon(state).cacheKey();
    };
    QVERIFY(shows(TrayIcons::State::Unavailable)); // no account
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    addAccount(QStringLiteral("b"), QStringLiteral("tb"));
    QTRY_VERIFY(shows(TrayIcons::State::Normal));
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_service->accounts().pool().reportFailure(a, throttle);
    QTRY_VERIFY(shows(TrayIcons::State::Degraded));
    m_service->setPaused(true);
    QTRY_VERIFY(shows(TrayIcons::State::Paused));
    QVERIFY(tray.toolTip().contains(m_service->endpoint()));
    m_service->setPaused(false);
    QTRY_VERIFY(shows(TrayIcons::State::Degraded));
}

namespace {
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
} // namespace

void TestWidgets::trayRefreshesOncePerBurst()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    ActionAdditions added;
    tray.menu()->installEventFilter(&added);
    const QString before = tray.toolTip();

    // Five accounts and twenty requests in one go: dozens of pool and log signals.
    for (int i = 0; i < 5; ++i)
        addAccount(QStringLiteral("acc%1").arg(i), QStringLiteral("t%1").arg(i));
    for (int i = 0; i < 20; ++i)
        m_service->requestLog().add(logRow(i));
    QCOMPARE(tray.toolTip(), before); // nothing rebuilt while the burst runs
    QCOMPARE(added.count, 0);

    QTRY_VERIFY2(tray.toolTip().contains(
                     QCoreApplication::translate("TrayController", "%1 of %Ln account(s) usable", nullptr, 5).arg(5) +
                     QStringLiteral(" · ") +
                     QCoreApplication::translate("TrayController", "%Ln request(s) today", nullptr, 20)),
                 qPrintable(tray.toolTip()));
    QCOMPARE(added.count, 5); // the account lines were built once, not once per signal
    const qint64 normal = tray.icon().cacheKey();
    QCOMPARE(normal, TrayIcons::icon(TrayIcons::State::Normal).cacheKey());

    // More traffic in the same state: the tooltip follows, the icon stays the very same one.
    for (int i = 20; i < 30; ++i)
        m_service->requestLog().add(logRow(i));
    QTRY_VERIFY2(
        tray.toolTip().contains(QCoreApplication::translate("TrayController", "%Ln request(s) today", nullptr, 30)),
        qPrintable(tray.toolTip()));
    QCOMPARE(tray.icon().cacheKey(), normal);
    QCOMPARE(added.count, 5); // the menu lines say the same as before: not rebuilt
}

void TestWidgets::trayStrategyReachesPool()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    auto *strategies = tray.findChild<QActionGroup *>(QStringLiteral("strategies"));
    QVERIFY(strategies);
    QAction *sequential = nullptr;
    for (QAction *a : strategies->actions()) {
        if (a->data().toString() == QLatin1String("sequential-exhaust"))
            sequential = a;
    }
    QVERIFY(sequential);
    sequential->trigger();
    QCOMPARE(m_service->accounts().pool().strategy(), SelectionStrategy::Kind::SequentialExhaust);
    QCOMPARE(m_service->config().strategy, QStringLiteral("sequential-exhaust")); // persisted
    // One owner: the settings page shows what the tray chose, and a change from elsewhere (as /api/strategy makes
    // it) reaches the tray, the page and the pool; applying the page does not bring an older value back.
    window.showPage(MainWindow::Settings);
    auto *page = window.findChild<SettingsPage *>();
    QVERIFY(page);
    auto *combo = page->findChild<QComboBox *>(QStringLiteral("strategy"));
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("sequential-exhaust"));
    QVERIFY(m_service->accounts().setStrategy(SelectionStrategy::Kind::Random).ok());
    for (QAction *a : strategies->actions())
        QCOMPARE(a->isChecked(), a->data().toString() == QLatin1String("random"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("random"));
    QVERIFY(page->apply());
    QCOMPARE(m_service->accounts().strategy(), SelectionStrategy::Kind::Random);
    QCOMPARE(m_service->config().strategy, QStringLiteral("random"));
}

void TestWidgets::trayStrategyThatCannotBeSavedIsNotShown()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    auto *strategies = tray.findChild<QActionGroup *>(QStringLiteral("strategies"));
    QVERIFY(strategies);
    const Config before = m_service->config();
    const QString current = before.strategy;
    QTemporaryDir dir;
    Config unwritable = before;
    unwritable.configPath = dir.path(); // a directory: config.json cannot be written
    QVERIFY(m_service->settings().apply(unwritable).ok());
    for (QAction *a : strategies->actions()) {
        if (a->data().toString() != current) {
            a->trigger();
            break;
        }
    }
    QCOMPARE(m_service->config().strategy, current);
    for (QAction *a : strategies->actions())
        QCOMPARE(a->isChecked(), a->data().toString() == current);
    QVERIFY(m_service->settings().apply(before).ok());
}

void TestWidgets::trayCopiesClaudeCodeSettings()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QAction *copy = nullptr;
    for (QAction *a : tray.menu()->actions()) {
        if (a->text() == QLatin1String("Copy Claude Code settings"))
            copy = a;
    }
    QVERIFY(copy);
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_API_KEY=ui-test-key\n")
                 .arg(m_service->endpoint()));
}

// Clearing the key while listening beyond loopback needs no new listener, so listen() would never see it: the
// service applies the same rule before anything changes.
void TestWidgets::serviceRefusesToExposeTheQuota()
{
    const Config before = m_service->config();
    Config next = before;
    next.host = QStringLiteral("0.0.0.0");
    next.apiKey.clear();
    const auto applied = m_service->applyConfig(next);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().contains(QLatin1String("set an API key")), qPrintable(applied.error()));
    QCOMPARE(m_service->config().host, before.host);
    QCOMPARE(m_service->config().apiKey, before.apiKey);
}

// The secret store is opened once at start: the page says so instead of pretending the change is live.
void TestWidgets::settingsSayWhatWaitsForARestart()
{
    SettingsPage page(*m_service);
    auto *store = page.findChild<QComboBox *>(QStringLiteral("secretStore"));
    auto *message = page.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(store && message);
    const QString before = m_service->config().secretStore;
    store->setCurrentIndex(store->findData(QStringLiteral("keychain")));
    QVERIFY(page.apply());
    QCOMPARE(m_service->config().secretStore, QStringLiteral("keychain"));
    QVERIFY2(message->text().contains(QLatin1String("starts again: Secret storage.")), qPrintable(message->text()));
    store->setCurrentIndex(store->findData(before));
    QVERIFY(page.apply());
    auto *sticky = page.findChild<QCheckBox *>(QStringLiteral("sessionStickiness"));
    QVERIFY(sticky);
    sticky->setChecked(!sticky->isChecked());
    QVERIFY(page.apply());
    QVERIFY2(!message->text().contains(QLatin1String("starts again")), qPrintable(message->text()));
    sticky->setChecked(!sticky->isChecked());
    QVERIFY(page.apply());
}

void TestWidgets::settingsValidation_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << QStringLiteral("127.0.0.1") << QStringLiteral("k")
                           << QStringLiteral("https://q.{region}.amazonaws.com") << QString() << QString();
    QTest::newRow("bad host") << QStringLiteral("not a host") << QStringLiteral("k")
                              << QStringLiteral("https://q.{region}.amazonaws.com") << QString()
                              << QStringLiteral("not an IP address");
    QTest::newRow("lan without key") << QStringLiteral("0.0.0.0") << QString()
                                     << QStringLiteral("https://q.{region}.amazonaws.com") << QString()
                                     << QStringLiteral("set an API key");
    QTest::newRow("bad endpoint") << QStringLiteral("127.0.0.1") << QStringLiteral("k") << QStringLiteral("ftp://x")
                                  << QString() << QStringLiteral("Chat endpoint: This must be an http(s) address");
    QTest::newRow("bad proxy") << QStringLiteral("127.0.0.1") << QStringLiteral("k")
                               << QStringLiteral("https://q.{region}.amazonaws.com") << QStringLiteral("gopher://p:1")
                               << QStringLiteral("Outbound proxy: Write the proxy as");
    QTest::newRow("socks proxy ok") << QStringLiteral("127.0.0.1") << QStringLiteral("k")
                                    << QStringLiteral("https://q.{region}.amazonaws.com")
                                    << QStringLiteral("socks5://u:p@127.0.0.1:1080") << QString();
}

void TestWidgets::settingsValidation()
{
    QFETCH(QString, host);
    QFETCH(QString, key);
    QFETCH(QString, endpoint);
    QFETCH(QString, proxy);
    QFETCH(QString, error);
    SettingsPage page(*m_service);
    for (const auto &[name, text] : {std::pair<const char *, QString>{"host", host},
                                     {"apiKey", key},
                                     {"apiEndpoint", endpoint},
                                     {"proxyUrl", proxy}}) {
        auto *edit = page.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }
    const auto r = page.collect();
    if (error.isEmpty())
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error()));
    else
        QVERIFY2(!r.ok() && r.error().contains(error), r.ok() ? "accepted" : qPrintable(r.error()));
}

void TestWidgets::settingsApplyFailureKeepsInput()
{
    // Occupy a port, then ask the settings page to move there.
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    SettingsPage page(*m_service);
    auto *port = page.findChild<QSpinBox *>(QStringLiteral("port"));
    auto *apiKey = page.findChild<QLineEdit *>(QStringLiteral("apiKey"));
    auto *message = page.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(port && apiKey && message);
    const QString before = m_service->endpoint();
    port->setValue(blocker.serverPort());
    QVERIFY(!page.apply());
    QVERIFY2(message->text().contains(QString::number(blocker.serverPort())), qPrintable(message->text()));
    QCOMPARE(port->value(), int(blocker.serverPort())); // the user's input stays
    QCOMPARE(m_service->endpoint(), before);            // the old listener keeps serving
    QVERIFY(!before.isEmpty());

    // Changing only the key keeps the listener and applies at once.
    port->setValue(0);
    apiKey->setText(QStringLiteral("another-key"));
    QVERIFY2(page.apply(), qPrintable(message->text()));
    QCOMPARE(m_service->endpoint(), before);
    QCOMPARE(m_service->config().apiKey, QStringLiteral("another-key"));
}

void TestWidgets::settingsPageFollowsTable()
{
    QTemporaryDir autostartHome; // start at login is read from the autostart entry: none here
    qputenv("XDG_CONFIG_HOME", autostartHome.path().toUtf8());
    SettingsPage page(*m_service);
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        QWidget *field = page.findChild<QWidget *>(setting.key);
        QVERIFY2((field != nullptr) == (setting.page.group != SettingDescriptor::Group::Hidden),
                 qPrintable(setting.key));
    }
    QStringList groups;
    for (const QGroupBox *box : page.findChildren<QGroupBox *>())
        groups.append(box->title());
    QCOMPARE(groups, QStringList({QStringLiteral("Server"), QStringLiteral("Accounts"), QStringLiteral("Desktop"),
                                  QStringLiteral("Kiro"), QStringLiteral("Outbound proxy"), QStringLiteral("Timeouts"),
                                  QStringLiteral("Monitoring")}));
    // Reverting shows the live values: collecting them back changes nothing.
    const auto collected = page.collect();
    QVERIFY2(collected.ok(), collected.ok() ? "" : qPrintable(collected.error()));
    QCOMPARE(Settings::changedKeys(m_service->config(), collected.value()), QStringList());
    qunsetenv("XDG_CONFIG_HOME");
}

void TestWidgets::settingsPageTranslated()
{
    // The table's labels are marked in the SettingsPage context, so the existing translations apply.
    QTranslator zh;
    QVERIFY(zh.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("kiro-tray"), QStringLiteral("_"),
                    QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&zh));
    SettingsPage page(*m_service);
    QApplication::removeTranslator(&zh);
    QStringList labels;
    for (const QLabel *label : page.findChildren<QLabel *>())
        labels.append(label->text().remove(QRegularExpression(QStringLiteral("\\(&.\\)")))); // the mnemonic
    QVERIFY2(labels.contains(QStringLiteral("监听地址：")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY(labels.contains(QStringLiteral("代理密码：")));
    QCOMPARE(page.findChildren<QGroupBox *>().constFirst()->title(), QStringLiteral("服务"));
    QCOMPARE(page.findChild<QSpinBox *>(QStringLiteral("port"))->specialValueText(), QStringLiteral("任意空闲端口"));
}

void TestWidgets::overviewNumbers()
{
    OverviewPage page(*m_service);
    page.resize(900, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *welcome = page.findChild<QGroupBox *>(QStringLiteral("welcome"));
    auto *activity = page.findChild<QLabel *>(QStringLiteral("activity"));
    auto *chart = page.findChild<RequestChart *>(QStringLiteral("requestChart"));
    QVERIFY(welcome && activity && chart);
    QVERIFY(welcome->isVisibleTo(&page));
    addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    RequestLogRow row;
    row.id = QStringLiteral("r");
    row.time = QDateTime::currentDateTimeUtc();
    row.status = 200;
    row.inputTokens = 1234;
    row.outputTokens = 56;
    m_service->requestLog().add(row);
    QTRY_VERIFY2(activity->text().contains(QLatin1String("Today: 1 request")), qPrintable(activity->text()));
    QVERIFY(!welcome->isVisibleTo(&page));
    QVERIFY(activity->text().contains(QLocale().toString(1234)));
    // The chart shows what a chart given one request in the current hour shows.
    QList<RequestLog::HourOutcome> lastHour(24);
    lastHour[23].requests = 1;
    RequestChart expected;
    expected.setHours(lastHour, RequestLog::hourStart(QDateTime::currentDateTime()));
    expected.resize(chart->size());
    QCOMPARE(rendered(*chart), rendered(expected));
}

void TestWidgets::requestsTodayAgreeBeyondLogCapacity()
{
    // The log keeps 10 rows; today's count must not stop there, and the tray and the overview must agree.
    m_service->requestLog().setCapacity(10);
    for (int i = 0; i < 15; ++i)
        m_service->requestLog().add(logRow(i));
    QCOMPARE(m_service->requestLog().rows().size(), 10);
    QCOMPARE(m_service->statistics().today().requests, 15);
    OverviewPage page(*m_service);
    auto *activity = page.findChild<QLabel *>(QStringLiteral("activity"));
    QVERIFY(activity);
    QVERIFY2(activity->text().contains(QLatin1String("Today: 15 request")), qPrintable(activity->text()));
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QVERIFY2(
        tray.toolTip().contains(QCoreApplication::translate("TrayController", "%Ln request(s) today", nullptr, 15)),
        qPrintable(tray.toolTip()));
}

void TestWidgets::chartPaints()
{
    RequestChart chart;
    chart.resize(400, 150);
    const QDateTime hour = RequestLog::hourStart(QDateTime::currentDateTime());
    chart.setHours(QList<RequestLog::HourOutcome>(24), hour);
    QImage empty(chart.size(), QImage::Format_ARGB32);
    chart.render(&empty);
    QList<RequestLog::HourOutcome> data(24);
    data[23].requests = 10;
    data[0].requests = 5;
    chart.setHours(data, hour);
    QImage full(chart.size(), QImage::Format_ARGB32);
    chart.render(&full);
    QVERIFY(empty != full);
    // The tallest bar reaches the top area: a highlight-coloured pixel near the right edge.
    const QColor bar = chart.palette().color(QPalette::Highlight);
    bool found = false;
    for (int y = 20; y < 60 && !found; ++y)
        found = full.pixelColor(chart.width() - 12, y) == bar;
    QVERIFY(found);
}

void TestWidgets::importDialogRejectsBadInput()
{
    addAccount(QStringLiteral("existing"), QStringLiteral("dup-token"));
    ImportDialog dialog(*m_service);
    paste(dialog, QStringLiteral("{ not json"));
    QTRY_VERIFY(says(dialog, QStringLiteral("Cannot read")));
    QVERIFY(!importButton(dialog)->isEnabled());
    paste(dialog, QStringLiteral(R"({"refreshToken":"dup-token%1"})").arg(QString(120, QLatin1Char('x'))));
    QTRY_VERIFY(importResult(dialog).contains(QLatin1String("duplicate")));
    QVERIFY(!importButton(dialog)->isEnabled());
    paste(dialog, QStringLiteral(R"({"refreshToken":"short"})"));
    QTRY_VERIFY(importResult(dialog).contains(QLatin1String("too short")));
}

void TestWidgets::importDialogImportsAgainstFakeKiro()
{
    ImportDialog dialog(*m_service);
    paste(
        dialog,
        QStringLiteral(
            R"([{"email":"one@example.com","refreshToken":"ui-one-%1"},{"email":"two@example.com","provider":"BuilderId","clientId":"c","clientSecret":"s","refreshToken":"ui-two-%1"}])")
            .arg(QString(120, QLatin1Char('x'))));
    QTRY_VERIFY(importButton(dialog)->isEnabled());
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    importButton(dialog)->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 2);
    QCOMPARE(m_service->accounts().pool().size(), 2);
    QCOMPARE(importResult(dialog), QStringLiteral("added"));
    // The refresh token lives in the secret store only.
    const QString path = m_dir->filePath(QStringLiteral("accounts.json"));
    auto contents = [path] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    QTRY_VERIFY(contents().contains("one@example.com"));
    QVERIFY(!contents().contains("ui-one-"));
}

void TestWidgets::importDialogReportsRefreshFailure()
{
    ImportDialog dialog(*m_service);
    paste(dialog, QStringLiteral(R"({"email":"bad@example.com","refreshToken":"invalid-%1"})")
                      .arg(QString(120, QLatin1Char('x'))));
    QTRY_VERIFY(importButton(dialog)->isEnabled());
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    importButton(dialog)->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toInt(), 1);
    QCOMPARE(m_service->accounts().pool().size(), 0); // nothing half-added
    QVERIFY2(importResult(dialog).contains(QLatin1String("invalid_grant")), qPrintable(importResult(dialog)));
}

void TestWidgets::autostartWritesDesktopFile()
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QVERIFY(!Autostart::isEnabled());
    QVERIFY(Autostart::setEnabled(true).ok());
    QVERIFY(Autostart::isEnabled());
    QFile f(Autostart::location());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("Exec="));
    QVERIFY(Autostart::setEnabled(false).ok());
    QVERIFY(!Autostart::isEnabled());
    qunsetenv("XDG_CONFIG_HOME");
}

void TestWidgets::singleInstanceForwardsActivation()
{
    QTemporaryDir data;
    SingleInstance first(data.path());
    QVERIFY(first.claim());
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    SingleInstance second(data.path());
    QVERIFY(!second.claim());
    QVERIFY(activated.wait(5000));
}

void TestWidgets::chineseTranslationLoads()
{
    QTranslator zh;
    QVERIFY(zh.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("kiro-tray"), QStringLiteral("_"),
                    QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&zh));
    MainWindow window(*m_service);
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    QVERIFY(pages);
    QCOMPARE(pages->tabText(1), QStringLiteral("账号(&A)"));
    QApplication::removeTranslator(&zh);
}

void TestWidgets::accountStatusTranslated()
{
    QTranslator zh;
    QVERIFY(zh.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("kiro-tray"), QStringLiteral("_"),
                    QStringLiteral(":/i18n")));
    QVERIFY(QApplication::installTranslator(&zh));
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    m_service->accounts().pool().disable(a);
    Account suspended = m_service->accounts().pool().account(a);
    suspended.reason = Account::Reason::Suspended;
    QCOMPARE(AccountPresenter::statusLabel(suspended), QStringLiteral("已停用：被 Kiro 暂停"));
    QCOMPARE(AccountPresenter::unavailableSummary({suspended}), QStringLiteral("1 个账号已停用：被 Kiro 暂停"));

    // The accounts table and the tray menu show the translated wording, not Account::statusText().
    AccountsModel model(m_service->accounts());
    QCOMPARE(model.index(model.rowOf(a), AccountsModel::Status).data().toString(), QStringLiteral("已停用"));
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    bool found = false;
    for (QAction *action : tray.menu()->actions())
        found = found || action->text() == QStringLiteral("a — 已停用");
    QApplication::removeTranslator(&zh);
    QVERIFY(found);
}

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
