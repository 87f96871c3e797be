// SPDX-License-Identifier: MIT
// kiro-tray: the desktop tray application — composition root: command line, single instance, translations.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QTimer>
#include <QTranslator>

#include "accounts/keychainsecretstore.h"
#include "common/redactor.h"
#include "config/config.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "proxyservice.h"
#include "singleinstance.h"
#include "translations.h"
#include "traycontroller.h"
#include "trayicons.h"

namespace {
QtMessageHandler g_defaultHandler = nullptr;

// Every log line is scrubbed (no secret reaches a log, whoever wrote the message), then written as Qt would.
void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_defaultHandler)
        g_defaultHandler(type, context, Redactor::scrub(message));
}

void installTranslations(QApplication &app, const QString &language)
{
    static QTranslator ours;
    static QTranslator qt;
    app.removeTranslator(&ours);
    app.removeTranslator(&qt);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (Translations::load(ours, locale))
        app.installTranslator(&ours);
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qt);
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
    parser.addOptions({windowed, dataDir, configFile, port, hidden, page, popupMenu});
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
    installTranslations(app, config->language);

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
    // Secrets belong in the OS keychain. When none answers, ask before falling back to a 0600 file.
    if (service.config().secretStore == QLatin1String("auto")) {
        KeychainSecretStore probeStore;
        QEventLoop loop;
        bool keychainOk = false;
        QString why;
        probeStore.probe(&loop, [&](bool ok, const QString &error) {
            keychainOk = ok;
            why = error;
            loop.quit();
        });
        QTimer::singleShot(8000, &loop, &QEventLoop::quit);
        loop.exec();
        if (!keychainOk) {
            const auto answer = QMessageBox::question(
                nullptr, QObject::tr("No keychain available"),
                QObject::tr("Kiro Tray could not reach the system keychain (%1).\n\nStore account secrets in a file "
                            "readable only by you (%2, mode 0600) instead?")
                    .arg(why.isEmpty() ? QObject::tr("no answer") : why,
                         QDir(service.config().dataDir).filePath(QStringLiteral("secrets.json"))));
            if (answer != QMessageBox::Yes)
                return 1;
            Config next = service.config();
            next.secretStore = QStringLiteral("file");
            service.applyConfig(next);
        }
    }

    const auto started = service.start();
    MainWindow window(service);
    QObject::connect(&instance, &SingleInstance::activationRequested, &window, &MainWindow::raiseWindow);
    QObject::connect(&service.settings(), &Settings::changed, &app, [&app, &service](const QString &key) {
        if (key != QLatin1String("language"))
            return;
        installTranslations(app, service.config().language);
        QMessageBox::information(nullptr, QObject::tr("Language"),
                                 QObject::tr("The new language applies fully after a restart."));
    });

    TrayController tray(service, window);
    auto quit = [&service] { service.stop(5000, [] { QApplication::quit(); }); };
    QObject::connect(&tray, &TrayController::quitRequested, &app, quit);
    const bool trayShown = !parser.isSet(windowed) && tray.start(parser.isSet(windowed) ? 0 : 60000);

    const QString first = parser.value(page).toLower();
    if (first == QLatin1String("accounts"))
        window.showPage(MainWindow::Accounts);
    else if (first == QLatin1String("logs"))
        window.showPage(MainWindow::Logs);
    else if (first == QLatin1String("settings") || !started)
        window.showPage(MainWindow::Settings);
    if (!trayShown || !parser.isSet(hidden) || !started)
        window.show();
    if (!started) {
        QTimer::singleShot(0, &window, [&window, error = started.error()] {
            QMessageBox::warning(&window, QObject::tr("The proxy did not start"),
                                 QObject::tr("%1\n\nChange the host or port in Settings and press Apply.").arg(error));
        });
    }
    if (parser.isSet(popupMenu)) {
        const QStringList xy = parser.value(popupMenu).split(QLatin1Char(','));
        QTimer::singleShot(1500, &tray,
                           [&tray, xy] { tray.menu()->popup(QPoint(xy.value(0).toInt(), xy.value(1).toInt())); });
    }
    QObject::connect(&app, &QApplication::aboutToQuit, &service, [&service] { service.stop(0, nullptr); });
    return app.exec();
}
