// SPDX-License-Identifier: MIT
// The Accounts page against a real ProxyService and the fake Kiro upstream: quota bars, empty state, order, keys,
// confirmation, remembered columns, quota history and forecast, Test and Sign in again.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

#include "accounts/accountpool.h"
#include "accounts/accountpresenter.h"
#include "accountsmodel.h"
#include "accountspage.h"
#include "fakekiroprocess.h"
#include "proxyservice.h"
#include "quotabardelegate.h"
#include "quotachart.h"
#include "relogindialog.h"
#include "servicefixture.h"
#include "testfixtures.h"
#include "uistate.h"

class TestAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void importKeepsThePastedOrder();
    void quotaBarAgreesWithLabel_data();
    void quotaBarAgreesWithLabel();
    void modelPassesTester();
    void emptyPageOffersImport();
    void orderStaysWhileStatusesChange();
    void deleteAsksWithNamedButtons();
    void renameAndRefreshKeys();
    void toolbarMnemonicsAreUnique();
    void keysWorkOnceThePageIsShown();
    void columnWidthsRemembered();
    void quotaRefreshFeedsHistoryAndChart();
    void historyFromDiskGivesForecast();
    void testSendsOneRealRequest();
    void testReportsFailureInPlainWords();
    void reloginReplacesCredentialInPlace();
    void reloginRefusesAnotherAccountsLogin();

private:
    QString addAccount(const QString &name, const QString &token);
    void startService();
    QTemporaryDir *m_dir = nullptr;
    ProxyService *m_service = nullptr;
    FakeKiroProcess m_fake;
    QString m_fakeUrl;
};

namespace {
QString longToken(const QString &prefix)
{
    return prefix + QString(120, QLatin1Char('x'));
}

QTableView *table(AccountsPage &page)
{
    return page.findChild<QTableView *>(QStringLiteral("accountsTable"));
}

QLabel *label(AccountsPage &page, const QString &name)
{
    return page.findChild<QLabel *>(name);
}

/// Runs `answer` on the next modal dialog that opens (QMessageBox::exec, QInputDialog::getText), while `context`
/// lives.
void whenModalOpens(QObject *context, std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer(context);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        timer->stop();
        timer->deleteLater();
        answer(modal);
    });
    timer->start();
}

void showAndFocus(AccountsPage &page)
{
    page.resize(900, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    page.activateWindow(); // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(&page));
    table(page)->setFocus();
}
} // namespace

void TestAccounts::initTestCase()
{
    m_fakeUrl = m_fake.start();
    QVERIFY2(!m_fakeUrl.isEmpty(), qPrintable(m_fake.error()));
}

void TestAccounts::init()
{
    m_dir = new QTemporaryDir;
    startService();
}

void TestAccounts::startService()
{
    auto c = TestFixtures::fakeBackedConfig(m_dir->path(), m_fakeUrl, QStringLiteral("accounts-test-key"));
    QVERIFY(c.ok());
    m_service = new ProxyService(c.value(), ProxyService::Mode::Desktop);
    QVERIFY(m_service->start().ok());
}

// Accounts imported together are listed in the order they were pasted, even when the first one's sign-in check
// finishes last, and keep that order after a restart (the creation times are stored with their milliseconds).
void TestAccounts::importKeepsThePastedOrder()
{
    const ImportParse parsed = m_service->accounts().parseImport(
        QStringLiteral(R"([{"label":"First","refreshToken":"%1"},{"label":"Second","refreshToken":"%2"},)"
                       R"({"label":"Third","refreshToken":"%3"}])")
            .arg(longToken(QStringLiteral("order-lateauth-1-")), longToken(QStringLiteral("order-2-")),
                 longToken(QStringLiteral("order-3-"))));
    QCOMPARE(parsed.candidates.size(), 3);
    int done = 0;
    QStringList finished;
    for (const ImportCandidate &c : parsed.candidates) {
        m_service->accounts().validateAndAdd(c, this,
                                             [&done, &finished, name = c.name](const AccountService::Added &a) {
                                                 QVERIFY2(!a.accountId.isEmpty(), qPrintable(a.error));
                                                 finished << name;
                                                 ++done;
                                             });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 15000);
    QCOMPARE(finished.last(), QStringLiteral("First")); // its sign-in answered last
    const auto names = [this] {
        QStringList out;
        for (const Account &a : m_service->accounts().accounts())
            out << a.name;
        return out;
    };
    const QStringList pasted{QStringLiteral("First"), QStringLiteral("Second"), QStringLiteral("Third")};
    QCOMPARE(names(), pasted);
    delete m_service;
    m_service = nullptr;
    startService();
    QCOMPARE(names(), pasted);
}

void TestAccounts::cleanup()
{
    delete m_service;
    m_service = nullptr;
    delete m_dir;
    m_dir = nullptr;
}

QString TestAccounts::addAccount(const QString &name, const QString &token)
{
    return TestFixtures::addAccount(*m_service, name, longToken(token));
}

// The bar is painted into an image; its fill must be as wide as the used share the label states, in the band colour
// of what remains, and the label must be the text the model reports.
void TestAccounts::quotaBarAgreesWithLabel_data()
{
    QTest::addColumn<double>("used"); // of 100; < 0: unknown
    QTest::addColumn<bool>("exhaustedStatus");
    QTest::addColumn<double>("fillPercent");
    QTest::addColumn<QColor>("fillColor");
    QTest::addColumn<QString>("labelPart");
    const QColor green(0x2e, 0x9e, 0x5b), yellow(0xe0, 0x9b, 0x1a), red(0xd0, 0x3a, 0x3a);
    QTest::newRow("69.9 % used: green") << 69.9 << false << 69.9 << green << QStringLiteral("(69.9 %)");
    QTest::newRow("70 % used: yellow") << 70.0 << false << 70.0 << yellow << QStringLiteral("(70 %)");
    QTest::newRow("90 % used: yellow") << 90.0 << false << 90.0 << yellow << QStringLiteral("(90 %)");
    QTest::newRow("90.1 % used: red") << 90.1 << false << 90.1 << red << QStringLiteral("(90.1 %)");
    QTest::newRow("100 % used: full red") << 100.0 << false << 100.0 << red << QStringLiteral("exhausted");
    QTest::newRow("exhausted by Kiro at 40 %: full red") << 40.0 << true << 100.0 << red << QStringLiteral("exhausted");
    QTest::newRow("unknown: empty") << -1.0 << false << 0.0 << QColor() << QStringLiteral("unknown — refresh quota");
}

void TestAccounts::quotaBarAgreesWithLabel()
{
    QFETCH(double, used);
    QFETCH(bool, exhaustedStatus);
    QFETCH(double, fillPercent);
    QFETCH(QColor, fillColor);
    QFETCH(QString, labelPart);

    const QString id = addAccount(QStringLiteral("bar"), QStringLiteral("bar-"));
    if (used >= 0)
        m_service->accounts().pool().setQuota(id, 100, used, QDateTime::currentDateTimeUtc().addDays(5), QString(),
                                              QString());
    if (exhaustedStatus) {
        UpstreamError e = UpstreamError::fromHttp(402, R"({"reason":"MONTHLY_REQUEST_COUNT","message":"limit"})");
        m_service->accounts().pool().reportFailure(id, e);
        QCOMPARE(m_service->accounts().account(id).status, Account::Status::Exhausted);
    }
    AccountsModel model(m_service->accounts());
    const QModelIndex index = model.index(model.rowOf(id), AccountsModel::Quota);
    const QString text = index.data(Qt::DisplayRole).toString();
    QVERIFY2(text.contains(labelPart), qPrintable(text));
    QCOMPARE(index.data(AccountsModel::QuotaTextRole).toString(), text);
    const Account account = m_service->accounts().account(id);
    QCOMPARE(index.data(AccountsModel::QuotaGaugeRole).value<AccountPresenter::QuotaGauge>().text, text);
    QVERIFY(AccountPresenter::quotaText(account).startsWith(text)); // the tooltip adds the reset
    QCOMPARE(index.data(Qt::ToolTipRole).toString(), AccountPresenter::quotaText(account));

    QTableView view; // gives the delegate a widget, palette and font as in the page
    QuotaBarDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = QRect(0, 0, 320, 40);
    option.state = QStyle::State_Enabled;
    option.widget = &view;
    QImage image(option.rect.size(), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        delegate.paint(&painter, option, index);
    }
    const QRect bar = QuotaBarDelegate::barRect(option.rect);
    const QRect fill = QuotaBarDelegate::fillRect(bar, fillPercent);
    QCOMPARE(fill.width(), qRound(bar.width() * fillPercent / 100.0));
    const int y = bar.top() + 3; // above the label's glyphs
    const QColor track = option.palette.color(QPalette::Base);
    if (fill.width() > 0) {
        QCOMPARE(image.pixelColor(fill.left() + 2, y), fillColor);
        QCOMPARE(image.pixelColor(fill.right() - 1, y), fillColor);
    }
    if (fill.width() < bar.width() - 3) {
        QCOMPARE(image.pixelColor(fill.right() + 2, y), track);
        QCOMPARE(image.pixelColor(bar.right() - 2, y), track);
    }
    // The label is readable on whatever is under it (WCAG AA for normal text: 4.5:1).
    if (fillColor.isValid())
        QVERIFY(QuotaBarDelegate::contrast(QuotaBarDelegate::textColorOn(fillColor), fillColor) >= 4.5);
    QVERIFY(QuotaBarDelegate::contrast(option.palette.color(QPalette::Text), track) >= 4.5);
}

void TestAccounts::modelPassesTester()
{
    addAccount(QStringLiteral("one"), QStringLiteral("t1-"));
    AccountsModel model(m_service->accounts());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addAccount(QStringLiteral("two"), QStringLiteral("t2-"));
    QCOMPARE(model.rowCount(), 2);
}

void TestAccounts::emptyPageOffersImport()
{
    AccountsPage page(*m_service);
    showAndFocus(page);
    auto *stack = page.findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("accountsEmpty"));
    QVERIFY(stack->currentWidget()->isVisible());
    auto *button = page.findChild<QPushButton *>(QStringLiteral("emptyImportButton"));
    QVERIFY(button && button->isVisible());
    QVERIFY(button->text().contains(QStringLiteral("Ctrl+I")));
    QSignalSpy spy(&page, &AccountsPage::importRequested);
    button->click();
    QCOMPARE(spy.count(), 1);
    QTest::keyClick(&page, Qt::Key_I, Qt::ControlModifier);
    QCOMPARE(spy.count(), 2);
    addAccount(QStringLiteral("first"), QStringLiteral("first-"));
    QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(table(page)));
}

// Sorted by status once, the rows stay where they are while statuses change (no re-sort under the pointer).
void TestAccounts::orderStaysWhileStatusesChange()
{
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("oa-"));
    const QString b = addAccount(QStringLiteral("b"), QStringLiteral("ob-"));
    const QString c = addAccount(QStringLiteral("c"), QStringLiteral("oc-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QTableView *view = table(page);
    auto idAt = [view](int row) { return view->model()->index(row, 0).data(AccountsModel::AccountIdRole).toString(); };
    QStringList poolOrder;
    for (const Account &account : m_service->accounts().accounts())
        poolOrder << account.id;
    QCOMPARE(QStringList({idAt(0), idAt(1), idAt(2)}), poolOrder);
    QVERIFY(poolOrder.contains(a) && poolOrder.contains(b) && poolOrder.contains(c));
    view->sortByColumn(AccountsModel::Status, Qt::AscendingOrder);
    const QStringList sorted{idAt(0), idAt(1), idAt(2)};
    m_service->accounts().disable(sorted.at(0));
    m_service->accounts().pool().setQuota(sorted.at(1), 100, 100, {}, {}, {}); // exhausted
    QTRY_COMPARE(view->model()->index(0, AccountsModel::Status).data().toString(),
                 AccountPresenter::statusLabel(m_service->accounts().account(sorted.at(0))));
    QCOMPARE(QStringList({idAt(0), idAt(1), idAt(2)}), sorted);
    // A header click sorts again, by the new statuses.
    view->sortByColumn(AccountsModel::Status, Qt::DescendingOrder);
    QCOMPARE(idAt(0), sorted.at(0)); // Disabled sorts last ascending, so first descending
}

void TestAccounts::deleteAsksWithNamedButtons()
{
    const QString id = addAccount(QStringLiteral("doomed"), QStringLiteral("del-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(id));

    QStringList buttons;
    QString question;
    whenModalOpens(&page, [&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        question = box->text() + box->informativeText();
        for (QAbstractButton *b : box->buttons())
            buttons << b->text();
        QCOMPARE(box->standardButtons(), QMessageBox::StandardButtons()); // no Yes/No
        QCOMPARE(box->defaultButton()->text(), QStringLiteral("Cancel"));
        box->defaultButton()->click();
    });
    QTest::keyClick(table(page), Qt::Key_Delete);
    QTRY_VERIFY(!buttons.isEmpty());
    QCOMPARE(buttons.size(), 2);
    QVERIFY(buttons.contains(QStringLiteral("&Delete")));
    QVERIFY(buttons.contains(QStringLiteral("Cancel")));
    QVERIFY(question.contains(QStringLiteral("doomed")));
    QVERIFY(m_service->accounts().contains(id)); // cancelled
    page.activateWindow();                       // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(&page));
    table(page)->setFocus();

    whenModalOpens(&page, [](QWidget *modal) {
        auto *remove = modal->findChild<QPushButton *>(QStringLiteral("confirmDelete"));
        QVERIFY(remove);
        remove->click();
    });
    QTest::keyClick(table(page), Qt::Key_Delete);
    QTRY_VERIFY(!m_service->accounts().contains(id));
}

void TestAccounts::renameAndRefreshKeys()
{
    const QString one = addAccount(QStringLiteral("one"), QStringLiteral("k1-"));
    const QString two = addAccount(QStringLiteral("two"), QStringLiteral("k2-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(two));

    whenModalOpens(&page, [](QWidget *modal) {
        auto *edit = modal->findChild<QLineEdit *>();
        QVERIFY(edit);
        edit->setText(QStringLiteral("renamed"));
        qobject_cast<QDialog *>(modal)->accept();
    });
    QTest::keyClick(table(page), Qt::Key_F2);
    QTRY_COMPARE(m_service->accounts().accountName(two), QStringLiteral("renamed"));
    page.activateWindow(); // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(&page));
    table(page)->setFocus();

    // F5 with a selection: only the selection.
    QLabel *progress = label(page, QStringLiteral("quotaProgress"));
    QTest::keyClick(table(page), Qt::Key_F5);
    QTRY_VERIFY2(progress->text().startsWith(QStringLiteral("Quota refreshed for 1 ")), qPrintable(progress->text()));
    QTRY_VERIFY(m_service->accounts().account(two).hasQuota);
    QVERIFY(!m_service->accounts().account(one).hasQuota);
    // F5 with nothing selected: every account.
    table(page)->clearSelection();
    QTest::keyClick(table(page), Qt::Key_F5);
    QTRY_VERIFY2(progress->text().startsWith(QStringLiteral("Quota refreshed for 2 ")), qPrintable(progress->text()));
    QTRY_VERIFY(m_service->accounts().account(one).hasQuota);
}

void TestAccounts::toolbarMnemonicsAreUnique()
{
    addAccount(QStringLiteral("one"), QStringLiteral("m1-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    auto *bar = page.findChild<QToolBar *>();
    QVERIFY(bar);
    QSet<QChar> letters;
    int buttons = 0;
    for (QToolButton *button : bar->findChildren<QToolButton *>()) {
        if (!button->defaultAction() || button->defaultAction()->isSeparator())
            continue;
        ++buttons;
        const QString text = button->text();
        const int amp = int(text.indexOf(QLatin1Char('&')));
        QVERIFY2(amp >= 0 && amp + 1 < text.size(), qPrintable(text + QStringLiteral(" has no mnemonic")));
        const QChar letter = text.at(amp + 1).toLower();
        QVERIFY2(!letters.contains(letter), qPrintable(text + QStringLiteral(" repeats a mnemonic")));
        letters.insert(letter);
    }
    QVERIFY(buttons >= 9);
    // Alt+letter triggers the button (Alt+T: Test).
    QLabel *progress = label(page, QStringLiteral("quotaProgress"));
    QTest::keyClick(&page, Qt::Key_T, Qt::AltModifier);
    QTRY_VERIFY(progress->text().startsWith(QStringLiteral("Testing one")) ||
                progress->text().startsWith(QStringLiteral("one:")));
}

// Coming to the page (a tab switch) puts the focus inside it, so its keys work without clicking the table first.
void TestAccounts::keysWorkOnceThePageIsShown()
{
    addAccount(QStringLiteral("one"), QStringLiteral("f1-"));
    QWidget window;
    auto *elsewhere = new QLineEdit(&window);
    auto *page = new AccountsPage(*m_service, &window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(elsewhere);
    layout->addWidget(page);
    window.resize(900, 500);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    page->hide();
    elsewhere->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(elsewhere));
    page->show();
    QTRY_VERIFY(page->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    QLabel *progress = page->findChild<QLabel *>(QStringLiteral("quotaProgress"));
    QTRY_VERIFY2(progress->text().startsWith(QStringLiteral("Quota refreshed for 1 ")), qPrintable(progress->text()));
}

void TestAccounts::columnWidthsRemembered()
{
    addAccount(QStringLiteral("one"), QStringLiteral("w1-"));
    {
        AccountsPage page(*m_service);
        showAndFocus(page);
        table(page)->horizontalHeader()->resizeSection(AccountsModel::Quota, 311);
        QCOMPARE(table(page)->horizontalHeader()->sectionResizeMode(AccountsModel::Name), QHeaderView::Stretch);
    }
    AccountsPage again(*m_service);
    showAndFocus(again);
    QCOMPARE(table(again)->horizontalHeader()->sectionSize(AccountsModel::Quota), 311);
    UiState::setValue(QStringLiteral("accounts/columns"), QVariant()); // other tests start from the defaults
}

void TestAccounts::quotaRefreshFeedsHistoryAndChart()
{
    const QString id = addAccount(QStringLiteral("hist"), QStringLiteral("hist-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(id));
    auto *chart = page.findChild<QuotaChart *>();
    QVERIFY(chart);
    QCOMPARE(chart->pointCount(), 0);
    page.refreshQuota(true);
    QTRY_COMPARE(m_service->accounts().quotaHistory().points(id).size(), 1);
    QCOMPARE(m_service->accounts().quotaHistory().points(id).constFirst().used, 380.5); // the fake's usage
    QTRY_COMPARE(chart->pointCount(), 1);
    QTRY_VERIFY(label(page, QStringLiteral("quotaForecast"))->text().startsWith(QStringLiteral("Not enough history")));
    // Kept on disk for the next start (written shortly after, and at the latest by flush()).
    m_service->accounts().flush();
    QuotaHistory reread(m_dir->filePath(QStringLiteral("quota-history.json")));
    QCOMPARE(reread.load(), QStringList());
    QCOMPARE(reread.points(id).size(), 1);
    // A deleted account's history goes with it.
    m_service->accounts().remove(id);
    m_service->accounts().flush();
    QuotaHistory after(m_dir->filePath(QStringLiteral("quota-history.json")));
    after.load();
    QVERIFY(after.points(id).isEmpty());
}

void TestAccounts::historyFromDiskGivesForecast()
{
    const QString id = addAccount(QStringLiteral("steady"), QStringLiteral("steady-"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // 40 of 100 used, 10 a day for four days; the reset in 30 days: it runs out in about 6 days.
    m_service->accounts().pool().setQuota(id, 100, 40, now.addDays(30), {}, {});
    bool saved = false;
    m_service->accounts().whenDurable(this, [&saved](const QString &error) { saved = error.isEmpty(); });
    QTRY_VERIFY(saved);
    QJsonArray rows;
    for (int d = 4; d >= 0; --d)
        rows.append(QJsonArray{double(now.addDays(-d).toSecsSinceEpoch()), 40.0 - 10 * d, 100});
    delete m_service;
    m_service = nullptr;
    QFile f(m_dir->filePath(QStringLiteral("quota-history.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(
                QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("accounts"), QJsonObject{{id, rows}}}})
                .toJson());
    f.close();
    startService();
    QCOMPARE(m_service->accounts().quotaHistory().points(id).size(), 5);

    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(id));
    const QString forecast = label(page, QStringLiteral("quotaForecast"))->text();
    QVERIFY2(forecast.startsWith(QStringLiteral("Runs out in about 6 day")), qPrintable(forecast));
    QVERIFY2(forecast.contains(QStringLiteral("at the current pace (10")), qPrintable(forecast));
    QCOMPARE(page.findChild<QuotaChart *>()->pointCount(), 5);

    // With the reset in three days it does not run out first.
    m_service->accounts().pool().setQuota(id, 100, 40, now.addDays(3), {}, {});
    QTRY_VERIFY2(label(page, QStringLiteral("quotaForecast"))->text().startsWith(QStringLiteral("Not at this pace")),
                 qPrintable(label(page, QStringLiteral("quotaForecast"))->text()));
}

void TestAccounts::testSendsOneRealRequest()
{
    const QString id = addAccount(QStringLiteral("Alice"), QStringLiteral("alice-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(id));
    const qint64 requestsBefore = m_service->accounts().account(id).requests;
    QTest::keyClick(table(page), Qt::Key_T, Qt::ControlModifier);
    QLabel *last = label(page, QStringLiteral("lastTest"));
    QTRY_VERIFY2(last->text().startsWith(QStringLiteral("Alice: “Hello from fake Kiro. You said: Reply with: OK")),
                 qPrintable(last->text()));
    QVERIFY(last->text().endsWith(QStringLiteral(" ms")));
    QCOMPARE(m_service->accounts().account(id).requests, requestsBefore); // a test is not a proxied request
}

void TestAccounts::testReportsFailureInPlainWords()
{
    const QString good = addAccount(QStringLiteral("good"), QStringLiteral("good-"));
    const QString spent = addAccount(QStringLiteral("spent"), QStringLiteral("quota-"));
    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(spent));
    page.testSelected();
    QLabel *last = label(page, QStringLiteral("lastTest"));
    QTRY_VERIFY2(last->text().startsWith(QStringLiteral("spent: the test failed: the monthly quota is used up")),
                 qPrintable(last->text()));
    // Pinned: the good account was not used instead.
    QCOMPARE(m_service->accounts().account(good).requests, 0);
    QTRY_COMPARE(m_service->accounts().account(spent).status, Account::Status::Exhausted);
}

void TestAccounts::reloginReplacesCredentialInPlace()
{
    const QString id = addAccount(QStringLiteral("Expired"), QStringLiteral("invalid-"));
    m_service->accounts().pool().reportSuccess(id, 10, 20);
    m_service->accounts().pool().setQuota(id, 100, 40, QDateTime::currentDateTimeUtc().addDays(9), {}, {});
    // Its login is refused by Kiro: the quota refresh disables it as "login expired".
    QSignalSpy refreshed(&m_service->accounts(), &AccountService::accountChanged);
    bool done = false;
    m_service->accounts().refreshQuota({id}, this, nullptr, [&done] { done = true; });
    QTRY_VERIFY(done);
    Account before = m_service->accounts().account(id);
    QCOMPARE(before.status, Account::Status::Disabled);
    QCOMPARE(before.reason, Account::Reason::InvalidRefreshToken);

    AccountsPage page(*m_service);
    showAndFocus(page);
    QVERIFY(page.selectAccount(id));
    page.reloginCurrent();
    auto *dialog = page.findChild<ReloginDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QString newToken = longToken(QStringLiteral("renewed-"));
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reloginText"))
        ->setPlainText(QStringLiteral(R"({"refreshToken":"%1"})").arg(newToken));
    auto *signIn = dialog->findChild<QPushButton *>(QStringLiteral("reloginSignIn"));
    QVERIFY(signIn->isEnabled());
    QSignalSpy accepted(dialog, &QDialog::accepted);
    signIn->click();
    QTRY_COMPARE(accepted.count(), 1);

    const Account after = m_service->accounts().account(id);
    QCOMPARE(after.id, id);
    QCOMPARE(after.name, QStringLiteral("Expired"));
    QCOMPARE(after.status, Account::Status::Active);
    QCOMPARE(after.requests, before.requests);
    QCOMPARE(after.successes, before.successes);
    QCOMPARE(after.created, before.created);
    QCOMPARE(after.refreshTokenHash, Account::hashToken(newToken));
    QCOMPARE(m_service->accounts().size(), 1);
    QVERIFY(label(page, QStringLiteral("quotaProgress"))->text().contains(QStringLiteral("signed in again")));
    // On disk before the dialog closed: the new secret, and accounts.json with the new hash.
    QFile secrets(m_dir->filePath(QStringLiteral("secrets.json")));
    QVERIFY(secrets.open(QIODevice::ReadOnly));
    const QByteArray stored = secrets.readAll();
    QVERIFY(stored.contains(newToken.toUtf8()));
    QVERIFY(!stored.contains(longToken(QStringLiteral("invalid-")).toUtf8()));
    QFile accounts(m_dir->filePath(QStringLiteral("accounts.json")));
    QVERIFY(accounts.open(QIODevice::ReadOnly));
    QVERIFY(accounts.readAll().contains(Account::hashToken(newToken).toUtf8()));
    // And it works: the quota refresh that follows the sign-in succeeds with the new login.
    QTRY_VERIFY(m_service->accounts().account(id).quotaCheckedAt > before.quotaCheckedAt);
}

void TestAccounts::reloginRefusesAnotherAccountsLogin()
{
    const QString mine = addAccount(QStringLiteral("mine"), QStringLiteral("invalid-mine-"));
    addAccount(QStringLiteral("other"), QStringLiteral("other-"));
    ReloginDialog dialog(m_service->accounts(), mine);
    dialog.show();
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("reloginText"))
        ->setPlainText(QStringLiteral(R"({"refreshToken":"%1"})").arg(longToken(QStringLiteral("other-"))));
    dialog.findChild<QPushButton *>(QStringLiteral("reloginSignIn"))->click();
    QTRY_VERIFY2(dialog.statusText().contains(QStringLiteral("already the account other")),
                 qPrintable(dialog.statusText()));
    QVERIFY(dialog.isVisible());
    QCOMPARE(m_service->accounts().account(mine).refreshTokenHash,
             Account::hashToken(longToken(QStringLiteral("invalid-mine-"))));
    // A login Kiro refuses is not taken either.
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("reloginText"))
        ->setPlainText(QStringLiteral(R"({"refreshToken":"%1"})").arg(longToken(QStringLiteral("invalid-again-"))));
    dialog.findChild<QPushButton *>(QStringLiteral("reloginSignIn"))->click();
    QTRY_VERIFY2(dialog.statusText().contains(QStringLiteral("Sign-in validation failed")),
                 qPrintable(dialog.statusText()));
    QCOMPARE(m_service->accounts().account(mine).refreshTokenHash,
             Account::hashToken(longToken(QStringLiteral("invalid-mine-"))));
}

QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
