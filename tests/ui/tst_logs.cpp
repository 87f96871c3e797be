// SPDX-License-Identifier: MIT
// The Logs page (issue 13, item 5): requests in flight as rows that finish in place, the active count, stable and
// remembered column widths, the Error column's full text, one-line times, no "-1" placeholders, copying a request id,
// Ctrl+F, and a Clear that confirms with named buttons. One case runs a real request through ProxyService against the
// fake Kiro upstream.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>

#include "accounts/accountpool.h"
#include "accounts/accountservice.h"
#include "config/config.h"
#include "logs/requestlog.h"
#include "logsmodel.h"
#include "logspage.h"
#include "proxyservice.h"
#include "servicefixture.h"
#include "testfixtures.h"
#include "uistate.h"
#include "uiupdate.h"

class TestLogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void inFlightRowFinishesInPlace();
    void inFlightStartedAndFinishedInOneBatch();
    void abandonedRequestLeaves();
    void inFlightElapsedTicksOnlyWhileLive();
    void trimKeepsInFlightRows();
    void activeCountFollowsRequests();
    void realRequestShowsInFlightThenFinished();
    void widthsStableAcrossFilters();
    void widthsRemembered();
    void narrowWindowLeavesErrorTheSpace();
    void errorTooltipHoldsFullText();
    void errorSaysItsKind();
    void noMinusOneWithoutFirstByte();
    void timesOnOneLine();
    void copyRequestId();
    void ctrlFFocusesSearch();
    void emptyTableSaysWhatToDo();
    void inProgressFilter();
    void clearConfirmsWithNamedButtons();

private:
    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

namespace {
RequestLogRow finishedRow(const QString &id, const QString &account = QStringLiteral("acc"), int status = 200)
{
    RequestLogRow row;
    row.id = id;
    row.time = QDateTime::currentDateTimeUtc();
    row.accountName = account;
    row.model = QStringLiteral("claude-sonnet-4-5");
    row.kiroModel = QStringLiteral("claude-sonnet-4.5");
    row.status = status;
    row.inputTokens = 12;
    row.outputTokens = 3;
    row.durationMs = 1234;
    row.firstByteMs = 210;
    return row;
}

RequestLogInFlight started(const QString &id, const QString &account = QString())
{
    RequestLogInFlight r;
    r.id = id;
    r.started = QDateTime::currentDateTimeUtc();
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.stream = true;
    r.accountName = account;
    return r;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, 0).data(LogsModel::RequestIdRole).toString();
    return out;
}

/// The widths of every column but Error (it takes what is left, so a scroll bar coming or going moves it).
QList<int> sectionSizes(const QHeaderView *header)
{
    QList<int> sizes;
    for (int c = 0; c < LogsModel::Error; ++c)
        sizes << header->sectionSize(c);
    return sizes;
}

QString plainText(const QString &richText)
{
    QTextDocument doc;
    doc.setHtml(richText);
    QString text = doc.toPlainText();
    text.replace(QChar::LineSeparator, QLatin1Char('\n'));
    return text;
}
} // namespace

void TestLogs::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
}

void TestLogs::init()
{
    UiState::setValue(QStringLiteral("logs/columns"), QVariant()); // every case starts with the default widths
    const QString why = m_env.startService(QStringLiteral("logs-test-key"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestLogs::cleanup()
{
    m_env.stopService();
}

void TestLogs::inFlightRowFinishesInPlace()
{
    RequestLog &log = m_service->requestLog();
    log.add(finishedRow(QStringLiteral("req_old")));
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    log.begin(started(QStringLiteral("req_live")));
    QCOMPARE(log.inFlightCount(), 1);
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(ids(model), (QStringList{QStringLiteral("req_live"), QStringLiteral("req_old")}));
    QVERIFY(model.index(0, 0).data(LogsModel::InFlightRole).toBool());
    QCOMPARE(cell(model, 0, LogsModel::Status), QStringLiteral("…"));
    QCOMPARE(cell(model, 0, LogsModel::Tokens), QString());
    QVERIFY(cell(model, 0, LogsModel::Duration).endsWith(QStringLiteral(" s")));
    QVERIFY(!model.index(0, 0).data(LogsModel::SuccessRole).toBool());

    log.setInFlightAccount(QStringLiteral("req_live"), QStringLiteral("id-b"), QStringLiteral("account b"));
    QTRY_COMPARE(cell(model, 0, LogsModel::Account), QStringLiteral("account b"));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    log.add(finishedRow(QStringLiteral("req_live"), QStringLiteral("account b")));
    QCOMPARE(log.inFlightCount(), 0);
    QTRY_VERIFY(!changed.isEmpty()); // the views hear of it with the next batch
    QVERIFY(!model.index(0, 0).data(LogsModel::InFlightRole).toBool());
    // The same row, now finished: no row came or went.
    QCOMPARE(ids(model), (QStringList{QStringLiteral("req_live"), QStringLiteral("req_old")}));
    QCOMPARE(cell(model, 0, LogsModel::Status), QStringLiteral("200"));
    QVERIFY(model.index(0, 0).data(LogsModel::SuccessRole).toBool());
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
}

void TestLogs::inFlightStartedAndFinishedInOneBatch()
{
    RequestLog &log = m_service->requestLog();
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    log.begin(started(QStringLiteral("req_a")));
    log.begin(started(QStringLiteral("req_b")));
    log.add(finishedRow(QStringLiteral("req_a")));
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(ids(model), (QStringList{QStringLiteral("req_b"), QStringLiteral("req_a")})); // by start, newest first
    QVERIFY(!model.index(1, 0).data(LogsModel::InFlightRole).toBool());
    QVERIFY(model.index(0, 0).data(LogsModel::InFlightRole).toBool());
    QCOMPARE(model.inFlightCount(), 1);
}

void TestLogs::abandonedRequestLeaves()
{
    RequestLog &log = m_service->requestLog();
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.begin(started(QStringLiteral("req_gone")));
    QTRY_COMPARE(model.rowCount(), 1);
    log.abandon(QStringLiteral("req_gone"));
    QCOMPARE(log.inFlightCount(), 0);
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(model.inFlightCount(), 0);
}

void TestLogs::inFlightElapsedTicksOnlyWhileLive()
{
    RequestLog &log = m_service->requestLog();
    LogsModel model(log);
    RequestLogInFlight r = started(QStringLiteral("req_long"));
    r.started = QDateTime::currentDateTimeUtc().addSecs(-65);
    log.begin(r);
    QTRY_COMPARE(model.rowCount(), 1);
    const QString elapsed = cell(model, 0, LogsModel::Duration); // whole seconds since the start
    QVERIFY2(elapsed == QStringLiteral("65 s") || elapsed == QStringLiteral("66 s"), qPrintable(elapsed));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY(!changed.isEmpty()); // the elapsed time moves on by itself
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(LogsModel::Duration));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(LogsModel::Duration));

    model.setLive(false); // a hidden page
    changed.clear();
    QTest::qWait(LogsModel::kTickMs + 2 * UiUpdate::kIntervalMs);
    QCOMPARE(changed.count(), 0);
}

void TestLogs::trimKeepsInFlightRows()
{
    RequestLog log(QString(), 10);
    LogsModel model(log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.begin(started(QStringLiteral("req_stream")));
    for (int i = 0; i < 5; ++i)
        log.add(finishedRow(QStringLiteral("req_%1").arg(i)));
    QTRY_COMPARE(model.rowCount(), 6);
    // Past the capacity: the oldest finished rows go, the row still in flight (the oldest start) stays.
    for (int i = 5; i < 12; ++i)
        log.add(finishedRow(QStringLiteral("req_%1").arg(i)));
    QTRY_COMPARE(model.rowCount(), 11);
    QVERIFY(ids(model).contains(QStringLiteral("req_stream")));
    QVERIFY(!ids(model).contains(QStringLiteral("req_0")));
    // It finishes where it is, and the log's oldest row goes instead: the rows shown are the log's rows.
    log.add(finishedRow(QStringLiteral("req_stream")));
    QTRY_COMPARE(model.rowCount(), 10);
    QVERIFY(!model.index(9, 0).data(LogsModel::InFlightRole).toBool());
    QCOMPARE(model.index(9, 0).data(LogsModel::RequestIdRole).toString(), QStringLiteral("req_stream"));
    QStringList shown = ids(model);
    QStringList kept;
    for (const RequestLogRow &row : log.rows())
        kept << row.id;
    shown.sort();
    kept.sort();
    QCOMPARE(shown, kept);
}

void TestLogs::activeCountFollowsRequests()
{
    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *active = page.findChild<QLabel *>(QStringLiteral("activeStreams"));
    QVERIFY(active);
    QCOMPARE(active->text(), QStringLiteral("Active streams: 0"));
    RequestLog &log = m_service->requestLog();
    log.begin(started(QStringLiteral("req_1")));
    log.begin(started(QStringLiteral("req_2")));
    QTRY_COMPARE(active->text(), QStringLiteral("Active streams: 2"));
    log.add(finishedRow(QStringLiteral("req_1")));
    QTRY_COMPARE(active->text(), QStringLiteral("Active streams: 1"));
    log.abandon(QStringLiteral("req_2"));
    QTRY_COMPARE(active->text(), QStringLiteral("Active streams: 0"));
}

void TestLogs::realRequestShowsInFlightThenFinished()
{
    Account a;
    a.name = QStringLiteral("streamer");
    KiroCredential credential;
    credential.refreshToken = QStringLiteral("logs-token") + QString(120, QLatin1Char('x'));
    QVERIFY(m_service->accounts().pool().addAccount(a, credential).ok());

    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    auto *active = page.findChild<QLabel *>(QStringLiteral("activeStreams"));
    QVERIFY(view && active);
    QAbstractItemModel *model = view->model();

    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_service->endpoint() + QStringLiteral("/v1/messages")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("x-api-key", "logs-test-key");
    request.setRawHeader("anthropic-version", "2023-06-01");
    // [[slow]]: 50 text chunks 100 ms apart, so the request is in flight for a few seconds.
    QNetworkReply *reply = nam.post(request, QByteArrayLiteral(R"({"model":"claude-sonnet-4-5","max_tokens":64,)"
                                                               R"("stream":true,"messages":[{"role":"user",)"
                                                               R"("content":"[[slow]]"}]})"));
    QSignalSpy finished(reply, &QNetworkReply::finished);

    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0, 0).data(LogsModel::InFlightRole).toBool());
    QCOMPARE(cell(*model, 0, LogsModel::Status), QStringLiteral("…"));
    QTRY_COMPARE(cell(*model, 0, LogsModel::Account), QStringLiteral("streamer"));
    QCOMPARE(active->text(), QStringLiteral("Active streams: 1"));
    const QString id = model->index(0, 0).data(LogsModel::RequestIdRole).toString();
    QVERIFY(id.startsWith(QStringLiteral("req_")));
    QVERIFY(finished.isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QTRY_VERIFY(!model->index(0, 0).data(LogsModel::InFlightRole).toBool());
    QCOMPARE(model->rowCount(), 1); // the same row, finished
    QCOMPARE(model->index(0, 0).data(LogsModel::RequestIdRole).toString(), id);
    QCOMPARE(cell(*model, 0, LogsModel::Status), QStringLiteral("200"));
    QTRY_COMPARE(active->text(), QStringLiteral("Active streams: 0"));
    reply->deleteLater();
}

void TestLogs::widthsStableAcrossFilters()
{
    RequestLog &log = m_service->requestLog();
    for (int i = 0; i < 20; ++i) {
        RequestLogRow row = finishedRow(QStringLiteral("req_%1").arg(i),
                                        i % 2 ? QStringLiteral("a") : QStringLiteral("an-account-with-a-long-name"));
        if (i % 2 == 0) {
            row.status = 502;
            row.errorClass = QStringLiteral("api_error");
            row.errorMessage = QStringLiteral("upstream failed");
            row.model = QStringLiteral("claude-opus-4-1-20250805-with-a-long-suffix");
        }
        log.add(row);
    }
    LogsPage page(*m_service);
    page.resize(1000, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    QHeaderView *header = view->horizontalHeader();
    QTRY_COMPARE(view->model()->rowCount(), 20);
    const QList<int> before = sectionSizes(header);

    // The Error column takes what is left.
    QVERIFY(header->stretchLastSection());
    QCOMPARE(header->logicalIndex(header->count() - 1), int(LogsModel::Error));
    for (int c = 0; c < LogsModel::Error; ++c)
        QVERIFY2(header->sectionSize(LogsModel::Error) > header->sectionSize(c), qPrintable(QString::number(c)));

    auto *search = page.findChild<QLineEdit *>(QStringLiteral("requestSearch"));
    auto *status = page.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    search->setText(QStringLiteral("req_1")); // short names only among these
    QCoreApplication::processEvents();
    QCOMPARE(sectionSizes(header), before);
    search->clear();
    status->setCurrentIndex(1); // successful: only the short account names and models
    QCoreApplication::processEvents();
    QVERIFY(view->model()->rowCount() == 10);
    QCOMPARE(sectionSizes(header), before);
    status->setCurrentIndex(2);
    QCoreApplication::processEvents();
    QCOMPARE(sectionSizes(header), before);
}

void TestLogs::widthsRemembered()
{
    int accountWidth = 0;
    {
        LogsPage page(*m_service);
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QHeaderView *header = page.findChild<QTableView *>(QStringLiteral("requestTable"))->horizontalHeader();
        accountWidth = header->sectionSize(LogsModel::Account) + 57;
        header->resizeSection(LogsModel::Account, accountWidth); // as a drag does
    }
    LogsPage again(*m_service);
    QHeaderView *header = again.findChild<QTableView *>(QStringLiteral("requestTable"))->horizontalHeader();
    QCOMPARE(header->sectionSize(LogsModel::Account), accountWidth);
}

void TestLogs::narrowWindowLeavesErrorTheSpace()
{
    RequestLogRow row = finishedRow(QStringLiteral("req_err"), QStringLiteral("someone@example.com"), 502);
    row.errorMessage = QStringLiteral("upstream failed with a long explanation");
    m_service->requestLog().add(row);
    LogsPage page(*m_service);
    page.resize(1600, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    QHeaderView *header = view->horizontalHeader();
    const QList<int> wide = sectionSizes(header);

    page.resize(780, 480); // the page inside an 800×500 window
    QCoreApplication::processEvents();
    QTRY_VERIFY(view->width() < 800);
    QVERIFY2(header->sectionSize(LogsModel::Error) >= view->viewport()->width() * 30 / 100,
             qPrintable(QStringLiteral("%1 of %2").arg(header->sectionSize(LogsModel::Error)).arg(view->width())));
    QVERIFY(header->length() <= view->viewport()->width()); // nothing runs off to the right
    QVERIFY(!view->horizontalScrollBar()->isVisible());

    page.resize(1600, 700); // and the columns get their widths back
    QCoreApplication::processEvents();
    QTRY_COMPARE(sectionSizes(header), wide);
}

void TestLogs::errorTooltipHoldsFullText()
{
    RequestLogRow row = finishedRow(QStringLiteral("req_err"), QStringLiteral("acc"), 502);
    row.errorClass = QStringLiteral("api_error");
    row.errorMessage =
        QStringLiteral("Kiro said <no>: ") + QString(400, QLatin1Char('x')) + QStringLiteral("\nsecond line & the end");
    m_service->requestLog().add(row);
    LogsModel model(m_service->requestLog());
    const QString shown = cell(model, 0, LogsModel::Error);
    QVERIFY(!shown.contains(QLatin1Char('\n'))); // one line in the table (elided by the view)
    QVERIFY(shown.startsWith(QStringLiteral("Upstream error — Kiro said <no>: ")));
    QCOMPARE(plainText(cell(model, 0, LogsModel::Error, Qt::ToolTipRole)), LogsModel::errorText(row));
    QVERIFY(LogsModel::errorText(row).endsWith(row.errorMessage)); // the whole message
    QVERIFY(model.details(0).contains(row.errorMessage));
}

// The Error column starts with the kind of failure in the UI's words; the client's own message follows unchanged.
void TestLogs::errorSaysItsKind()
{
    RequestLogRow row = finishedRow(QStringLiteral("req_limited"));
    row.status = 429;
    row.errorClass = QStringLiteral("rate_limit_error");
    row.errorMessage = QStringLiteral("Kiro is rate limiting this account");
    QCOMPARE(LogsModel::errorText(row), QStringLiteral("Rate limited — Kiro is rate limiting this account"));
    m_service->requestLog().add(row);
    LogsModel model(m_service->requestLog());
    QCOMPARE(cell(model, 0, LogsModel::Error), LogsModel::errorText(row));
    QVERIFY(model.details(0).contains(LogsModel::errorText(row)));
    row.errorClass = QStringLiteral("something_new");
    QCOMPARE(LogsModel::errorText(row), row.errorMessage); // an unknown kind: the message alone
}

void TestLogs::noMinusOneWithoutFirstByte()
{
    RequestLogRow row = finishedRow(QStringLiteral("req_nofirst"), QStringLiteral("acc"), 503);
    row.firstByteMs = -1;
    row.errorClass = QStringLiteral("overloaded_error");
    row.errorMessage = QStringLiteral("No Kiro account is available");
    m_service->requestLog().add(row);
    m_service->requestLog().begin(started(QStringLiteral("req_running")));
    LogsModel model(m_service->requestLog());
    QCOMPARE(model.rowCount(), 2);
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 0; c < LogsModel::ColumnCount; ++c) {
            for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                const QString text = cell(model, r, c, role);
                QVERIFY2(!text.contains(QStringLiteral("-1")), qPrintable(text));
            }
        }
        QVERIFY2(!model.details(r).contains(QStringLiteral("-1")), qPrintable(model.details(r)));
    }
    const int finished = model.index(0, 0).data(LogsModel::InFlightRole).toBool() ? 1 : 0;
    QVERIFY(model.details(finished).contains(QStringLiteral("first byte: —")));
}

void TestLogs::timesOnOneLine()
{
    const QDateTime now = QDateTime::currentDateTime();
    RequestLogRow old = finishedRow(QStringLiteral("req_old"));
    old.time = now.addDays(-3).toUTC();
    m_service->requestLog().add(old);
    RequestLogRow today = finishedRow(QStringLiteral("req_today"));
    today.time = now.toUTC();
    m_service->requestLog().add(today);
    LogsModel model(m_service->requestLog());
    const QLocale locale;
    QCOMPARE(cell(model, 0, LogsModel::Time), locale.toString(today.time.toLocalTime().time(), QLocale::ShortFormat));
    QCOMPARE(cell(model, 1, LogsModel::Time), locale.toString(old.time.toLocalTime(), QLocale::ShortFormat));
    QVERIFY(!cell(model, 1, LogsModel::Time).contains(QLatin1Char('\n')));
    // The full time (with seconds) is one hover away.
    QCOMPARE(cell(model, 0, LogsModel::Time, Qt::ToolTipRole),
             locale.toString(today.time.toLocalTime(), QLocale::LongFormat));
}

void TestLogs::copyRequestId()
{
    m_service->requestLog().add(finishedRow(QStringLiteral("req_first")));
    m_service->requestLog().add(finishedRow(QStringLiteral("req_second")));
    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    QTRY_COMPARE(view->model()->rowCount(), 2);
    auto *action = page.findChild<QAction *>(QStringLiteral("copyRequestId"));
    QVERIFY(action);
    QVERIFY(view->actions().contains(action)); // the table's context menu
    QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(action->text().remove(QLatin1Char('&')), QStringLiteral("Copy request id"));

    QApplication::clipboard()->clear();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(1, LogsModel::Model));
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("req_first"));
    view->setCurrentIndex(view->model()->index(0, LogsModel::Error));
    action->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("req_second"));
}

void TestLogs::ctrlFFocusesSearch()
{
    m_service->requestLog().add(finishedRow(QStringLiteral("req_1")));
    LogsPage page(*m_service);
    page.show();
    QApplication::setActiveWindow(&page);
    QVERIFY(QTest::qWaitForWindowActive(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("requestSearch"));
    search->setText(QStringLiteral("old words"));
    view->setFocus();
    QVERIFY(!search->hasFocus());
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QCOMPARE(search->selectedText(), QStringLiteral("old words")); // typing replaces the last search
}

void TestLogs::emptyTableSaysWhatToDo()
{
    LogsPage page(*m_service);
    page.resize(800, 500);
    page.show();
    auto *hint = page.findChild<QLabel *>(QStringLiteral("logsEmpty"));
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("Overview")), qPrintable(hint->text()));
    QVERIFY(hint->width() > 200); // laid out over the table, not a zero-size label
    m_service->requestLog().add(finishedRow(QStringLiteral("req_1")));
    QTRY_VERIFY(!hint->isVisible());
    // A search that hides every row says so, rather than pointing at the Overview again.
    page.findChild<QLineEdit *>(QStringLiteral("requestSearch"))->setText(QStringLiteral("no such request"));
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("matches")), qPrintable(hint->text()));
    page.findChild<QLineEdit *>(QStringLiteral("requestSearch"))->clear();
    QTRY_VERIFY(!hint->isVisible());
}

void TestLogs::inProgressFilter()
{
    m_service->requestLog().add(finishedRow(QStringLiteral("req_done")));
    m_service->requestLog().begin(started(QStringLiteral("req_running")));
    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    auto *status = page.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    QCOMPARE(view->model()->rowCount(), 2);
    status->setCurrentIndex(3);
    QCOMPARE(ids(*view->model()), QStringList{QStringLiteral("req_running")});
    status->setCurrentIndex(2); // failed: a request in flight has not failed
    QCOMPARE(view->model()->rowCount(), 0);
    status->setCurrentIndex(1);
    QCOMPARE(ids(*view->model()), QStringList{QStringLiteral("req_done")});
}

void TestLogs::clearConfirmsWithNamedButtons()
{
    RequestLog &log = m_service->requestLog();
    log.add(finishedRow(QStringLiteral("req_1")));
    log.begin(started(QStringLiteral("req_running")));
    LogsPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *view = page.findChild<QTableView *>(QStringLiteral("requestTable"));
    auto *clear = page.findChild<QPushButton *>(QStringLiteral("clearLog"));
    QVERIFY(clear);
    QVERIFY(clear->text().contains(QLatin1Char('&'))); // a mnemonic
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("exportLog"))->text().contains(QLatin1Char('&')));

    // Answers the confirmation with the button whose text (without its mnemonic) is `answer`.
    QStringList seen;
    const auto answerWith = [&seen](const QString &answer) {
        QTimer::singleShot(0, [&seen, answer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            seen.clear();
            for (QAbstractButton *b : box->buttons())
                seen << b->text().remove(QLatin1Char('&'));
            for (QAbstractButton *b : box->buttons()) {
                if (b->text().remove(QLatin1Char('&')) == answer)
                    b->click();
            }
        });
    };
    answerWith(QStringLiteral("Cancel"));
    clear->click();
    QCOMPARE(seen.size(), 2);
    QVERIFY(seen.contains(QStringLiteral("Clear")));
    QVERIFY(seen.contains(QStringLiteral("Cancel")));
    QCOMPARE(log.rows().size(), 1);

    answerWith(QStringLiteral("Clear"));
    clear->click();
    QCOMPARE(log.rows().size(), 0);
    // The request still running stays on the page.
    QTRY_COMPARE(ids(*view->model()), QStringList{QStringLiteral("req_running")});
}

QTEST_MAIN(TestLogs)
#include "tst_logs.moc"
