// SPDX-License-Identifier: MIT
// Widget tests under offscreen: models (QAbstractItemModelTester), quota bands, tray state and menu, settings
// validation, overview numbers, import dialog against the fake Kiro upstream, autostart and single instance.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include "accounts/accountpool.h"
#include "accountsmodel.h"
#include "autostart.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "fakekiroprocess.h"
#include "importdialog.h"
#include "logs/requestlog.h"
#include "logsmodel.h"
#include "mainwindow.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "quotabardelegate.h"
#include "requestchart.h"
#include "settingspage.h"
#include "singleinstance.h"
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
    void quotaBands_data();
    void quotaBands();
    void trayStateFollowsHealth();
    void trayStrategyReachesPool();
    void trayCopiesClaudeCodeSettings();
    void settingsValidation_data();
    void settingsValidation();
    void settingsApplyFailureKeepsInput();
    void settingsPageFollowsTable();
    void settingsPageTranslated();
    void overviewNumbers();
    void chartPaints();
    void importDialogRejectsBadInput();
    void importDialogImportsAgainstFakeKiro();
    void importDialogReportsRefreshFailure();
    void autostartWritesDesktopFile();
    void singleInstanceForwardsActivation();
    void chineseTranslationLoads();

private:
    QString addAccount(const QString &name, const QString &token);
    QTemporaryDir *m_dir = nullptr;
    ProxyService *m_service = nullptr;
    FakeKiroProcess m_fake;
    QString m_fakeUrl;
};

void TestWidgets::initTestCase()
{
    m_fakeUrl = m_fake.start();
    QVERIFY2(!m_fakeUrl.isEmpty(), qPrintable(m_fake.error()));
}

void TestWidgets::init()
{
    m_dir = new QTemporaryDir;
    ConfigOverrides o;
    o.dataDir = m_dir->path();
    auto c = Config::load(o, QProcessEnvironment());
    QVERIFY(c.ok());
    c->port = 0;
    c->apiKey = QStringLiteral("ui-test-key");
    c->secretStore = QStringLiteral("file");
    c->apiEndpoint = c->socialAuthEndpoint = c->idcAuthEndpoint = m_fakeUrl;
    m_service = new ProxyService(c.value(), ProxyService::Mode::Desktop);
    QVERIFY(m_service->start().ok());
}

void TestWidgets::cleanup()
{
    delete m_service;
    m_service = nullptr;
    delete m_dir;
    m_dir = nullptr;
}

QString TestWidgets::addAccount(const QString &name, const QString &token)
{
    Account a;
    a.name = name;
    KiroCredential c;
    c.refreshToken = token + QString(120, QLatin1Char('x'));
    return m_service->accounts().pool().addAccount(a, c).value();
}

void TestWidgets::accountsModelIsConsistent()
{
    AccountsModel model(m_service->accounts());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    addAccount(QStringLiteral("b"), QStringLiteral("tb"));
    QCOMPARE(model.rowCount(), 2);
    m_service->accounts().pool().setQuota(a, 100, 95, QDateTime::currentDateTimeUtc().addDays(3), QString(), QString());
    QCOMPARE(model.index(model.rowOf(a), AccountsModel::Quota).data(AccountsModel::QuotaPercentRole).toDouble(), 5.0);
    m_service->accounts().pool().disable(a);
    QCOMPARE(model.index(model.rowOf(a), AccountsModel::Status).data().toString(), QStringLiteral("Disabled"));
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
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, LogsModel::Status).data().toInt(), 502); // newest first
    QVERIFY(model.details(0).contains(QLatin1String("Failed over from first: HTTP 402")));
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
    QCOMPARE(tray.state(), TrayIcons::State::Unavailable); // no account
    const QString a = addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    addAccount(QStringLiteral("b"), QStringLiteral("tb"));
    QCOMPARE(tray.state(), TrayIcons::State::Normal);
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_service->accounts().pool().reportFailure(a, throttle);
    QCOMPARE(tray.state(), TrayIcons::State::Degraded);
    m_service->setPaused(true);
    QCOMPARE(tray.state(), TrayIcons::State::Paused);
    QVERIFY(tray.toolTip().contains(m_service->endpoint()));
    m_service->setPaused(false);
    QCOMPARE(tray.state(), TrayIcons::State::Degraded);
}

void TestWidgets::trayStrategyReachesPool()
{
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QAction *sequential = nullptr;
    for (QAction *a : tray.strategyGroup()->actions()) {
        if (a->data().toString() == QLatin1String("sequential-exhaust"))
            sequential = a;
    }
    QVERIFY(sequential);
    sequential->trigger();
    QCOMPARE(m_service->accounts().pool().strategy(), SelectionStrategy::Kind::SequentialExhaust);
    QCOMPARE(m_service->config().strategy, QStringLiteral("sequential-exhaust")); // persisted
    m_service->accounts().pool().setStrategy(SelectionStrategy::Kind::Random);
    for (QAction *a : tray.strategyGroup()->actions())
        QCOMPARE(a->isChecked(), a->data().toString() == QLatin1String("random"));
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
                                  << QString() << QStringLiteral("apiEndpoint");
    QTest::newRow("bad proxy") << QStringLiteral("127.0.0.1") << QStringLiteral("k")
                               << QStringLiteral("https://q.{region}.amazonaws.com") << QStringLiteral("gopher://p:1")
                               << QStringLiteral("proxyUrl");
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
    const quint16 before = m_service->port();
    port->setValue(blocker.serverPort());
    QVERIFY(!page.apply());
    QVERIFY2(message->text().contains(QString::number(blocker.serverPort())), qPrintable(message->text()));
    QCOMPARE(port->value(), int(blocker.serverPort())); // the user's input stays
    QCOMPARE(m_service->port(), before);                // the old listener keeps serving
    QVERIFY(!m_service->endpoint().isEmpty());

    // Changing only the key keeps the listener and applies at once.
    port->setValue(0);
    apiKey->setText(QStringLiteral("another-key"));
    QVERIFY2(page.apply(), qPrintable(message->text()));
    QCOMPARE(m_service->port(), before);
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
    QCOMPARE(groups, QStringList({QStringLiteral("Server"), QStringLiteral("Kiro"), QStringLiteral("Accounts"),
                                  QStringLiteral("Desktop")}));
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
        labels.append(label->text());
    QVERIFY2(labels.contains(QStringLiteral("监听地址：")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY(labels.contains(QStringLiteral("代理密码：")));
    QCOMPARE(page.findChildren<QGroupBox *>().constFirst()->title(), QStringLiteral("服务"));
    QCOMPARE(page.findChild<QSpinBox *>(QStringLiteral("port"))->specialValueText(), QStringLiteral("任意空闲端口"));
}

void TestWidgets::overviewNumbers()
{
    OverviewPage page(*m_service);
    QVERIFY(page.welcome()->isVisibleTo(&page));
    addAccount(QStringLiteral("a"), QStringLiteral("ta"));
    RequestLogRow row;
    row.id = QStringLiteral("r");
    row.time = QDateTime::currentDateTimeUtc();
    row.status = 200;
    row.inputTokens = 1234;
    row.outputTokens = 56;
    m_service->requestLog().add(row);
    QVERIFY(!page.welcome()->isVisibleTo(&page));
    QVERIFY2(page.statsText().contains(QLatin1String("1 requests")), qPrintable(page.statsText()));
    QVERIFY(page.statsText().contains(QLocale().toString(1234)));
    QCOMPARE(page.chart()->counts().last(), 1);
}

void TestWidgets::chartPaints()
{
    RequestChart chart;
    chart.resize(400, 150);
    chart.setCounts(QList<int>(24, 0));
    QImage empty(chart.size(), QImage::Format_ARGB32);
    chart.render(&empty);
    QList<int> data(24, 0);
    data[23] = 10;
    data[0] = 5;
    chart.setCounts(data);
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
    dialog.setText(QStringLiteral("{ not json"));
    QVERIFY(dialog.summary()->text().contains(QLatin1String("Cannot read")));
    QVERIFY(!dialog.importButton()->isEnabled());
    dialog.setText(QStringLiteral(R"({"refreshToken":"dup-token%1"})").arg(QString(120, QLatin1Char('x'))));
    QVERIFY(dialog.resultList()->topLevelItem(0)->text(2).contains(QLatin1String("duplicate")));
    QVERIFY(!dialog.importButton()->isEnabled());
    dialog.setText(QStringLiteral(R"({"refreshToken":"short"})"));
    QVERIFY(dialog.resultList()->topLevelItem(0)->text(2).contains(QLatin1String("too short")));
}

void TestWidgets::importDialogImportsAgainstFakeKiro()
{
    ImportDialog dialog(*m_service);
    dialog.setText(
        QStringLiteral(
            R"([{"email":"one@example.com","refreshToken":"ui-one-%1"},{"email":"two@example.com","provider":"BuilderId","clientId":"c","clientSecret":"s","refreshToken":"ui-two-%1"}])")
            .arg(QString(120, QLatin1Char('x'))));
    QVERIFY(dialog.importButton()->isEnabled());
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    dialog.importButton()->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 2);
    QCOMPARE(m_service->accounts().pool().size(), 2);
    QCOMPARE(dialog.resultList()->topLevelItem(0)->text(2), QStringLiteral("added"));
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
    dialog.setText(QStringLiteral(R"({"email":"bad@example.com","refreshToken":"invalid-%1"})")
                       .arg(QString(120, QLatin1Char('x'))));
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    dialog.importButton()->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toInt(), 1);
    QCOMPARE(m_service->accounts().pool().size(), 0); // nothing half-added
    QVERIFY2(dialog.resultList()->topLevelItem(0)->text(2).contains(QLatin1String("invalid_grant")),
             qPrintable(dialog.resultList()->topLevelItem(0)->text(2)));
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
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("账号"));
    QApplication::removeTranslator(&zh);
}

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
