// SPDX-License-Identifier: MIT
// kiro-tray: the desktop tray application — composition root: command line, single instance, translations.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QMenu>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QTimer>

#include "appshell.h"
#include "common/redactor.h"
#include "config/config.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "proxyservice.h"
#include "singleinstance.h"
#include "traycontroller.h"
#include "trayicons.h"
#include "uistate.h"

namespace {
QtMessageHandler g_defaultHandler = nullptr;

// Every log line is scrubbed (no secret reaches a log, whoever wrote the message), then written as Qt would.
void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_defaultHandler)
        g_defaultHandler(type, context, Redactor::scrub(message));
}
} // namespace

int main(int argc, char *argv[])
{
    // --version and --help must work without a display (CI, SSH sessions).
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h" || arg == "--help-all") {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("kiro-tray"));
            QCoreApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
            QCommandLineParser p;
            p.setApplicationDescription(
                QStringLiteral("Kiro Tray: use your Kiro Claude quota from any Anthropic API client"));
            p.addHelpOption();
            p.addVersionOption();
            p.addOptions(
                {{QStringLiteral("windowed"), QStringLiteral("Run without a tray icon (window mode).")},
                 {QStringLiteral("hidden"), QStringLiteral("Start in the tray without showing the window.")},
                 {QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir")},
                 {QStringLiteral("config"), QStringLiteral("Path of config.json."), QStringLiteral("file")},
                 {QStringLiteral("port"), QStringLiteral("Port to listen on (0 = any free port)."),
                  QStringLiteral("port")},
                 {QStringLiteral("page"), QStringLiteral("Page to show first: overview, accounts, logs, settings."),
                  QStringLiteral("name")}});
            p.process(core);
            return 0;
        }
    }
    g_defaultHandler = qInstallMessageHandler(scrubbingHandler);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kiro-tray"));
    QApplication::setOrganizationName(QStringLiteral("kiro-tray"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kiro Tray"));
    QApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    QApplication::setWindowIcon(TrayIcons::appIcon());
    QApplication::setDesktopFileName(QStringLiteral("kiro-tray"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kiro Tray: use your Kiro Claude quota from any Anthropic API client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption windowed(QStringLiteral("windowed"),
                                      QStringLiteral("Run without a tray icon (window mode)."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."),
                                     QStringLiteral("dir"));
    const QCommandLineOption configFile(QStringLiteral("config"), QStringLiteral("Path of config.json."),
                                        QStringLiteral("file"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on (0 = any free port)."),
                                  QStringLiteral("port"));
    const QCommandLineOption hidden(QStringLiteral("hidden"),
                                    QStringLiteral("Start in the tray without showing the window."));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Page to show first: overview, accounts, logs, settings."),
                                  QStringLiteral("name"));
    // Opens the tray menu at a screen position without a tray host (documentation screenshots).
    QCommandLineOption popupMenu(QStringLiteral("popup-tray-menu"), QStringLiteral("Show the tray menu at x,y."),
                                 QStringLiteral("x,y"));
    popupMenu.setFlags(QCommandLineOption::HiddenFromHelp);
    // Opens a dialog once the window shows (documentation screenshots: no window manager delivers the shortcut).
    QCommandLineOption openDialog(QStringLiteral("open-dialog"), QStringLiteral("Open a dialog: import or about."),
                                  QStringLiteral("name"));
    openDialog.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({windowed, dataDir, configFile, port, hidden, page, popupMenu, openDialog});
    parser.process(app);

    ConfigOverrides overrides;
    overrides.dataDir = parser.value(dataDir);
    overrides.configPath = parser.value(configFile);
    if (parser.isSet(port))
        overrides.port = parser.value(port).toInt();
    auto config = Config::load(overrides, QProcessEnvironment::systemEnvironment());
    if (!config) {
        QMessageBox::critical(nullptr, QObject::tr("Kiro Tray"),
                              QObject::tr("The configuration cannot be read:\n%1").arg(config.error()));
        return 2;
    }
    AppShell::installTranslations(config->language);
    // What the window remembers (geometry, last page, column widths) lives next to config.json.
    UiState::setFile(QDir(config->dataDir).filePath(QStringLiteral("ui-state.ini")));

    SingleInstance instance(config->dataDir);
    if (!instance.claim())
        return 0;

    ProxyService service(config.value(), ProxyService::Mode::Desktop);
    // First run: a random client key, so nothing on this machine can use the quota without it.
    if (service.config().apiKey.isEmpty()) {
        const auto key = service.regenerateApiKey();
        if (!key)
            QMessageBox::warning(nullptr, QObject::tr("No API key"),
                                 QObject::tr("Kiro Tray could not create its API key (%1). The proxy answers on this "
                                             "machine only, without a key, until Settings can be saved.")
                                     .arg(key.error()));
    }

    MainWindow window(service);
    QObject::connect(&instance, &SingleInstance::activationRequested, &window, &MainWindow::raiseWindow);
    AppShell shell(service, window);
    shell.setSingleInstance(&instance);

    TrayController tray(service, window);
    QObject::connect(&tray, &TrayController::quitRequested, &shell, &AppShell::quit);
    QObject::connect(&tray, &TrayController::startProxyRequested, &shell, &AppShell::startProxy);
    QObject::connect(&shell, &AppShell::finished, &tray, &TrayController::hideIcon);
    const bool trayShown = !parser.isSet(windowed) && tray.start(60000);

    // The keychain may be showing its unlock prompt: the shell waits for it (with a window saying so) before the
    // proxy loads any account.
    {
        QEventLoop loop;
        QObject::connect(&shell, &AppShell::launched, &loop, &QEventLoop::quit);
        QObject::connect(&shell, &AppShell::finished, &loop, &QEventLoop::quit);
        shell.launch();
        if (!shell.hasLaunched() && !shell.hasFinished())
            loop.exec();
    }
    if (shell.isQuitting())
        return 0; // the user chose Quit while the keychain was asked

    const int first = MainWindow::pageFromName(parser.value(page));
    const bool running = service.state() == ProxyService::State::Running;
    if (first >= 0)
        window.showPage(MainWindow::Page(first));
    else if (service.state() == ProxyService::State::Failed)
        window.showPage(MainWindow::Settings);
    // A proxy that does not run must be seen (its banner says why and offers Restart), tray or not.
    if (!trayShown || !parser.isSet(hidden) || !running)
        window.show();
    if (parser.isSet(popupMenu)) {
        const QStringList xy = parser.value(popupMenu).split(QLatin1Char(','));
        QTimer::singleShot(1500, &tray,
                           [&tray, xy] { tray.menu()->popup(QPoint(xy.value(0).toInt(), xy.value(1).toInt())); });
    }
    if (parser.value(openDialog) == QLatin1String("import"))
        QTimer::singleShot(800, &window, &MainWindow::openImportDialog);
    else if (parser.value(openDialog) == QLatin1String("about"))
        QTimer::singleShot(800, &window, &MainWindow::showAbout);
    // Any other end of the loop (the session ending) still closes the listener.
    QObject::connect(&app, &QApplication::aboutToQuit, &service, [&service, &shell] {
        if (!shell.hasFinished())
            service.stop(0, nullptr);
    });
    const int code = app.exec();
    UiState::sync();
    return code;
}
