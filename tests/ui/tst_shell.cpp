// SPDX-License-Identifier: MIT
// The application shell: quitting always ends the loop, a stopped or failed proxy can be started again, the keychain
// is waited for and asked about, the language switch relaunches, the tray menu's account lines, the window's keys,
// what it remembers and its About dialog.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "aboutdialog.h"
#include "accounts/accountpresenter.h"
#include "accounts/secretstore.h"
#include "appshell.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "fakekiroprocess.h"
#include "keychaingate.h"
#include "mainwindow.h"
#include "proxyservice.h"
#include "servicefixture.h"
#include "singleinstance.h"
#include "testfixtures.h"
#include "traycontroller.h"
#include "trayicons.h"
#include "uistate.h"

class TestShell : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void quitEndsTheLoopWithTheWindowOpen();
    void quitEndsTheLoopWithADialogOpen();
    void closingWithoutTrayQuits();
    void keysCloseToTrayAndQuit();
    void failedProxyRestarts();
    void stoppedProxyStartsAgain();
    void keychainAnsweredLateIsWaitedFor();
    void keychainFailureCanContinueWithoutAndRetry();
    void keychainWaitOffersAFile();
    void languageSwitchRelaunches();
    void relaunchArguments_data();
    void relaunchArguments();
    void trayAccountLinesOpenTheAccount();
    void trayMarksAnAccountWaitingForItsSecretGrey();
    void trayOffersImportWithoutAccounts();
    void trayToolTipSaysWhy();
    void windowRemembersGeometryAndPage();
    void aboutNamesVersionsFolderAndLicence();

private:
    /// A service on a fresh data directory against the fake Kiro upstream.
    ProxyService *makeService(const QString &secretStore = QStringLiteral("file"), int port = 0);
    QString addAccount(const QString &name);
    static QAction *action(const QMenu *menu, const QString &text);

    QTemporaryDir *m_dir = nullptr;
    ProxyService *m_service = nullptr;
    FakeKiroProcess m_fake;
    QString m_fakeUrl;
};

namespace {
/// A keychain that is still locked: it never answers a load.
class SilentSecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("silent"); }
    void load(const QString &, QObject *, LoadCallback) override {}
    void store(const QString &, const KiroCredential &, QObject *, DoneCallback) override {}
    void remove(const QString &, QObject *, DoneCallback) override {}
};

/// Runs the application's event loop as main() does; a guard ends it should quitting be broken, so the failure is
/// reported instead of hanging the suite.
int runLoop()
{
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, [] { QCoreApplication::exit(99); });
    guard.start(60000);
    return QCoreApplication::exec();
}

QPushButton *button(const QWidget *parent, const QString &name)
{
    return parent ? parent->findChild<QPushButton *>(name) : nullptr;
}
} // namespace

void TestShell::initTestCase()
{
    m_fakeUrl = m_fake.start();
    QVERIFY2(!m_fakeUrl.isEmpty(), qPrintable(m_fake.error()));
}

void TestShell::init()
{
    m_dir = new QTemporaryDir;
}

void TestShell::cleanup()
{
    delete m_service;
    m_service = nullptr;
    delete m_dir;
    m_dir = nullptr;
    UiState::setFile(QString());
    AppShell::installTranslations(QStringLiteral("en_US"));
}

ProxyService *TestShell::makeService(const QString &secretStore, int port)
{
    auto c = TestFixtures::fakeBackedConfig(m_dir->path(), m_fakeUrl, QStringLiteral("shell-test-key"));
    if (!c)
        return nullptr;
    c->secretStore = secretStore;
    c->port = port;
    m_service = new ProxyService(c.value(), ProxyService::Mode::Desktop);
    return m_service;
}

QString TestShell::addAccount(const QString &name)
{
    return TestFixtures::addAccount(*m_service, name, TestFixtures::longToken(name));
}

QAction *TestShell::action(const QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->text() == text || a->objectName() == text)
            return a;
    }
    return nullptr;
}

// The bug: Quit from the tray with the window open stopped the listener but the process stayed (the window's
// close-to-tray vetoed QApplication::quit()).
void TestShell::quitEndsTheLoopWithTheWindowOpen()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    AppShell shell(*m_service, window);
    QObject::connect(&tray, &TrayController::quitRequested, &shell, &AppShell::quit);
    shell.launch();
    QCOMPARE(m_service->state(), ProxyService::State::Running);
    window.setHideOnClose(true); // as with a tray icon
    window.show();
    // What kept the process alive: QApplication::quit() closes the windows, the window hid to the tray and its
    // "still running" balloon (a visible tool-tip window) made Qt ignore the quit.
    QWidget balloon(nullptr, Qt::ToolTip);
    balloon.resize(200, 40);
    balloon.show();
    QAction *quit = action(tray.menu(), QStringLiteral("Quit"));
    QVERIFY(quit);
    QTimer::singleShot(0, quit, &QAction::trigger);
    QCOMPARE(runLoop(), 0);
    QVERIFY(shell.hasFinished());
    QCOMPARE(m_service->state(), ProxyService::State::Stopped);
    QVERIFY(m_service->endpoint().isEmpty());
    QVERIFY(!window.isVisible());
}

void TestShell::quitEndsTheLoopWithADialogOpen()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    shell.launch();
    window.setHideOnClose(true);
    window.show();
    bool dialogReturned = false;
    QTimer::singleShot(0, &window, [&window, &dialogReturned] {
        // Ctrl+Q's action, pressed while a modal dialog runs its own loop.
        auto *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QTimer::singleShot(0, quit, &QAction::trigger);
        QMessageBox box(QMessageBox::Information, QStringLiteral("modal"), QStringLiteral("modal"), QMessageBox::Ok,
                        &window);
        box.exec();
        dialogReturned = true;
    });
    QCOMPARE(runLoop(), 0);
    QVERIFY(dialogReturned);
    QVERIFY(shell.hasFinished());
    QCOMPARE(m_service->state(), ProxyService::State::Stopped);
}

void TestShell::closingWithoutTrayQuits()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    shell.launch();
    window.show();
    QTimer::singleShot(0, &window, &QWidget::close);
    QCOMPARE(runLoop(), 0);
    QVERIFY(shell.hasFinished());
}

void TestShell::keysCloseToTrayAndQuit()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    window.setHideOnClose(true);
    QSignalSpy quit(&window, &MainWindow::quitRequested);
    QSignalSpy hidden(&window, &MainWindow::hiddenToTray);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence(Qt::Key_Escape));
    QCOMPARE(hidden.count(), 1);
    QVERIFY(!window.isVisible());

    window.raiseWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_W));
    QCOMPARE(hidden.count(), 2);
    QCOMPARE(quit.count(), 0);

    window.raiseWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_Q));
    QCOMPARE(quit.count(), 1);

    // Without a tray, Esc must not close (that would quit); the tabs carry Alt mnemonics.
    window.setHideOnClose(false);
    QTest::keySequence(&window, QKeySequence(Qt::Key_Escape));
    QVERIFY(window.isVisible());
    auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->tabText(MainWindow::Accounts), QStringLiteral("&Accounts"));
    QTest::keySequence(&window, QKeySequence(Qt::ALT | Qt::Key_L));
    QCOMPARE(window.currentPage(), MainWindow::Logs);
}

void TestShell::failedProxyRestarts()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    QVERIFY(makeService(QStringLiteral("file"), blocker.serverPort()));
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    AppShell shell(*m_service, window);
    QObject::connect(&tray, &TrayController::startProxyRequested, &shell, &AppShell::startProxy);
    shell.launch();
    QCOMPARE(m_service->state(), ProxyService::State::Failed);
    QVERIFY(!m_service->lastError().isEmpty());
    QVERIFY(m_service->endpoint().isEmpty());

    auto *banner = window.findChild<QWidget *>(QStringLiteral("proxyBanner"));
    QPushButton *restart = button(&window, QStringLiteral("startProxyButton"));
    QVERIFY(banner && restart);
    QVERIFY(banner->isVisibleTo(&window));
    QCOMPARE(restart->text(), QStringLiteral("&Restart proxy"));
    QAction *trayStart = tray.menu()->findChild<QAction *>(QStringLiteral("startProxyAction"));
    if (!trayStart)
        trayStart = action(tray.menu(), QStringLiteral("startProxyAction"));
    QVERIFY(trayStart);
    QTRY_VERIFY(trayStart->isVisible());
    QTRY_COMPARE(trayStart->text(), QStringLiteral("Restart proxy"));
    QVERIFY(!action(tray.menu(), QStringLiteral("Copy endpoint"))->isEnabled());
    QVERIFY(!action(tray.menu(), QStringLiteral("Copy Claude Code settings"))->isEnabled());

    blocker.close();
    restart->click();
    QCOMPARE(m_service->state(), ProxyService::State::Running);
    QVERIFY(!m_service->endpoint().isEmpty());
    QVERIFY(!banner->isVisibleTo(&window));
    QTRY_VERIFY(action(tray.menu(), QStringLiteral("Copy endpoint"))->isEnabled());
    QTRY_VERIFY(!trayStart->isVisible());
}

void TestShell::stoppedProxyStartsAgain()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    AppShell shell(*m_service, window);
    QObject::connect(&tray, &TrayController::startProxyRequested, &shell, &AppShell::startProxy);
    shell.launch();
    QSignalSpy endpoint(m_service, &ProxyService::endpointChanged);
    QSignalSpy stopped(m_service, &ProxyService::stateChanged);
    m_service->stop(0, nullptr);
    QTRY_COMPARE(m_service->state(), ProxyService::State::Stopped);
    QVERIFY(!endpoint.isEmpty());
    QVERIFY(endpoint.last().at(0).toString().isEmpty());
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("proxyBanner"))->isVisibleTo(&window));
    QAction *trayStart = action(tray.menu(), QStringLiteral("startProxyAction"));
    QTRY_VERIFY(trayStart->isVisible());
    QCOMPARE(trayStart->text(), QStringLiteral("Start proxy"));
    trayStart->trigger();
    QCOMPARE(m_service->state(), ProxyService::State::Running);
    QVERIFY(!m_service->endpoint().isEmpty());
}

// The bug: the probe gave up after 8 s while gnome-keyring still asked for its password, and offered a fallback.
void TestShell::keychainAnsweredLateIsWaitedFor()
{
    QVERIFY(makeService(QStringLiteral("auto")));
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    KeychainGate::Answer pending;
    shell.setKeychainProbe([&pending](QObject *, KeychainGate::Answer answer) { pending = std::move(answer); });
    shell.launch();
    KeychainGate *gate = shell.keychainGate();
    QTRY_VERIFY(gate->waitingWindow());
    QVERIFY(gate->isPending());
    QVERIFY(!gate->question());
    QVERIFY(!shell.hasLaunched());
    QCOMPARE(m_service->state(), ProxyService::State::Stopped);
    auto *text = gate->waitingWindow()->findChild<QLabel *>();
    QVERIFY(text);
    QVERIFY(button(gate->waitingWindow(), QStringLiteral("useFileButton")));
    QVERIFY(button(gate->waitingWindow(), QStringLiteral("quitButton")));

    QVERIFY(pending);
    pending(true, QString());
    QTRY_VERIFY(shell.hasLaunched());
    QVERIFY(!gate->waitingWindow());
    QVERIFY(!gate->question());
    QCOMPARE(m_service->state(), ProxyService::State::Running);
    QCOMPARE(m_service->config().secretStore, QStringLiteral("auto"));
}

void TestShell::keychainFailureCanContinueWithoutAndRetry()
{
    QVERIFY(makeService(QStringLiteral("auto")));
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    bool answerOk = false;
    int probes = 0;
    shell.setKeychainProbe([&answerOk, &probes](QObject *, KeychainGate::Answer answer) {
        ++probes;
        answer(answerOk, answerOk ? QString() : QStringLiteral("The name org.freedesktop.secrets was not provided"));
    });
    shell.launch();
    KeychainGate *gate = shell.keychainGate();
    QTRY_VERIFY(gate->question());
    QVERIFY(gate->question()->informativeText().contains(QLatin1String("org.freedesktop.secrets")));
    // "Retry" asks again (and fails again), then "Continue without keychain".
    button(gate->question(), QStringLiteral("retryButton"))->click();
    QTRY_COMPARE(probes, 2);
    QTRY_VERIFY(gate->question());
    button(gate->question(), QStringLiteral("withoutButton"))->click();
    QTRY_VERIFY(shell.hasLaunched());
    QVERIFY(!shell.isQuitting());
    QCOMPARE(m_service->state(), ProxyService::State::Stopped);
    auto *keychainBanner = window.findChild<QWidget *>(QStringLiteral("keychainBanner"));
    QVERIFY(keychainBanner->isVisibleTo(&window));
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("proxyBanner"))->isVisibleTo(&window));
    bool saysWhy = false;
    for (const QLabel *label : keychainBanner->findChildren<QLabel *>())
        saysWhy = saysWhy || label->text().contains(QLatin1String("keychain is unavailable"));
    QVERIFY(saysWhy);

    // The keyring is unlocked now: the banner's Retry starts the proxy.
    answerOk = true;
    button(&window, QStringLiteral("keychainRetryButton"))->click();
    QTRY_COMPARE(m_service->state(), ProxyService::State::Running);
    QVERIFY(!keychainBanner->isVisibleTo(&window));
    QCOMPARE(probes, 3);
}

void TestShell::keychainWaitOffersAFile()
{
    QVERIFY(makeService(QStringLiteral("auto")));
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    KeychainGate::Answer pending;
    shell.setKeychainProbe([&pending](QObject *, KeychainGate::Answer answer) { pending = std::move(answer); });
    shell.launch();
    QTRY_VERIFY(shell.keychainGate()->waitingWindow());
    button(shell.keychainGate()->waitingWindow(), QStringLiteral("useFileButton"))->click();
    QTRY_VERIFY(shell.hasLaunched());
    QCOMPARE(m_service->config().secretStore, QStringLiteral("file"));
    QCOMPARE(m_service->state(), ProxyService::State::Running);
    // The keychain answering after the choice changes nothing.
    pending(true, QString());
    QCoreApplication::processEvents();
    QCOMPARE(m_service->config().secretStore, QStringLiteral("file"));
}

void TestShell::languageSwitchRelaunches()
{
    QVERIFY(makeService());
    SingleInstance instance(m_dir->path());
    QVERIFY(instance.claim());
    MainWindow window(*m_service);
    AppShell shell(*m_service, window);
    shell.setSingleInstance(&instance);
    shell.setArguments(
        {QStringLiteral("--windowed"), QStringLiteral("--page"), QStringLiteral("logs"), QStringLiteral("--hidden")});
    QString program;
    QStringList arguments;
    bool claimedByRelaunch = false;
    const QString dataDir = m_dir->path();
    shell.setLauncher([&](const QString &p, const QStringList &a) {
        program = p;
        arguments = a;
        SingleInstance next(dataDir); // the new process must be able to take the data directory over
        claimedByRelaunch = next.claim();
        return true;
    });
    shell.launch();
    window.show();
    window.showPage(MainWindow::Settings);

    Config next = m_service->config();
    next.language = QStringLiteral("zh_CN");
    QVERIFY(m_service->settings().apply(next).ok());
    QTRY_VERIFY(shell.languageQuestion());
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN")); // numbers and dates follow at once
    QPushButton *now = button(shell.languageQuestion(), QStringLiteral("restartNowButton"));
    QVERIFY(now);
    QTimer::singleShot(0, now, &QPushButton::click);
    QCOMPARE(runLoop(), 0);
    QCOMPARE(program, QCoreApplication::applicationFilePath());
    QCOMPARE(arguments,
             QStringList({QStringLiteral("--windowed"), QStringLiteral("--page"), QStringLiteral("settings")}));
    QVERIFY(claimedByRelaunch);
    QCOMPARE(m_service->state(), ProxyService::State::Stopped);
}

void TestShell::relaunchArguments_data()
{
    QTest::addColumn<QStringList>("in");
    QTest::addColumn<QStringList>("out");
    QTest::newRow("none") << QStringList() << QStringList({QStringLiteral("--page"), QStringLiteral("accounts")});
    QTest::newRow("page replaced") << QStringList({QStringLiteral("--page"), QStringLiteral("logs"),
                                                   QStringLiteral("--port"), QStringLiteral("0")})
                                   << QStringList({QStringLiteral("--port"), QStringLiteral("0"),
                                                   QStringLiteral("--page"), QStringLiteral("accounts")});
    QTest::newRow("page= and hidden dropped") << QStringList({QStringLiteral("--page=logs"), QStringLiteral("--hidden"),
                                                              QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")})
                                              << QStringList({QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"),
                                                              QStringLiteral("--page"), QStringLiteral("accounts")});
}

void TestShell::relaunchArguments()
{
    QFETCH(QStringList, in);
    QFETCH(QStringList, out);
    QCOMPARE(AppShell::relaunchArguments(in, QStringLiteral("accounts")), out);
}

void TestShell::trayAccountLinesOpenTheAccount()
{
    QVERIFY(makeService());
    QVERIFY(m_service->start().ok());
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    const QString a = addAccount(QStringLiteral("work"));
    const QString longName = QStringLiteral("a-very-long-account-name-that-would-make-the-whole-tray-menu-wide-%1")
                                 .arg(QString(40, QLatin1Char('z')));
    const QString b = addAccount(longName);
    auto line = [&tray](const QString &id) -> QAction * {
        for (QAction *action : tray.menu()->actions()) {
            if (action->data().toString() == id)
                return action;
        }
        return nullptr;
    };
    QTRY_VERIFY(line(a) && line(b));
    QVERIFY(line(a)->isEnabled());
    QCOMPARE(line(a)->icon().cacheKey(), TrayIcons::mark(TrayIcons::Mark::Active).cacheKey());
    const QString full = AccountPresenter::menuLine(m_service->accounts().account(b));
    QVERIFY(line(b)->text().size() < full.size());
    QVERIFY(line(b)->toolTip().contains(full));

    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_service->accounts().pool().reportFailure(a, throttle);
    QTRY_COMPARE(line(a)->icon().cacheKey(), TrayIcons::mark(TrayIcons::Mark::Cooling).cacheKey());
    m_service->accounts().pool().disable(b);
    QTRY_COMPARE(line(b)->icon().cacheKey(), TrayIcons::mark(TrayIcons::Mark::Unavailable).cacheKey());

    QVERIFY(!window.isVisible());
    line(a)->trigger();
    QVERIFY(window.isVisible());
    QCOMPARE(window.currentPage(), MainWindow::Accounts);
}

void TestShell::trayMarksAnAccountWaitingForItsSecretGrey()
{
    QVERIFY(makeService());
    QVERIFY(m_service->start().ok());
    const QString id = addAccount(QStringLiteral("locked"));
    bool stopped = false;
    m_service->stop(0, [&stopped] { stopped = true; });
    QTRY_VERIFY(stopped);
    delete m_service;
    // The next start: accounts.json lists the account, the keychain has not answered yet.
    QVERIFY(makeService());
    m_service->accounts().useSecretStore(std::make_unique<SilentSecretStore>());
    QVERIFY(m_service->start().ok());
    QVERIFY(m_service->accounts().contains(id));
    QVERIFY(!m_service->accounts().hasSecret(id));
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QAction *line = nullptr;
    for (QAction *a : tray.menu()->actions()) {
        if (a->data().toString() == id)
            line = a;
    }
    QVERIFY(line);
    QCOMPARE(line->icon().cacheKey(), TrayIcons::mark(TrayIcons::Mark::Unknown).cacheKey());
}

void TestShell::trayOffersImportWithoutAccounts()
{
    QVERIFY(makeService());
    QVERIFY(m_service->start().ok());
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    QAction *import = action(tray.menu(), QStringLiteral("importAccountAction"));
    QVERIFY(import);
    QVERIFY(import->isEnabled());
    import->trigger();
    QVERIFY(window.isVisible());
    QTRY_VERIFY(window.findChild<QDialog *>() && window.findChild<QDialog *>()->isVisible());
}

void TestShell::trayToolTipSaysWhy()
{
    QVERIFY(makeService());
    QVERIFY(m_service->start().ok());
    MainWindow window(*m_service);
    TrayController tray(*m_service, window);
    const QString a = addAccount(QStringLiteral("a"));
    addAccount(QStringLiteral("b"));
    const SettingDescriptor *strategy = SettingDescriptor::find(QStringLiteral("strategy"));
    QVERIFY(strategy);
    const QString label = strategy->choiceLabel(SelectionStrategy::name(m_service->accounts().strategy()));
    QTRY_VERIFY2(tray.toolTip().contains(
                     QCoreApplication::translate("TrayController", "%1 of %Ln account(s) usable", nullptr, 2).arg(2)),
                 qPrintable(tray.toolTip()));
    QVERIFY(tray.toolTip().contains(QLatin1String("Strategy: ") + label));
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_service->accounts().pool().reportFailure(a, throttle);
    // Amber now, and the tooltip says which account and why.
    QTRY_VERIFY2(tray.toolTip().contains(m_service->accounts().unavailableSummary()), qPrintable(tray.toolTip()));
    QVERIFY(!m_service->accounts().unavailableSummary().isEmpty());
}

void TestShell::windowRemembersGeometryAndPage()
{
    UiState::setFile(m_dir->filePath(QStringLiteral("ui-state.ini")));
    QVERIFY(makeService());
    {
        MainWindow window(*m_service);
        QVERIFY(window.minimumWidth() <= 800 && window.minimumHeight() <= 500);
        window.show();
        window.resize(850, 560);
        window.showPage(MainWindow::Logs);
        window.hide();
    }
    UiState::sync();
    UiState::setFile(m_dir->filePath(QStringLiteral("ui-state.ini"))); // read back from the file, as a new run
    MainWindow again(*m_service);
    QCOMPARE(again.currentPage(), MainWindow::Logs);
    QCOMPARE(again.size(), QSize(850, 560));
}

void TestShell::aboutNamesVersionsFolderAndLicence()
{
    QVERIFY(makeService());
    MainWindow window(*m_service);
    window.findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
    auto *about = window.findChild<AboutDialog *>();
    QVERIFY(about);
    QVERIFY(about->isVisible());
    const QString text = about->findChild<QLabel *>(QStringLiteral("aboutText"))->text();
    QVERIFY(text.contains(QCoreApplication::applicationVersion().toHtmlEscaped()));
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    QVERIFY(text.contains(QStringLiteral(QT_VERSION_STR)));
    QVERIFY(text.contains(QUrl::fromLocalFile(QDir(m_dir->path()).absolutePath()).toString(QUrl::FullyEncoded)));
    QVERIFY(text.contains(QLatin1String("MIT")));
    QVERIFY(text.contains(AboutDialog::readmeUrl().toString(QUrl::FullyEncoded)));
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
